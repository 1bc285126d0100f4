"""The admin in German for the people who use it: no English interface words on an editor's screens.

Walks the screens of an editor's, a reviewer's and a translator's week (start page, page tree,
page and event editors, add forms, choosers, directory and snippet lists, workflow screens,
history) with the German admin, reads the text a person sees (and what a screen reader says:
``aria-label``, ``title``, ``placeholder``), and fails on interface words that are English.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page

from editorial.setup import TRANSLATORS
from events.models import EventIndexPage, EventPage
from home.models import NewsIndexPage, NewsPage
from orgdirectory.models import Organisation

pytestmark = pytest.mark.django_db

# Interface words Wagtail and its packages show in English; none of them is a German word.
ENGLISH = re.compile(
    r"\b(Locales?|Actions|More actions|Dashboard|Home|Choose|Select|Uses|version|translation|True|False|None|"
    r"Edit|Delete|Add|Search|Save|Cancel|Preview|History|Settings|Submit|Publish|Unpublish|Title|Sort|Yes|No|"
    r"Help|Draft|Published|Pages?|Snippets|Images|Documents|Reports|Users|Groups|Workflows?|Tasks?|Approve|"
    r"Reject|Comments?|Revisions?|Compare|Upload|Loading|Recurrence|Created|Updated|Owner|Type|Show|Hide|of|"
    r"across entire site|Currently idle)\b"
)


class VisibleText(HTMLParser):
    """Text nodes outside scripts, templates and hidden elements, plus labels for assistive technology."""

    SILENT = {"script", "style", "template", "noscript"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.texts, self.stack = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.VOID:
            if not self.silent:
                self.texts.extend(value for name, value in attrs.items() if name in ("aria-label", "title", "placeholder") and value)
            return
        self.stack.append(tag in self.SILENT or "hidden" in attrs or attrs.get("aria-hidden") == "true")
        if not self.silent:
            self.texts.extend(value for name, value in attrs.items() if name in ("aria-label", "title", "placeholder") and value)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    @property
    def silent(self):
        return any(self.stack)

    def handle_data(self, data):
        if not self.silent and data.strip():
            self.texts.append(" ".join(data.split()))


def english_words(html):
    parser = VisibleText()
    parser.feed(html)
    return sorted({text for text in parser.texts if ENGLISH.search(text)})


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw-Long-enough-1")
    user.groups.add(Group.objects.get(name=group_name))
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    client.force_login(user)
    return client


def german_pages():
    section = Page.objects.get(locale__language_code="de", slug="ak-migration-waldshut").specific
    event = EventPage.objects.descendant_of(section).filter(locale__language_code="de").first()
    news = NewsPage.objects.descendant_of(section).filter(locale__language_code="de").first()
    return section, event, news


def screens_of_an_editor():
    section, event, news = german_pages()
    events = EventIndexPage.objects.descendant_of(section).first()
    news_index = NewsIndexPage.objects.descendant_of(section).first()
    organisation = Organisation.objects.filter(locale__language_code="de", memberships__page=section).first()
    return [
        "/admin/",
        f"/admin/pages/{section.pk}/",
        f"/admin/pages/{section.pk}/edit/",
        f"/admin/pages/{event.pk}/edit/",
        f"/admin/pages/{news.pk}/edit/",
        f"/admin/pages/add/events/eventpage/{events.pk}/",
        f"/admin/pages/add/home/newspage/{news_index.pk}/",
        f"/admin/pages/{news.pk}/history/",
        "/admin/snippets/orgdirectory/organisation/",
        f"/admin/snippets/orgdirectory/organisation/edit/{organisation.pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/choose-page/",
        "/admin/images/chooser/",
        "/admin/documents/chooser/",
        "/admin/snippets/choose/orgdirectory/organisation/",
        "/admin/snippets/choose/events/eventcategory/",
    ]


def english_on(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    html = response.content.decode()
    if response.headers["Content-Type"].startswith("application/json"):
        html = json.loads(html).get("html", "")
    # Titles of translated pages are content in their own language, not interface words.
    content = set(Page.objects.exclude(locale__language_code="de").values_list("title", flat=True))
    return [text for text in english_words(html) if not any(title in text for title in content)]


def test_the_walk_recognises_english_interface_words():
    html = ('<nav aria-label="Actions"><label>Locale</label><p>1-2 of 2 Seiten</p><td>True</td>'
            '<div hidden>None</div><script>var Home;</script><p>Status: Entwurf</p></nav>')
    assert english_words(html) == ["1-2 of 2 Seiten", "Actions", "Locale", "True"]


def test_an_editors_screens_are_german():
    client = user_in("AK Migration Waldshut – Redaktion", "redaktion-wt")
    found = {url: words for url in screens_of_an_editor() if (words := english_on(client, url))}
    assert found == {}


def test_a_reviewers_screens_are_german():
    client = user_in("AK Migration Waldshut – Prüfung", "pruefung-wt")
    section, event, news = german_pages()
    screens = ["/admin/", f"/admin/pages/{section.pk}/", f"/admin/pages/{news.pk}/edit/", f"/admin/pages/{news.pk}/history/",
               "/admin/reports/locked/", "/admin/reports/workflow/"]
    found = {url: words for url in screens if (words := english_on(client, url))}
    assert found == {}


def test_a_translators_screens_are_german():
    client = user_in(TRANSLATORS, "uebersetzung")
    section, event, news = german_pages()
    arabic_news = news.get_translation(news.locale.__class__.objects.get(language_code="ar"))
    screens = ["/admin/", f"/admin/pages/{arabic_news.get_parent().pk}/", f"/admin/pages/{section.pk}/"]
    found = {url: words for url in screens if (words := english_on(client, url))}
    assert found == {}


def form_values(html):
    """What a browser would submit from the editor's form (the one autosave watches) as it is shown."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").find("form", attrs={"data-controller": re.compile("w-autosave")})
    values = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file") or field.has_attr("disabled"):
            continue
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "textarea":
            values[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            values[name] = chosen.get("value", "") if chosen else ""
        else:
            values[name] = field.get("value", "on" if field.get("type") == "checkbox" else "")
    return values


def test_autosave_waits_for_a_pause_in_typing_and_explains_a_wait_in_german():
    """Autosave fired 0.5 s after every keystroke and reported „pausiert“ plus an English validation text
    while the editor was still typing."""
    client = user_in("AK Migration Waldshut – Redaktion", "redaktion-autosave")
    section, _event, news = german_pages()
    html = client.get(f"/admin/pages/{news.pk}/edit/").content.decode()
    assert 'data-w-autosave-interval-value="3000"' in html
    assert "Automatisches Speichern wartet" in html and "pausiert" not in html
    # What the editor's browser sends while an e-mail address is half typed (autosave asks for JSON;
    # drafts may leave required fields empty, so an unfinished value is what pauses it).
    entry = Organisation.objects.filter(locale__language_code="de", memberships__page=section).first()
    url = f"/admin/snippets/orgdirectory/organisation/edit/{entry.pk}/"
    before = entry.latest_revision_id
    form = {**form_values(client.get(url).content.decode()), "email": "beratung@"}
    response = client.post(url, form, HTTP_ACCEPT="application/json")
    answer = response.json()
    assert answer["success"] is False and answer["error_code"] == "validation_error"
    assert answer["error_message"].startswith("Noch nicht automatisch gespeichert: Eine Angabe ist noch unvollständig")
    assert english_words(f"<p>{answer['error_message']}</p>") == []
    entry.refresh_from_db()
    assert entry.latest_revision_id == before
