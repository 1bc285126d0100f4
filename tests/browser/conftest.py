"""A real server and Debian's chromium for browser tests.

``live_site`` serves a copy of the demo database of its own (``tests/demo_database.py``)
with gunicorn on a free loopback port, so the browser sees exactly what a visitor
would. It uses the same database engine as the rest of the suite (``DATABASE_URL``):
a temporary SQLite file, or a new PostgreSQL database.
"""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests import demo_database, servers

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ADMIN_PASSWORD = "browser-test-admin-pw-7391"
EXAMPLE_USERS_PASSWORD = "browser-test-example-pw-5524"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def log_in(page, live_site, username, password):
    """Sign in to the admin as ``username`` and wait for the start page.

    Two-factor login is optional per account (security/two_factor.py) and none of the test accounts has a device,
    so the password alone leads to the start page; a test account with a device would stop on the code form
    and this wait would fail."""
    page.goto(f"{live_site.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_site():
    workdir = Path(tempfile.mkdtemp(prefix="ak-browser-"))
    database_url, drop_database = demo_database.fresh_copy(workdir)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(workdir / "media"),
        "ADMIN_PASSWORD": ADMIN_PASSWORD,
        "EXAMPLE_USERS_PASSWORD": EXAMPLE_USERS_PASSWORD,
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["ensure_admin"], ["ensure_example_users"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/de/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        raise RuntimeError("the test server did not start")
    site = type("LiveSite", (), {"url": url, "env": env, "admin_password": ADMIN_PASSWORD, "example_password": EXAMPLE_USERS_PASSWORD, "workdir": workdir})
    yield site
    server.terminate()
    server.wait(10)
    drop_database()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def production_site():
    """The demo site under production settings (hashed static files, gzip, strict CSP), shared by the browser tests."""
    workdir = tempfile.mkdtemp(prefix="ak-prod-")
    database_url, drop_database = servers.new_database_url(workdir)
    env = servers.production_env(workdir, database_url)
    process, url = servers.start_gunicorn(env, servers.free_port(), workers=2)
    yield type("ProductionSite", (), {"url": url, "env": env})
    servers.stop(process)
    drop_database()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A fresh browser context the size of a cheap phone (360 x 740), cold cache."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    yield context
    context.close()


# Records the page's CSP violations in ``window.__violations`` (an init script is the browser's, not under the CSP).
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.fixture
def watched_phone(browser):
    """``phone``, with every CSP violation of its pages kept in ``window.__violations``."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    context.add_init_script(WATCH_CSP)
    yield context
    context.close()


@pytest.fixture
def output_dir():
    path = ROOT / "test-output"
    path.mkdir(exist_ok=True)
    return path


@contextlib.contextmanager
def site_of_its_own(prefix, languages, redis=False, **extra_env):
    """The demo site under production settings on a database copy of its own (for tests that publish), with
    its page cache on a Redis of its own if ``redis``; ``site.urls`` maps each language's page types to paths."""
    from tests.browser import site_map

    workdir = tempfile.mkdtemp(prefix=prefix)
    redis_server = servers.RedisServer().start() if redis else None
    database_url, drop_database = servers.new_database_url(workdir)
    if redis_server:
        extra_env = {"REDIS_URL": redis_server.url, "PAGE_CACHE_SECONDS": "600", **extra_env}
    env = servers.production_env(workdir, database_url, **extra_env)
    process, url = servers.start_gunicorn(env, servers.free_port(), workers=2)
    try:
        site = type("OwnSite", (), {"url": url, "env": env})
        site.urls = site_map.discover(site, languages=languages)
        yield site
    finally:
        servers.stop(process)
        if redis_server:
            redis_server.stop()
        drop_database()
        shutil.rmtree(workdir, ignore_errors=True)
