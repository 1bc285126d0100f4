"""Issue 19: every translation names a termbase term with its approved rendering, in every language.

For each termbase entry (terminology/data/terms.json) and language, every interface msgstr (site and plugin
catalogues) and every demo content translation whose German source contains the term must contain one of the
language's accepted forms, unless terminology/data/exceptions.py lists it with a reason. Matching rules are in
translations/termbase_check.py. Reads files only: no database.
"""

from io import StringIO

import polib
import pytest
from django.core.management import call_command

from translations.termbase_check import LANGUAGES, catalogue_paths, is_excepted, load_exceptions, load_terms, problems


def test_termbase_has_every_language_and_enough_terms():
    terms = load_terms()
    assert len(terms) >= 30
    assert len({entry["key"] for entry in terms}) == len(terms)
    for entry in terms:
        assert entry["key"].isascii()
        for lang in ("de", *LANGUAGES):
            assert entry[lang]["term"].strip() and entry[lang]["explanation"].strip(), (entry["key"], lang)
            assert entry[lang]["forms"], (entry["key"], lang)


def test_every_exception_is_reviewed_and_still_needed():
    """Each exception names a real term, has a reason and still matches a German string it excuses."""
    keys = {entry["key"] for entry in load_terms()}
    msgids = {entry.msgid for _, path in catalogue_paths("en") for entry in polib.pofile(str(path))}
    for key, lang, substring, reason in load_exceptions():
        assert key in keys and (lang == "*" or lang in LANGUAGES) and substring and reason
        # The German msgids are the same in every language's catalogues, so the English ones stand for all.
        assert any(is_excepted([(key, "*", substring, reason)], key, "en", msgid) for msgid in msgids), (key, substring)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_use_the_approved_rendering(lang):
    found = problems([lang])
    assert not found, f"{len(found)} translations do not use the approved term:\n" + "\n".join(map(str, found))


def test_make_messages_tells_translators_which_terms_a_new_string_contains(tmp_path):
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Anmeldung zum Integrationskurs im Landkreis Waldshut", msgstr=""))
    catalogue.append(polib.POEntry(msgid="Termin verschoben", msgstr="Дата перенесена", flags=["fuzzy"]))
    catalogue.append(polib.POEntry(msgid="Jobcenter", msgstr="Джобцентр (Jobcenter)"))
    path = tmp_path / "django.po"
    catalogue.save(str(path))
    output = StringIO()
    call_command("terms_in_new_strings", lang=["uk"], catalogue=[path], stdout=output)
    text = output.getvalue()
    assert "2 neue oder geänderte Zeichenketten" in text
    assert "„Anmeldung zum Integrationskurs im Landkreis Waldshut“" in text
    assert "uk: інтеграційний курс" in text and "uk: район (Landkreis)" in text and "uk: район Waldshut" in text
    assert "„Termin verschoben“" in text and "uk: запис / дата" in text
    assert "„Jobcenter“" not in text  # translated and not fuzzy: nothing to tell


def test_a_translation_without_the_approved_rendering_is_reported_with_what_translators_need():
    """Had the termbase approved دائرة for Landkreis (the old interface word), every string now saying مقاطعة fails."""
    terms = [entry for entry in load_terms() if entry["key"] == "landkreis"]
    terms[0]["ar"] = {"term": "دائرة", "explanation": "-", "forms": ["دائرة"]}
    found = problems(["ar"], terms=terms, exceptions=[])
    assert found and {problem.lang for problem in found} == {"ar"}
    report = str(next(problem for problem in found if problem.msgid == "Landkreis"))
    assert "[ar] landkreis" in report and "“دائرة”" in report
    assert "msgid:  Landkreis" in report and "msgstr: المقاطعة" in report
    assert any(problem.kind == "content" for problem in found) and any(problem.kind == "interface" for problem in found)
