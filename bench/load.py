"""Load test, loopback only and bounded: ``make bench``.

Two gunicorn processes (production settings, one shared Redis, one database: PostgreSQL when
DATABASE_URL points at one, else SQLite) hold 100 concurrent connections for 30 s from ``wrk``
(Debian package, one thread, 50 connections per process), while an editor publishes a page every
two seconds. It fails (exit 1) on any socket error, timeout or non-2xx answer.

Options by environment: BENCH_SECONDS (30), BENCH_CONNECTIONS (100).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import servers  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "100"))
RESULTS = ROOT / "bench" / "results"
PATHS_LUA = """
paths = {"/de/", "/ar/", "/de/ak-migration-loerrach/", "/uk/", "/de/ak-migration-waldshut/", "/healthz"}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
"""
PUBLISH = (
    "from home.models import WorkingGroupPage as W\n"
    "p = W.objects.filter(locale__language_code='de').order_by('path').first()\n"
    "p.search_description = 'Beispiel: Lasttest {n}'\n"
    "p.save_revision().publish()\n"
)


def parse_wrk(output):
    def number(pattern, default=0.0):
        match = re.search(pattern, output)
        return float(match.group(1)) if match else default

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests": int(number(r"(\d+) requests in")),
        "requests_per_second": number(r"Requests/sec:\s+([\d.]+)"),
        "non_2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": sum(int(value) for value in errors.groups()) if errors else 0,
        "latency": re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", output).groups(),
    }


def editor(env, stop, published):
    n = 0
    while not stop.is_set():
        n += 1
        servers.manage(env, "shell", "-c", PUBLISH.format(n=n))
        published.append(time.monotonic())
        stop.wait(2)


def main():
    wrk = shutil.which("wrk") or "/usr/bin/wrk"
    redis = servers.RedisServer().start()
    workdir = Path(tempfile.mkdtemp(prefix="ak-bench-"))
    processes = []
    try:
        database_url, drop_database = servers.new_database_url(workdir)
        env = servers.production_env(workdir, database_url, REDIS_URL=redis.url, PAGE_CACHE_SECONDS="600")
        for _ in range(2):
            processes.append(servers.start_gunicorn(env, servers.free_port(), workers=2, threads=4))
        script = workdir / "paths.lua"
        script.write_text(PATHS_LUA)
        stop, published = threading.Event(), []
        publisher = threading.Thread(target=editor, args=(env, stop, published), daemon=True)
        publisher.start()
        runs = [
            subprocess.Popen(
                [wrk, "-t1", f"-c{CONNECTIONS // 2}", f"-d{SECONDS}s", "--timeout", "5s", "-s", str(script), url],
                stdout=subprocess.PIPE, text=True,
            )
            for _process, url in processes
        ]
        outputs = [run.communicate(timeout=SECONDS + 60)[0] for run in runs]
        stop.set()
        publisher.join(30)
        results = [parse_wrk(output) for output in outputs]
        summary = {
            "seconds": SECONDS,
            "connections": CONNECTIONS,
            "processes": 2,
            "publishes": len(published),
            "requests": sum(r["requests"] for r in results),
            "requests_per_second": round(sum(r["requests_per_second"] for r in results), 1),
            "errors": sum(r["non_2xx"] + r["socket_errors"] for r in results),
            "latency_avg_stdev_max": [r["latency"] for r in results],
        }
        for output in outputs:
            print(output)
        print(json.dumps(summary, indent=2))
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "load.json").write_text(json.dumps(summary, indent=2) + "\n")
        drop_database()
        return 0 if summary["errors"] == 0 and summary["publishes"] > 0 else 1
    finally:
        for process, _url in processes:
            servers.stop(process)
        redis.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
