"""Consistent backups of the database and the uploaded files, and their restore.

A backup is one dated ``.tar.gz`` holding
  ``database.dump``    PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot), or
  ``database.sqlite3`` SQLite: a copy made with SQLite's online backup API (consistent while the
                       site keeps running, unlike copying the file),
  ``media/``           every uploaded image and document,
  ``manifest.json``    when, from which database engine, and how many pages, revisions and
                       translations it holds (a quick plausibility check before restoring).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

ARCHIVE_PREFIX = "ak-backup-"
COUNTED_MODELS = ["wagtailcore.Page", "wagtailcore.Revision", "wagtailcore.Locale", "wagtail_localize.Translation"]


class BackupError(Exception):
    pass


def _database():
    return settings.DATABASES["default"]


def _engine():
    engine = _database()["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite" in engine:
        return "sqlite"
    raise BackupError(f"Datenbank-Typ wird nicht unterstützt: {engine}")


def _postgres_args_and_env():
    db = _database()
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _postgres_tool(name):
    """The newest installed client (Debian keeps them under /usr/lib/postgresql/<version>/bin)."""
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    return str(candidates[-1]) if candidates else shutil.which(name) or name


def counts():
    result = {}
    for label in COUNTED_MODELS:
        try:
            result[label] = apps.get_model(label).objects.count()
        except LookupError:
            continue
    return result


def backup(target_dir):
    """Write a dated archive into ``target_dir`` and return its path."""
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    archive = target_dir / f"{ARCHIVE_PREFIX}{stamp}.tar.gz"
    engine = _engine()
    with tempfile.TemporaryDirectory(prefix="ak-backup-") as workdir:
        workdir = Path(workdir)
        if engine == "postgresql":
            args, env = _postgres_args_and_env()
            dump = workdir / "database.dump"
            subprocess.run(
                [_postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", "--file", str(dump), *args],
                env=env, check=True, capture_output=True,
            )
        else:
            source = sqlite3.connect(str(_database()["NAME"]))
            copy = sqlite3.connect(str(workdir / "database.sqlite3"))
            with copy:
                source.backup(copy)
            copy.close()
            source.close()
        manifest = {"created": datetime.now().isoformat(timespec="seconds"), "engine": engine, "counts": counts()}
        (workdir / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            for name in ("manifest.json", "database.dump", "database.sqlite3"):
                if (workdir / name).exists():
                    tar.add(workdir / name, arcname=name)
            media = Path(settings.MEDIA_ROOT)
            if media.exists():
                tar.add(media, arcname="media")
        partial.rename(archive)  # a half-written archive never carries the final name
    return archive


def read_manifest(archive):
    with tarfile.open(archive, "r:gz") as tar:
        return json.load(tar.extractfile("manifest.json"))


def restore(archive):
    """Replace the database and the uploaded files with the archive's content."""
    archive = Path(archive)
    manifest = read_manifest(archive)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"Die Sicherung stammt aus {manifest['engine']}, diese Installation nutzt {engine}.")
    with tempfile.TemporaryDirectory(prefix="ak-restore-") as workdir:
        workdir = Path(workdir)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(workdir, filter="data")
        connections.close_all()
        if engine == "postgresql":
            args, env = _postgres_args_and_env()
            subprocess.run(
                [_postgres_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-acl",
                 "--single-transaction", *args, str(workdir / "database.dump")],
                env=env, check=True, capture_output=True,
            )
        else:
            source = sqlite3.connect(str(workdir / "database.sqlite3"))
            target = sqlite3.connect(str(_database()["NAME"]))
            with target:
                source.backup(target)
            target.close()
            source.close()
        _restore_media(workdir / "media", Path(settings.MEDIA_ROOT))
    _forget_cached_pages()
    return manifest


def _restore_media(source, media_root):
    if media_root.exists():
        for child in media_root.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    media_root.mkdir(parents=True, exist_ok=True)
    if source.exists():
        shutil.copytree(source, media_root, dirs_exist_ok=True)


def _forget_cached_pages():
    from django.core.cache import cache

    try:
        cache.clear()
    except Exception:  # noqa: BLE001 - a cache outage must not fail a restore
        pass
