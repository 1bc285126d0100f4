"""Production settings: the deploy checks pass and every hardening header is sent."""

import base64
import hashlib
import json
import logging
import os
import re
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_with_production_settings(*args, **environment):
    env = {
        **{name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        **environment,
    }
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_check_deploy_reports_nothing():
    result = run_with_production_settings("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_with_production_settings("check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_values():
    code = (
        "from django.conf import settings as s; import json; print(json.dumps({"
        "'hsts': s.SECURE_HSTS_SECONDS, 'ssl': s.SECURE_SSL_REDIRECT, 'session': s.SESSION_COOKIE_SECURE,"
        "'csrf': s.CSRF_COOKIE_SECURE, 'referrer': s.SECURE_REFERRER_POLICY, 'conn': s.DATABASES['default']['CONN_MAX_AGE'],"
        "'engine': s.DATABASES['default']['ENGINE'], 'cache': s.CACHES['default']['BACKEND'],"
        "'static': s.STORAGES['staticfiles']['BACKEND'], 'media': s.STORAGES['default']['BACKEND'], 'debug': s.DEBUG}))"
    )
    result = run_with_production_settings(
        "shell", "-c", code, DATABASE_URL="postgres://u:p@db.example.org:5432/ak", REDIS_URL="redis://127.0.0.1:6390/0"
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "hsts": 31536000,
        "ssl": True,
        "session": True,
        "csrf": True,
        "referrer": "strict-origin-when-cross-origin",
        "conn": 60,
        "engine": "django.db.backends.postgresql",
        "cache": "django_redis.cache.RedisCache",
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "media": "django.core.files.storage.FileSystemStorage",
        "debug": False,
    }


def test_unreachable_redis_answers_like_an_empty_cache():
    """Wagtail reads the cache on every page: a Redis outage must give misses, not errors."""
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    code = (
        "from django.core.cache import cache; cache.set('k', 'v'); "
        "print(cache.get('k', 'miss'), cache.get_many(['k']), cache.add('k', 'v'))"
    )
    result = run_with_production_settings("shell", "-c", code, REDIS_URL=f"redis://127.0.0.1:{closed_port}/0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "miss {} None"


def test_without_redis_the_cache_is_local_memory(settings):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.django_db
def test_public_page_has_strict_csp_and_admin_allows_only_inline_styles(client, django_user_model):
    page = client.get("/de/")
    directives = dict(part.strip().split(" ", 1) for part in page["Content-Security-Policy"].split(";"))
    assert directives["script-src"] == "'self'"
    # One inline style, allowed by its hash alone: the site's origin for printed link addresses.
    styles = re.findall(r"<style>(.*?)</style>", page.content.decode(), re.S)
    assert styles == [':root{--site-origin:"http://testserver"}']
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert directives["style-src"] == f"'self' 'sha256-{digest}'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    user = django_user_model.objects.create_superuser("csp-editor", "csp@example.org", "x-Lang-genug-2024")
    client.force_login(user)
    response = client.get("/admin/pages/")
    admin_directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    nonce = re.fullmatch(r"'self' 'nonce-([A-Za-z0-9+/=]+)'", admin_directives["script-src"]).group(1)
    assert "'unsafe-inline'" in admin_directives["style-src"]
    # Wagtail's own inline start-up scripts carry this request's nonce; JSON data blocks are not run and need none
    # (which inline scripts get it: tests/test_admin_script_nonce.py).
    html = response.content.decode()
    inline_scripts = [
        attributes for attributes in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html) if "application/json" not in attributes
    ]
    assert inline_scripts
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline_scripts)
    assert "nonce-" not in page["Content-Security-Policy"]


def test_json_log_lines_carry_no_request_data():
    from operations.jsonlog import JsonFormatter

    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Kaputt: %s", ("x",), None)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["message"] == "Kaputt: x" and entry["logger"] == "django.request"
    assert "\n" not in line


def base_url_under_production(allowed_hosts, base_url=None):
    """``manage.py shell`` printing WAGTAILADMIN_BASE_URL, without the test run's own value of it."""
    left_out = ("WAGTAILADMIN_BASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {name: value for name, value in os.environ.items() if name not in left_out}
    env.update(DJANGO_SETTINGS_MODULE="cms.settings.production", SECRET_KEY=secrets.token_urlsafe(50))
    env["ALLOWED_HOSTS"] = allowed_hosts
    if base_url is not None:
        env["WAGTAILADMIN_BASE_URL"] = base_url
    code = "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    command = [sys.executable, "manage.py", "shell", "-c", code]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


def test_mail_links_lead_to_the_configured_site_address():
    """Wagtail's workflow mails and the review reminders link to ``WAGTAILADMIN_BASE_URL``: in production never this
    machine's loopback default; derived from the site's host name when it is not set."""
    derived = base_url_under_production("localhost,.example.org,ak-migration.example.org")
    assert derived.returncode == 0, derived.stderr
    assert derived.stdout.strip().splitlines()[-1] == "https://ak-migration.example.org"

    explicit = base_url_under_production("ak-migration.example.org", "https://www.example.org/")
    assert explicit.stdout.strip().splitlines()[-1] == "https://www.example.org"

    refused = base_url_under_production("127.0.0.1,localhost")
    assert refused.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must be set in production" in refused.stderr
