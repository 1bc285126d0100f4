"""SQLite as the default database for several people at once.

An editor's browser sends the autosave request and the "submit for review" request at the same
moment; both transactions read before they write. In SQLite's default (deferred) mode the second
writer is refused at once with "database is locked" (a 500 in the admin), whatever the busy
timeout. The site's settings make every transaction take the write lock when it begins, so the
second one waits its turn. These tests run the same two transactions against real SQLite
connections built from the site's database settings, and once with SQLite's defaults to show the
failure they prevent.
"""

import threading

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite settings only"
)


@pytest.fixture(autouse=True)
def own_database_files(django_db_blocker):
    """These tests open their own SQLite files, never the demo database."""
    with django_db_blocker.unblock():
        yield


def connect(path, options):
    connection = DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(path), "OPTIONS": options}, alias="probe")
    connection.ensure_connection()
    return connection


def read_then_write_together(path, options):
    """Two transactions that each read, wait until the other has read too, then write."""
    setup = connect(path, options)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS draft (id INTEGER PRIMARY KEY, title TEXT)")
    setup.close()

    both_have_read = threading.Barrier(2, timeout=10)
    errors = []

    def save(title):
        connection = connect(path, options)
        connections["probe"] = connection  # per thread, so that Django's own atomic() opens the transaction
        try:
            with transaction.atomic(using="probe"), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM draft")
                try:
                    both_have_read.wait(timeout=1)
                except threading.BrokenBarrierError:
                    pass  # with the write lock taken at BEGIN, the other transaction is still waiting
                cursor.execute("INSERT INTO draft (title) VALUES (%s)", [title])
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connection.close()
            del connections["probe"]

    threads = [threading.Thread(target=save, args=(title,)) for title in ("Autosave", "Zur Prüfung einreichen")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    check = connect(path, options)
    with check.cursor() as cursor:
        cursor.execute("SELECT title FROM draft ORDER BY title")
        saved = [row[0] for row in cursor.fetchall()]
    check.close()
    return saved, errors


def test_two_editors_saving_at_the_same_moment_both_succeed(tmp_path):
    saved, errors = read_then_write_together(tmp_path / "site.sqlite3", settings.DATABASES["default"]["OPTIONS"])
    assert errors == []
    assert saved == ["Autosave", "Zur Prüfung einreichen"]


def test_without_the_settings_the_second_save_is_refused(tmp_path):
    saved, errors = read_then_write_together(tmp_path / "site.sqlite3", {"timeout": 5})
    assert errors == ["database is locked"]
    assert len(saved) == 1


def test_readers_are_not_blocked_by_a_writer(tmp_path):
    options = settings.DATABASES["default"]["OPTIONS"]
    writer = connect(tmp_path / "site.sqlite3", options)
    with writer.cursor() as cursor:
        cursor.execute("CREATE TABLE page (title TEXT)")
        cursor.execute("INSERT INTO page VALUES ('Willkommen')")
        cursor.execute("BEGIN IMMEDIATE")
        cursor.execute("UPDATE page SET title = 'Entwurf'")
        reader = connect(tmp_path / "site.sqlite3", {**options, "timeout": 0})
        with reader.cursor() as read:
            read.execute("SELECT title FROM page")
            assert read.fetchone()[0] == "Willkommen"
            read.execute("PRAGMA journal_mode")
            assert read.fetchone()[0] == "wal"
        reader.close()
        cursor.execute("COMMIT")
    writer.close()
