"""/healthz: what a load balancer asks before sending visitors to this process."""

import json
from unittest import mock

import pytest
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_shows_no_configuration(client, settings):
    body = client.get("/healthz").content.decode()
    for secret in (settings.SECRET_KEY, settings.DATABASES["default"]["NAME"].__str__(), "sqlite", "postgres"):
        assert secret not in body


def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"


def test_healthz_stays_up_but_degraded_when_the_cache_is_down(client):
    with mock.patch("django.core.cache.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "degraded", "database": "ok", "cache": "error"}


def test_healthz_is_503_when_the_sqlite_file_is_gone(client, tmp_path):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    missing = tmp_path / "geloescht.sqlite3"
    with mock.patch.dict(connection.settings_dict, {"NAME": str(missing)}):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"
    assert not missing.exists()
