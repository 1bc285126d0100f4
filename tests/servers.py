"""Real app processes under production settings, for the CSP, scale-out and load tests.

The site is served by gunicorn on loopback ports with ``cms.settings.production``, exactly as
live, except that it speaks plain http (SECURE_SSL_REDIRECT and the secure-cookie switches are
off) because there is no TLS terminator in front of it here.
"""

import atexit
import functools
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from tests import demo_database

ROOT = Path(__file__).resolve().parents[1]
ADMIN_USERNAME = "betrieb"
ADMIN_PASSWORD = "Produktions-Test-Passwort-5821"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True, capture_output=True, **kwargs
    )


def production_env(workdir, database_url, **extra):
    """Production settings for a server process, with hashed static files collected."""
    return command_env(workdir, database_url, STATIC_ROOT=collected_static(), **extra)


def command_env(workdir, database_url, **extra):
    """Production settings for management commands (no static files needed)."""
    return {
        # The browser fixtures allow Django's sync ORM under Playwright's loop; production does not.
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DEMO_CONTENT": "true",  # test servers run the example site under production settings
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Loopback servers have no public address to derive the mails' links from (cms/settings/production.py).
        "WAGTAILADMIN_BASE_URL": os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000"),
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(Path(workdir) / "media"),
        "ADMIN_USERNAME": ADMIN_USERNAME,
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
        "LOG_LEVEL": "ERROR",
        **extra,
    }


@functools.cache
def collected_static():
    """Hashed, compressed static files, collected once per test run (about 40 s)."""
    target = Path(tempfile.mkdtemp(prefix="ak-static-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000",
        "STATIC_ROOT": str(target),
    }
    manage(env, "collectstatic", "--no-input", "-v0")
    return str(target)


def _postgres_admin_dsn():
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"


def _postgres(statement):
    import psycopg

    with psycopg.connect(_postgres_admin_dsn(), autocommit=True) as connection:
        connection.execute(statement)


@functools.cache
def _prepared_template():
    """The cached demo database plus the production admin account, prepared once per test run and then copied."""
    workdir = tempfile.mkdtemp(prefix="ak-template-")
    atexit.register(shutil.rmtree, workdir, True)
    url, remove = demo_database.fresh_copy(workdir)
    atexit.register(remove)
    manage(command_env(workdir, url), "ensure_admin")
    return url.rsplit("/", 1)[1] if url.startswith("postgres") else url.removeprefix("sqlite:///")


def new_database_url(workdir):
    """A fresh copy of the prepared demo site: a SQLite file, or a new PostgreSQL database.

    Returns the database URL and a function that removes the copy.
    """
    template = _prepared_template()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        target = Path(workdir) / "site.sqlite3"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}", lambda: None
    name = f"prod_{uuid.uuid4().hex[:10]}"
    _postgres(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}", lambda: _postgres(
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    )


def start_gunicorn(env, port, workers=1, threads=1):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--threads",
            str(threads),
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited with {process.returncode}")
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            return process, url
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"gunicorn on port {port} did not start")


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


class RedisServer:
    """A throwaway redis-server (Debian package) on a free loopback port, no persistence."""

    def __init__(self):
        self.port = free_port()
        self.workdir = tempfile.mkdtemp(prefix="ak-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.workdir, "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process:
            stop(self.process)
        shutil.rmtree(self.workdir, ignore_errors=True)
