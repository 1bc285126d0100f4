"""Nothing lost: a backup taken, data changed, the backup restored gives back exactly what was there.

Runs the real commands (``backup_site``, ``restore_site``, as ``make backup`` / ``make restore`` do)
in separate processes against a copy of the demo site on the suite's database engine
(PostgreSQL: pg_dump/pg_restore; SQLite: the online backup API), and compares every row of
every page, revision, translation, snippet, directory entry and event, and the uploaded files.
"""

import hashlib
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

import pytest

from tests import servers

DIGESTED_APPS = ["wagtailcore", "home", "orgdirectory", "events", "wagtail_localize", "wagtailimages", "wagtaildocs"]


def digest():
    """{model: [rows, sha256 of all rows]} for every model of the apps whose data matters."""
    from django.apps import apps

    result = {}
    for label in DIGESTED_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            rows = list(model.objects.order_by("pk").values())
            encoded = json.dumps(rows, default=str, sort_keys=True).encode()
            result[model._meta.label] = [len(rows), hashlib.sha256(encoded).hexdigest()]
    return json.dumps(result, sort_keys=True)


CHANGE_EVERYTHING = """
from wagtail.models import Page, Revision
from home.models import WorkingGroupPage
page = WorkingGroupPage.objects.filter(locale__language_code='de').first()
page.title = 'Beispiel: nach der Sicherung geändert'
page.save_revision().publish()
Page.objects.filter(locale__language_code='ar', depth__gt=2).last().delete()
from wagtail_localize.models import StringTranslation
StringTranslation.objects.filter(locale__language_code='uk').delete()
for label in ('orgdirectory', 'events'):
    from django.apps import apps
    for model in apps.get_app_config(label).get_models():
        obj = model.objects.first()
        if obj is not None and not isinstance(obj, Page):
            obj.delete()
            break
"""


@pytest.fixture
def site():
    workdir = Path(tempfile.mkdtemp(prefix="ak-backup-test-"))
    database_url, drop_database = servers.new_database_url(workdir)
    env = servers.command_env(workdir, database_url, BACKUP_DIR=str(workdir / "backups"))
    media = workdir / "media" / "documents"
    media.mkdir(parents=True)
    (media / "protokoll.pdf").write_bytes(b"%PDF-1.4 Beispiel\n%%EOF\n")
    yield env, workdir
    drop_database()
    shutil.rmtree(workdir, ignore_errors=True)


def state(env):
    out = servers.manage(env, "shell", "-c", "from tests.test_backup import digest; print(digest())", text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_backup_change_restore_gives_back_everything(site):
    env, workdir = site
    before = state(env)
    assert before["wagtailcore.Page"][0] > 30 and before["wagtailcore.Revision"][0] > 30
    assert before["wagtail_localize.StringTranslation"][0] > 0

    output = servers.manage(env, "backup_site", "--output-dir", str(workdir / "backups"), text=True).stdout
    archive = Path(output.strip().splitlines()[-1])
    assert archive.name.startswith("ak-backup-") and archive.name.endswith(".tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "media/documents/protokoll.pdf" in names
    assert ("database.dump" in names) or ("database.sqlite3" in names)

    servers.manage(env, "shell", "-c", CHANGE_EVERYTHING)
    (workdir / "media" / "documents" / "protokoll.pdf").unlink()
    (workdir / "media" / "fremd.txt").write_text("nach der Sicherung hinzugekommen")
    changed = state(env)
    assert changed["wagtailcore.Page"] != before["wagtailcore.Page"]
    assert changed["wagtailcore.Revision"] != before["wagtailcore.Revision"]

    servers.manage(env, "restore_site", str(archive), "--no-input")
    after = state(env)
    assert after == before
    assert (workdir / "media" / "documents" / "protokoll.pdf").read_bytes().startswith(b"%PDF")
    assert not (workdir / "media" / "fremd.txt").exists()


def test_restore_refuses_a_file_that_is_no_backup(site):
    env, workdir = site
    bogus = workdir / "kein-backup.tar.gz"
    bogus.write_bytes(b"nicht gepackt")
    with pytest.raises(Exception) as error:
        servers.manage(env, "restore_site", str(bogus), "--no-input", text=True)
    assert "Keine lesbare Sicherung" in error.value.stderr
