"""„War diese Seite hilfreich?“ (issue 19, item 5): a form under every page that needs no JavaScript, no cookie and
no personal data; the answers reach the editors of the page's working group and nobody else.

The form is read with BeautifulSoup and sent as a browser without JavaScript would send it; the admin is tested
with crafted requests to its URLs.
"""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from editorial.setup import TRANSLATORS
from feedback.models import Feedback
from tests.conftest import page_in
from tests.roles import LOERRACH, WALDSHUT, login

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
ADDRESS = "203.0.113.77"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def form_of(page_html):
    form = page_html.select_one("form.feedback")
    assert form is not None, "no feedback form on the page"
    return form


def fields_of(form):
    """What a browser without JavaScript sends: hidden and filled fields (the honeypot stays empty)."""
    data = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
    data["website"] = ""
    return data


def send(client, form, **data):
    return client.post(form["action"], {**fields_of(form), **data}, REMOTE_ADDR=ADDRESS)


@pytest.fixture(autouse=True)
def empty_rate_counter():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def waldshut(working_groups_de):
    return next(page for page in working_groups_de.values() if page.title.endswith("Waldshut"))


@pytest.fixture
def loerrach(working_groups_de):
    return next(page for page in working_groups_de.values() if page.title.endswith("Lörrach"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_shows_the_form_in_its_own_words_without_token_or_cookie(client, home_de, language):
    page = page_in(home_de, language)
    response = client.get(page.url)
    form = form_of(soup(response))

    assert form["method"] == "post" and form["action"] == f"/{language}/rueckmeldung/"
    with translation.override(language):
        assert form.legend.get_text(strip=True) == translation.gettext("War diese Seite hilfreich?")
    kinds = {radio["value"] for radio in form.select("input[type=radio][name=kind]")}
    expected = {"helpful", "not_helpful"} | ({"translation"} if language != "de" else set())
    assert kinds == expected
    assert not form.select("input[name=csrfmiddlewaretoken]")
    assert form.select_one("textarea[name=comment]")["maxlength"] == "1000"
    assert "Set-Cookie" not in response


def test_an_arabic_visitor_reports_a_translation_mistake_and_it_is_stored_without_the_address(client, waldshut):
    page = page_in(waldshut, "ar")
    form = form_of(soup(client.get(page.url)))

    response = send(client, form, kind="translation", comment="  كلمة «دائرة» غير واضحة هنا  ")

    assert response.status_code == 200
    thanks = soup(response)
    assert thanks.html["lang"] == "ar" and thanks.html["dir"] == "rtl"
    with translation.override("ar"):
        assert thanks.h1.get_text(strip=True) == translation.gettext("Vielen Dank für Ihre Rückmeldung!")
    assert thanks.select_one(f'main a[href="{page.url}"]')
    stored = Feedback.objects.get()
    assert (stored.page_id, stored.language, stored.kind, stored.status) == (page.pk, "ar", "translation", "new")
    assert stored.comment == "كلمة «دائرة» غير واضحة هنا"
    assert ADDRESS not in repr(list(Feedback.objects.values()))


@pytest.mark.parametrize(
    "data, error",
    [
        ({"comment": "Die Öffnungszeiten fehlen."}, "Bitte wählen Sie eine Antwort."),
        ({"kind": "gefällt mir", "comment": "Die Öffnungszeiten fehlen."}, "Bitte wählen Sie eine Antwort."),
        ({"kind": "not_helpful", "comment": "Die Öffnungszeiten fehlen." + "x" * 1000}, "höchstens 1000 Zeichen"),
    ],
)
def test_a_broken_answer_keeps_what_was_typed_and_says_why_in_german(client, waldshut, data, error):
    form = form_of(soup(client.get(waldshut.url)))

    response = send(client, form, **data)

    assert response.status_code == 400
    again = soup(response)
    assert error in again.select_one("form.feedback").get_text()
    assert again.select_one("textarea[name=comment]").get_text() == data["comment"]
    assert again.select_one("input[name=page]")["value"] == str(waldshut.pk)
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("page_value", ["", "abc", "99999999", "-1", "1e9", "<script>"])
def test_garbage_or_unknown_pages_get_a_message_not_a_500(client, page_value):
    response = client.post("/de/rueckmeldung/", {"page": page_value, "kind": "helpful"}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 400
    assert "Diese Seite gibt es nicht mehr." in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main")[1]
    assert not Feedback.objects.exists()


def test_a_draft_page_takes_no_answers(client, waldshut):
    child = waldshut.get_children().live().first()
    child.unpublish()
    response = client.post("/de/rueckmeldung/", {"page": child.pk, "kind": "helpful"}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 400 and not Feedback.objects.exists()


def test_only_a_post_is_answered(client):
    assert client.get("/de/rueckmeldung/?page=1&kind=helpful").status_code == 405
    assert not Feedback.objects.exists()


def test_a_bot_filling_the_hidden_field_is_thanked_and_ignored(client, waldshut):
    form = form_of(soup(client.get(waldshut.url)))
    response = client.post(
        form["action"], {**fields_of(form), "kind": "helpful", "website": "http://spam.example"}, REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 200 and not Feedback.objects.exists()


def test_a_flood_from_one_address_is_held_back_without_losing_the_text(client, waldshut, settings):
    settings.FEEDBACK_RATE_LIMIT = 3
    form = form_of(soup(client.get(waldshut.url)))
    for _ in range(3):
        assert send(client, form, kind="helpful").status_code == 200

    held = send(client, form, kind="not_helpful", comment="Noch eine Meldung")

    assert held.status_code == 429
    assert "in einer Stunde noch einmal" in held.content.decode()
    assert soup(held).select_one("textarea[name=comment]").get_text() == "Noch eine Meldung"
    assert Feedback.objects.count() == 3
    other = Client().post(form["action"], {**fields_of(form), "kind": "helpful"}, REMOTE_ADDR="198.51.100.5")
    assert other.status_code == 200 and Feedback.objects.count() == 4
    stored_keys = " ".join(str(key) for key in getattr(cache, "_cache", {}).keys())
    assert ADDRESS not in stored_keys


def test_the_privacy_statement_says_what_is_kept(client):
    from home.models import LegalPage

    for language in ("de", "ar"):
        statement = LegalPage.objects.get(kind="datenschutz", locale__language_code=language)
        text = soup(client.get(statement.url)).select_one("main").get_text(" ", strip=True)
        with translation.override(language):
            assert translation.gettext("Rückmeldungen zu einer Seite") in text
        assert "IP" in text


@pytest.fixture
def answers(waldshut, loerrach):
    return {
        "waldshut_ar": Feedback.objects.create(
            page=page_in(waldshut, "ar"), language="ar", kind="translation", comment="Waldshut auf Arabisch"
        ),
        "waldshut_de": Feedback.objects.create(
            page=waldshut, language="de", kind="not_helpful", comment="Sprechzeiten fehlen"
        ),
        "loerrach_de": Feedback.objects.create(page=loerrach, language="de", kind="helpful", comment="Lörrach intern"),
    }


def test_a_groups_editor_reads_only_the_answers_about_the_groups_pages(answers):
    _, editor = login("red-wt-fb", f"{WALDSHUT} – Redaktion")
    listing = editor.get(reverse("rueckmeldungen:index"))
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Waldshut auf Arabisch" in text and "Sprechzeiten fehlen" in text
    assert "Lörrach intern" not in text

    filtered = editor.get(reverse("rueckmeldungen:index"), {"language": "ar"}).content.decode()
    assert "Waldshut auf Arabisch" in filtered and "Fehler in der Übersetzung" in filtered

    own = answers["waldshut_de"]
    done = editor.post(reverse("rueckmeldungen:edit", args=[own.pk]), {"status": "done"})
    assert done.status_code == 302
    own.refresh_from_db()
    assert own.status == "done" and own.comment == "Sprechzeiten fehlen"


def test_another_groups_editor_is_refused_at_every_url(answers):
    _, editor = login("red-lo-fb", f"{LOERRACH} – Redaktion")
    theirs = answers["waldshut_de"]
    assert "Sprechzeiten fehlen" not in editor.get(reverse("rueckmeldungen:index")).content.decode()
    for url in (
        reverse("rueckmeldungen:edit", args=[theirs.pk]),
        reverse("rueckmeldungen:delete", args=[theirs.pk]),
        reverse("rueckmeldungen:history", args=[theirs.pk]),
        reverse("rueckmeldungen:usage", args=[theirs.pk]),
    ):
        assert "Sprechzeiten" not in editor.get(url).content.decode(), url
        response = editor.post(url, {"status": "done"})
        assert response.status_code in (302, 403, 404) and "Sprechzeiten" not in response.content.decode()
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
    theirs.refresh_from_db()
    assert theirs.status == "new"
    assert editor.post(reverse("rueckmeldungen:add"), {"status": "new"}).status_code in (302, 403)
    assert Feedback.objects.count() == 3


def test_translators_read_the_mistakes_on_translated_pages(answers):
    _, translator = login("uebersetzer-fb", TRANSLATORS)
    text = translator.get(reverse("rueckmeldungen:index")).content.decode()
    assert "Waldshut auf Arabisch" in text
    assert "Lörrach intern" not in text


def test_a_visitor_without_an_account_never_reaches_the_list(client, answers):
    response = client.get(reverse("rueckmeldungen:index"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_start_page_counts_the_groups_new_answers(answers):
    _, waldshut_editor = login("red-wt-fb", f"{WALDSHUT} – Redaktion")
    _, loerrach_editor = login("red-lo-fb", f"{LOERRACH} – Redaktion")
    answers["waldshut_de"].status = "done"
    answers["waldshut_de"].save()

    mine = soup(waldshut_editor.get(reverse("wagtailadmin_home"))).select_one("section.new-feedback")
    theirs = soup(loerrach_editor.get(reverse("wagtailadmin_home"))).select_one("section.new-feedback")

    assert mine.h2.get_text(strip=True) == "Neue Rückmeldungen von Besucherinnen und Besuchern: 1"
    assert "Waldshut auf Arabisch" in mine.get_text() and "Sprechzeiten" not in mine.get_text()
    assert "Lörrach intern" in theirs.get_text() and "Waldshut" not in theirs.get_text()
