"""The demo site's database, built once per state of its sources and then copied for every use.

Migrating and loading the demo content takes minutes (13 locales, every segment translated
through wagtail-localize). The result depends only on the migrations, the demo sources, the
models and signals that shape what is saved, the pinned requirements and the day it was loaded
on (example events are dated relative to that day). So it is built once for a hash of those
(``source_key``) and kept: a SQLite file under ``.test-cache/`` or a PostgreSQL template
database ``ak_demo_<key>`` on the cluster of ``DATABASE_URL``. Each test session, live server
and production-like server then starts from a copy (a file copy, or ``CREATE DATABASE ... TEMPLATE``),
which takes well under a second.

The build runs ``migrate`` and ``load_demo_content`` in a child process under the test settings,
so it never touches the connection of the process that asks for it.
"""

import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE_DIR = ROOT / ".test-cache"
# What decides the content of the demo database. A change anywhere else (views, templates,
# tests) reuses the cached database.
SOURCE_PATTERNS = ["**/migrations/*.py", "demo/**/*", "**/models.py", "**/signals.py", "**/apps.py",
                   "home/*.py", "translations/*.py", "editorial/*.py", "operations/*.py", "operations/seed_de.txt",
                   "terminology/seed.py", "terminology/data/*",
                   "requirements.txt",
                   "cms/settings/*.py"]
SKIPPED_PARTS = {".venv", ".git", ".test-cache", "node_modules", "tests", "bench", "__pycache__"}
KEEP_SQLITE_FILES = 3


def _sources():
    found = set()
    for pattern in SOURCE_PATTERNS:
        for path in ROOT.glob(pattern):
            relative = path.relative_to(ROOT)
            if path.is_file() and not SKIPPED_PARTS.intersection(relative.parts):
                found.add(relative)
    return sorted(found)


def source_key():
    """A short hash of every file that shapes the demo database, the database engine and today's date."""
    digest = hashlib.sha256()
    for relative in _sources():
        digest.update(str(relative).encode() + b"\0" + (ROOT / relative).read_bytes() + b"\0")
    digest.update(_engine().encode())
    digest.update(date.today().isoformat().encode())
    return digest.hexdigest()[:16]


def _base_url():
    return os.environ.get("DATABASE_URL", "")


def _engine():
    return "postgres" if _base_url().startswith("postgres") else "sqlite"


def _postgres_url(name):
    return _base_url().rsplit("/", 1)[0] + f"/{name}"


def _postgres(statement):
    import psycopg

    with psycopg.connect(_postgres_url("postgres"), autocommit=True) as connection:
        cursor = connection.execute(statement)
        return cursor.fetchall() if cursor.description else None


# Seconds each step of the demo builds of this test run took, printed at the end of the run (tests/conftest.py):
# (engine, {step: (wall-clock seconds, CPU seconds user+sys)}). CPU seconds say more on a busy machine.
BUILD_SECONDS = []


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _build(database_url):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": database_url}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    timings = {}
    for command in (["migrate", "--no-input", "-v0"], ["load_demo_content"]):
        started, cpu = time.monotonic(), _children_cpu()
        result = subprocess.run([sys.executable, str(ROOT / "manage.py"), *command], cwd=ROOT, env=env,
                                capture_output=True, text=True)
        timings[command[0]] = (time.monotonic() - started, _children_cpu() - cpu)
        if result.returncode:
            raise RuntimeError(f"building the demo database failed in {' '.join(command)}:\n{result.stderr[-4000:]}")
    BUILD_SECONDS.append((_engine(), timings))


def _sqlite_template(key):
    target = CACHE_DIR / f"demo-{key}.sqlite3"
    if target.exists():
        return target
    CACHE_DIR.mkdir(exist_ok=True)
    building = CACHE_DIR / f"building-{uuid.uuid4().hex[:8]}.sqlite3"
    try:
        _build(f"sqlite:///{building}")
        os.replace(building, target)  # atomic: a concurrent run sees the whole file or none
    finally:
        _remove_sqlite(building)
    for old in sorted(CACHE_DIR.glob("demo-*.sqlite3"), key=lambda path: path.stat().st_mtime)[:-KEEP_SQLITE_FILES]:
        old.unlink(missing_ok=True)
    return target


def _postgres_template(key):
    name = f"ak_demo_{key}"
    if _postgres(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
        return name
    building = f"{name}_building_{uuid.uuid4().hex[:6]}"
    _postgres(f'CREATE DATABASE "{building}"')
    try:
        _build(_postgres_url(building))
        _postgres(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    except Exception:
        _postgres(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
        raise
    return name


def template():
    """The cached demo database for the current sources (built now if there is none yet)."""
    key = source_key()
    return _postgres_template(key) if _engine() == "postgres" else _sqlite_template(key)


def fresh_copy(workdir=None):
    """A new database holding the demo site: returns its URL and a function that removes it."""
    source = template()
    if _engine() == "postgres":
        name = f"demo_copy_{uuid.uuid4().hex[:10]}"
        _postgres(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        return _postgres_url(name), lambda: _postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    folder = Path(workdir or tempfile.mkdtemp(prefix="ak-demo-db-"))
    target = folder / f"demo-{uuid.uuid4().hex[:8]}.sqlite3"
    shutil.copyfile(source, target)
    return f"sqlite:///{target}", lambda: _remove_sqlite(target)


def _remove_sqlite(path):
    """The database file and the write-ahead log and shared-memory files SQLite keeps beside it in WAL mode."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
