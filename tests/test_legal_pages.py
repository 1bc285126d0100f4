"""Impressum, privacy statement and accessibility statement: in every footer, honest about missing details.

Pages are read back with BeautifulSoup; the admin is exercised with real requests to its URLs.
"""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, Site

from home.legal import OperatorDetails
from home.models import LegalPage

LANGUAGES = [code for code, _name in settings.LANGUAGES]
MISSING_DE = "Die Angaben zur betreibenden Stelle dieser Website fehlen noch."
PASSWORD = "ein-langes-Test-Passwort-1234"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def footer_links(document):
    return {link.get_text(strip=True): link["href"] for link in document.select("footer a")}


@pytest.fixture
def operator(db):
    return OperatorDetails.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.django_db
def test_every_language_footer_links_the_three_legal_pages_which_answer(client):
    for code in LANGUAGES:
        home = Page.objects.get(depth=2, locale__language_code=code)
        links = footer_links(soup(client.get(home.url)))
        legal = LegalPage.objects.live().filter(locale__language_code=code)
        assert sorted(page.kind for page in legal) == ["barrierefreiheit", "datenschutz", "impressum"], code
        for page in legal:
            assert links.get(page.title) == page.url, (code, links)
            assert client.get(page.url).status_code == 200
        # The working-group page's footer has them too (the footer is on every page, not only home).
        group = Page.objects.filter(depth=3, locale__language_code=code, url_path__contains="ak-migration").first()
        assert set(footer_links(soup(client.get(group.url))).values()) >= {page.url for page in legal}


@pytest.mark.django_db
def test_missing_operator_details_are_announced_in_the_visitors_language_never_invented(client, operator):
    for name in OperatorDetails.REQUIRED:
        setattr(operator, name, "")
    operator.save()
    german = soup(client.get(LegalPage.objects.get(kind="impressum", locale__language_code="de").url))
    assert MISSING_DE in german.select_one("main").get_text()
    assert german.select_one("main address") is None

    for code in ("ar", "uk", "ti"):
        page = LegalPage.objects.get(kind="impressum", locale__language_code=code)
        notice = soup(client.get(page.url)).select_one(".notice--missing").get_text(strip=True)
        assert notice and MISSING_DE not in notice, (code, notice)  # said in the visitor's language

    operator.name = "Landratsamt Musterkreis (Testwert)"
    operator.address = "Teststraße 1\n00000 Testort"
    operator.representative = "Testperson"
    operator.email = "test@example.org"
    operator.phone = "0000"
    operator.supervisory_authority = "Testbehörde"
    operator.data_protection_officer = "Testbeauftragte"
    operator.save()
    filled = soup(client.get(LegalPage.objects.get(kind="impressum", locale__language_code="ar").url))
    assert filled.select_one(".notice--missing") is None
    assert "Landratsamt Musterkreis (Testwert)" in filled.select_one("main address").get_text()


@pytest.mark.django_db
def test_the_admin_refuses_to_save_incomplete_operator_details(operator):
    admin = get_user_model().objects.create_superuser("betreiber-test", "b@example.org", PASSWORD)
    client = Client()
    client.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/home/operatordetails/{site.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Nur ein Name", "email": "x@example.org"})
    assert response.status_code == 200  # the form again, with its errors
    operator.refresh_from_db()
    assert operator.name != "Nur ein Name"

    anonymous = Client().post(url, {"name": "Angriff"})
    assert anonymous.status_code in (302, 403)
    operator.refresh_from_db()
    assert operator.name != "Angriff"


@pytest.mark.django_db
def test_every_cookie_the_site_sets_is_listed_in_the_privacy_statement():
    seen = set()
    visitor = Client()
    for code in ("de", "ar", "en"):
        home = Page.objects.get(depth=2, locale__language_code=code)
        for url in ("/", home.url, LegalPage.objects.get(kind="datenschutz", locale__language_code=code).url):
            seen.update(visitor.get(url, HTTP_ACCEPT_LANGUAGE=code).cookies.keys())
    seen.update(visitor.get("/ar/", HTTP_ACCEPT_LANGUAGE="de").cookies.keys())

    get_user_model().objects.create_user("cookie-test", "c@example.org", PASSWORD, is_superuser=True)
    editor = Client(enforce_csrf_checks=True)
    login = editor.get("/admin/login/")
    seen.update(login.cookies.keys())
    token = login.cookies[settings.CSRF_COOKIE_NAME].value
    signed_in = editor.post(
        "/admin/login/", {"username": "cookie-test", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    seen.update(signed_in.cookies.keys())
    seen.update(editor.get("/admin/").cookies.keys())
    assert settings.SESSION_COOKIE_NAME in seen and settings.LANGUAGE_COOKIE_NAME in seen

    for code in ("de", "ar"):
        statement = soup(visitor.get(LegalPage.objects.get(kind="datenschutz", locale__language_code=code).url))
        listed = {cell.get_text(strip=True) for cell in statement.select("table.legal-cookies code")}
        assert seen <= listed, f"cookies set but not in the privacy statement: {seen - listed}"


@pytest.mark.django_db
def test_accessibility_statement_names_the_checks_the_enforcement_body_and_its_date(client):
    page = LegalPage.objects.get(kind="barrierefreiheit", locale__language_code="de")
    text = soup(client.get(page.url)).select_one("main").get_text(" ", strip=True)
    assert "axe-core" in text and "WCAG 2.1" in text
    assert "Schlichtungsstelle" in text and "Landes-Behindertenbeauftragten" in text
    assert f"Stand: {timezone.localtime(page.last_published_at).day}." in text
