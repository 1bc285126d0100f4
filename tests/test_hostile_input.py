"""Bad input never crashes the public site.

Every public URL is found rather than listed: the live pages of all 13 languages from the page
tree, the links those pages carry (directory entries, calendar views, feeds, pagination), and the
parameter-free routes of the URL conf (API, feeds). Every URL is then requested with hostile
query strings: huge numbers, impossible dates, unknown languages, SQL and script fragments, very
long strings, invalid UTF-8 percent-escapes and null bytes, under the parameter names the site's
own forms and links use. No answer may be a 500, none may echo a script unescaped, and none may
take long (the bound is loose on purpose: this is a crash test, not a benchmark).
"""

import re
import time
from html import unescape
from urllib.parse import parse_qsl, quote, urljoin, urlparse

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page

from translations.languages import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

TIME_BOUND = 5.0
SCRIPT = "<script>alert(7)</script>"
HOSTILE_VALUES = [
    "99999999999999999999999999999999",
    "-1",
    "0",
    "1e308",
    "NaN",
    "2024-13-45",
    "0000-00-00",
    "9999-12-31",
    "-99999-01-01",
    "31.02.2024",
    "zz",
    "xx-YY",
    "' OR '1'='1' --",
    "1; DROP TABLE wagtailcore_page; --",
    '"><svg onload=alert(7)>',
    SCRIPT,
    "{{7*7}}${7*7}",
    "../../../../etc/passwd",
    "A" * 4000,
    "\u202e\u0000\ufeff",
]
RAW_VALUES = ["%ff%fe", "%00", "%c0%af", "%", "%%41", "%e2%82"]  # sent without further quoting
COMMON_PARAMETERS = ["q", "page", "lang", "language", "date", "month", "year", "from", "to", "category", "limit", "offset"]
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/django-admin/", "/static/", "/media/", "/healthz")
CRAWL_LIMIT = 400


def live_page_paths():
    paths = []
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        url = page.url
        if url and url.startswith("/"):
            paths.append(url)
    return paths


def urlconf_paths(patterns=None, prefix=""):
    """Parameter-free routes outside the admin and the language-prefixed page tree."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        path = prefix + route
        if isinstance(entry, URLResolver):
            if type(entry.pattern).__name__ == "LocalePrefixPattern":
                continue
            found += urlconf_paths(entry.url_patterns, path)
        elif isinstance(entry, URLPattern):
            found.append("/" + path)
    return [path for path in found if not path.startswith(SKIPPED_PREFIXES)]


def internal_links(html, base):
    for href in re.findall(r'href="([^"]+)"', html):
        parsed = urlparse(urljoin(base, unescape(href)))
        if not parsed.netloc and not parsed.path.startswith(SKIPPED_PREFIXES):
            yield parsed.path, parse_qsl(parsed.query)


def form_parameter_names(html):
    names = set()
    for form in re.findall(r"<form\b(.*?)</form>", html, re.S | re.I):
        if re.search(r'method="post"', form, re.I):
            continue
        names.update(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', form, re.I))
    return names


@pytest.fixture(scope="module")
def site_map(django_db_setup, django_db_blocker):
    """(paths, parameter names) discovered by walking the page tree, its links and the URL conf."""
    from django.test import Client

    client = Client()
    with django_db_blocker.unblock():
        queue = live_page_paths() + urlconf_paths()
        seen, parameters = [], set(COMMON_PARAMETERS)
        while queue and len(seen) < CRAWL_LIMIT:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.append(path)
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            parameters |= form_parameter_names(html)
            for link, query in internal_links(html, path):
                parameters |= {name for name, _value in query}
                # Crawl into directory entries, calendar views and the like in every language,
                # but do not multiply the page tree (already listed) by the language switcher.
                if link not in seen and link not in queue and re.match(r"^/[a-z]{2}/", link):
                    queue.append(link)
    return seen, sorted(parameters)


def hostile_query(parameters, offset):
    """One query string giving every parameter a different hostile value."""
    pairs = []
    for index, name in enumerate(parameters):
        value_index = (index + offset) % (len(HOSTILE_VALUES) + len(RAW_VALUES))
        if value_index < len(HOSTILE_VALUES):
            pairs.append(f"{quote(name)}={quote(HOSTILE_VALUES[value_index])}")
        else:
            pairs.append(f"{quote(name)}={RAW_VALUES[value_index - len(HOSTILE_VALUES)]}")
    return "&".join(pairs)


def assert_survives(client, path, query):
    started = time.monotonic()
    response = client.get(f"{path}?{query}" if query else path)
    elapsed = time.monotonic() - started
    assert response.status_code < 500, (path, query[:200], response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "html" in response.get("Content-Type", ""):  # JSON, iCalendar and vCard may quote input as data
        text = body.decode("utf-8", "replace")
        assert SCRIPT not in text and "<svg onload" not in text, (path, query[:200])
    assert elapsed < TIME_BOUND, (path, elapsed)
    return response


def test_site_map_covers_all_languages_and_apps(site_map):
    paths, parameters = site_map
    for code in LANGUAGE_CODES:
        assert f"/{code}/" in paths
    assert len(paths) > 3 * len(LANGUAGE_CODES)
    assert "q" in parameters and "page" in parameters


def test_every_public_url_survives_hostile_query_strings(client, site_map):
    paths, parameters = site_map
    for number, path in enumerate(paths):
        assert_survives(client, path, hostile_query(parameters, number))
        if number % 7 == 0:  # a second, differently shifted attack on a sample of the pages
            assert_survives(client, path, hostile_query(parameters, number + 11))


def test_filterable_pages_survive_random_hostile_input(client, site_map):
    paths, parameters = site_map
    german = [path for path in paths if path.startswith("/de/")][:40] + [p for p in paths if not p[1:3].isalpha()]
    value = st.one_of(
        st.sampled_from(HOSTILE_VALUES),
        st.text(max_size=60),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.dates().map(lambda day: day.strftime("%Y-%m-%d")),
    )

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(
        path=st.sampled_from(german),
        query=st.dictionaries(st.sampled_from(parameters), value, min_size=1, max_size=4),
        raw=st.sampled_from(["", *RAW_VALUES]),
    )
    def attack(path, query, raw):
        encoded = "&".join(f"{quote(name)}={quote(text)}" for name, text in query.items())
        if raw:
            encoded += f"&{parameters[0]}={raw}"
        assert_survives(client, path, encoded)

    attack()


@pytest.mark.parametrize(
    "path",
    ["/xx/", "/de/%ff%fe/", "/de/%00/", "/de/" + "a" * 3000 + "/", "/de/../../etc/passwd", "/zz-YY/seite/"],
)
def test_hostile_paths_get_a_clean_answer(client, path):
    response = client.get(path)
    assert response.status_code in (301, 302, 400, 404)


def test_404_page_is_in_the_visitors_language(client):
    german = client.get("/de/gibt-es-nicht/")
    assert german.status_code == 404
    html = german.content.decode()
    assert "Seite nicht gefunden" in html and 'lang="de"' in html
    arabic = client.get("/ar/gibt-es-nicht/")
    assert arabic.status_code == 404
    assert 'lang="ar" dir="rtl"' in arabic.content.decode()


def test_500_page_renders_without_database_or_context_processors(django_assert_num_queries):
    from django.template import loader
    from django.utils import translation

    with django_assert_num_queries(0), translation.override("ar"):
        html = loader.get_template("500.html").render({})
    assert 'lang="ar" dir="rtl"' in html
    with translation.override("de"):
        assert "Ein Fehler ist aufgetreten" in loader.get_template("500.html").render({})
