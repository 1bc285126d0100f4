"""`make run` is never silent for long: the demo load says what it created, per language, with counts and seconds."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from demo.loader import load_demo_content
from demo.progress import Progress
from home.models import ContentPage
from translations.languages import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

TIMED = re.compile(r"^(?P<text>.+) \(\d+,\d s\)$")


def test_the_demo_load_reports_what_it_created_in_each_language(django_capture_on_commit_callbacks):
    faq_de = ContentPage.objects.get(locale__language_code="de", slug="fragen-und-antworten")
    Page.objects.get(translation_key=faq_de.translation_key, locale__language_code="en").delete()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        load_demo_content(Progress(out))

    lines = out.getvalue().splitlines()
    assert all(TIMED.match(line) for line in lines), lines
    texts = [TIMED.match(line)["text"] for line in lines]
    # setup_site mirrors the German tree first: the missing English page comes back as a placeholder (alias) ...
    assert (
        texts[0]
        == "Grundausstattung (de): 0 Seiten und 0 Verzeichniseinträge angelegt, 1 Platzhalterseite in 12 Sprachen"
    )
    assert "Beispielseiten (de): 0 angelegt" in texts
    assert "Platzhalterseiten für 12 Sprachen: 0 angelegt" in texts
    # ... which the demo's English catalogue then turns into the English translation
    assert "Übersetzungen (en): 1 Seite" in texts
    for code in LANGUAGE_CODES:
        if code not in ("de", "en"):
            assert f"Übersetzungen ({code}): nichts zu tun" in texts
    assert texts[-1] == "Übersetzungen veröffentlicht: 1"
    english = Page.objects.get(translation_key=faq_de.translation_key, locale__language_code="en")
    assert english.live and english.alias_of_id is None and english.title != faq_de.title


def test_the_demo_load_is_silent_with_verbosity_zero():
    out = StringIO()
    call_command("load_demo_content", verbosity=0, stdout=out)
    assert out.getvalue() == ""
