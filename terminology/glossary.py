"""The termbase as plain data per language, kept in the frame cache (``caching.frame``, scope ``frame:terms``).

Every page with glossary links and the glossary itself read it: with the frame cache on that
costs no query; without it one query per request (German and the visitor's language together).
A term missing in a language falls back to the German one (marked ``lang="de"``). Only published terms count:
a draft waits for its review.
"""

import unicodedata

from django.conf import settings
from django.utils import translation

from caching.frame import cached


def _load(language):
    from terminology.models import Term, forms_of

    rows = Term.objects.filter(live=True, locale__language_code__in={language, settings.LANGUAGE_CODE}).values_list(
        "key", "term", "explanation", "forms", "locale__language_code"
    )
    by_language = {}
    for key, term, explanation, forms, code in rows:
        by_language.setdefault(code, {})[key] = {
            "key": key,
            "term": term,
            "explanation": explanation,
            "forms": forms_of(forms, term),
        }
    german = by_language.get(settings.LANGUAGE_CODE, {})
    own = by_language.get(language, {})
    entries = []
    for key in sorted(set(german) | set(own)):
        entry = dict(own.get(key) or german[key])
        entry["lang"] = "" if key in own or language == settings.LANGUAGE_CODE else settings.LANGUAGE_CODE
        entry["german"] = german[key]["term"] if key in german else ""
        entry["german_forms"] = german[key]["forms"] if key in german else []
        entries.append(entry)
    return entries


def terms_for(language=None):
    """The glossary's entries in ``language`` (default: the active one), unsorted."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return cached("terms", [language], lambda: _load(language))


ETHIOPIC = range(0x1200, 0x1380)


def _without_article(text, language):
    """Arabic dictionaries file „المقاطعة“ under م: the article al- is not part of the word's place."""
    if language == "ar" and text.startswith("ال") and len(text) > 3:
        return text[2:]
    return text


def sort_key(text, language=None):
    """Alphabetical order without ICU: letters without their accents, case folded ("Ärzte" beside "Arzt").

    Good for the Latin and Cyrillic alphabets; Arabic, Persian, Pashto and Ethiopic letters keep
    their Unicode order, which is their alphabetical order apart from a few added letters (Arabic
    without the article al-)."""
    decomposed = unicodedata.normalize("NFKD", _without_article(text.strip(), language))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def initial(text, language=None):
    """The letter an entry is filed under: its first letter without accents, upper case; for Ethiopic the
    consonant's first order (ቤ and ቡ under በ), as Tigrinya dictionaries do."""
    key = sort_key(text, language)
    if not key:
        return "#"
    first = key[0]
    if ord(first) in ETHIOPIC:
        return chr(0x1200 + (ord(first) - 0x1200) // 8 * 8)
    return first.upper()


def alphabetical(entries, language=None):
    """``[(letter, [entries…]), …]`` in alphabetical order of the visitor's terms."""
    groups = []
    for entry in sorted(entries, key=lambda item: sort_key(item["term"], language)):
        letter = initial(entry["term"], language)
        if not groups or groups[-1][0] != letter:
            groups.append((letter, []))
        groups[-1][1].append(entry)
    return groups
