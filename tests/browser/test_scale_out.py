"""Two app processes behind one PostgreSQL and one Redis, as behind a load balancer.

An editor publishes through process A; a visitor on process B sees the change at once, although
B had the old page in the shared page cache. The editor's session, made on A, works on B.
Then Redis is stopped: both processes keep serving pages and /healthz reports the cache as down.
"""

import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request

import pytest

from tests import servers

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="two app processes need a shared server database: set DATABASE_URL to PostgreSQL (CI does)",
    ),
]

NEW_TITLE = "Beispiel: Titel geändert über Prozess A"


def fetch(url):
    """An anonymous visitor: no cookies."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def two_processes():
    redis = servers.RedisServer().start()
    workdir = tempfile.mkdtemp(prefix="ak-scale-")
    database_url, drop_database = servers.new_database_url(workdir)
    env = servers.production_env(workdir, database_url, REDIS_URL=redis.url, PAGE_CACHE_SECONDS="600")
    a, url_a = servers.start_gunicorn(env, servers.free_port(), workers=1, threads=2)
    b, url_b = servers.start_gunicorn(env, servers.free_port(), workers=1, threads=2)
    yield type("Cluster", (), {"a": url_a, "b": url_b, "redis": redis, "env": env})
    servers.stop(a)
    servers.stop(b)
    redis.stop()
    drop_database()
    shutil.rmtree(workdir, ignore_errors=True)


def test_publish_on_one_process_is_seen_on_the_other_at_once(two_processes, browser):
    a, b = two_processes.a, two_processes.b
    for url in (a, b):
        assert json.loads(fetch(f"{url}/healthz")[2]) == {"status": "ok", "database": "ok", "cache": "ok"}

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{a}/admin/login/")
    page.fill("#id_username", servers.ADMIN_USERNAME)
    page.fill("#id_password", servers.ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{a}/admin/")

    # The session made on A works on B (cookies are per host, not per port).
    page.goto(f"{b}/admin/")
    assert page.url == f"{b}/admin/"
    assert page.locator("#id_password").count() == 0

    # A German working-group page: its id for the editor and its public address.
    found = servers.manage(
        two_processes.env, "shell", "-c",
        "from home.models import WorkingGroupPage as W; p = W.objects.filter(locale__language_code='de')"
        ".order_by('path').first(); print(p.id, p.url)", text=True,
    ).stdout.split()
    page_id, public_path = found[-2], found[-1]
    # B caches the old page.
    fetch(f"{b}{public_path}")
    status, headers, body = fetch(f"{b}{public_path}")
    assert status == 200 and headers.get("X-Page-Cache") == "hit"
    assert NEW_TITLE not in body

    page.goto(f"{a}/admin/pages/{page_id}/edit/")
    page.fill("input[name=title]", NEW_TITLE)
    page.locator("button[name=action-publish]").evaluate("button => button.click()")
    page.wait_for_url(lambda url: "/edit/" not in url)

    status, headers, body = fetch(f"{b}{public_path}")
    assert status == 200
    assert NEW_TITLE in body
    assert headers.get("X-Page-Cache") == "miss"
    context.close()


def test_redis_outage_keeps_the_site_up(two_processes):
    two_processes.redis.stop()
    for url in (two_processes.a, two_processes.b):
        status, _headers, body = fetch(f"{url}/de/")
        assert status == 200 and "<main" in body
        status, _headers, body = fetch(f"{url}/healthz")
        assert status == 200
        assert json.loads(body) == {"status": "degraded", "database": "ok", "cache": "error"}
