"""A throwaway PostgreSQL cluster on a loopback port, as .ci/run starts one (initdb + pg_ctl in a temp dir)."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile


def _bin(name):
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    found = candidates[-1] if candidates else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PostgreSQL (apt-get install postgresql)")
    return found


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="ak-bench-pg-")
        self.port = _free_port()
        self.data = os.path.join(self.dir, "data")

    def _run(self, *args):
        command = list(args)
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    def start(self):
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self._run(_bin("initdb"), "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
        self._run(
            _bin("pg_ctl"), "-D", self.data, "-l", os.path.join(self.dir, "log"), "-w",
            "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off", "start",
        )
        self._run(_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "bench")
        return self

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/bench"

    def stop(self):
        try:
            self._run(_bin("pg_ctl"), "-D", self.data, "-m", "immediate", "stop")
        except (subprocess.CalledProcessError, SystemExit):
            pass
        shutil.rmtree(self.dir, ignore_errors=True)
