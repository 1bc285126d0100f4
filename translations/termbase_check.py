"""Checks that every translation uses the termbase's approved rendering of each term its German source contains.

The termbase is ``terminology/data/terms.json`` (one object per term: ``de`` and one per target language, each with
``term``, ``explanation`` and ``forms``); the reviewed exceptions are in ``terminology/data/exceptions.py``.
This module reads files only (no database), so the consistency test and ``make messages`` can run it in a second.

Matching rules (decided for issue 19):
- German: a form matches where it *begins a word*, case-insensitively, and may go on: "Landkreis" finds
  "Landkreise", "Landkreises" and the compound "Landkreisgrenze", but "Beratung" does not find
  "Migrationsberatung" — compounds whose head is another term are that term's business (Migrationsberatung has
  its own entry), and matching word ends would make "Termin" find "Beratungstermin" as well as "Determinante".
  Forms of three letters or fewer (such as "MBE") match whole words only.
- Translation: a form of the language matches as a case-insensitive substring after normalising Unicode (NFC),
  Persian/Arabic letter variants (ي/ی, ك/ک), the zero-width non-joiner and the Turkish dotted capital I —
  prefixes such as Arabic ال/و/ب and suffixes such as Turkish or Somali case endings need no extra forms.
"""

import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "terminology" / "data"
TERMS_FILE = DATA_DIR / "terms.json"
EXCEPTIONS_FILE = DATA_DIR / "exceptions.py"
PLUGINS = ("events", "orgdirectory")
LANGUAGES = ("en", "ar", "uk", "tr", "fa", "ps", "ti", "ku", "ru", "so", "fr", "ro")


def load_terms():
    return json.loads(TERMS_FILE.read_text(encoding="utf-8"))


def load_exceptions():
    """EXCEPTIONS from terminology/data/exceptions.py: (key, lang or "*", msgid substring, reason)."""
    spec = importlib.util.spec_from_file_location("terminology_exceptions", EXCEPTIONS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.EXCEPTIONS


def normalise(text):
    text = unicodedata.normalize("NFC", text).replace("\u200c", " ").replace("\u00a0", " ")
    text = text.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک").replace("İ", "i").replace("\u0654", "")
    return text.casefold().replace("\u0307", "")


def german_pattern(forms):
    parts = []
    for form in sorted(forms, key=len, reverse=True):
        tail = r"\b" if len(form) <= 3 else ""
        parts.append(r"(?<!\w)" + re.escape(form) + tail)
    return re.compile("|".join(parts), re.IGNORECASE)


def uses_rendering(text, forms):
    text = normalise(text)
    return any(normalise(form) in text for form in forms)


def catalogue_paths(lang):
    """(kind, path) of every catalogue holding translations into ``lang``: interface and demo content."""
    paths = [("interface", ROOT / "locale" / lang / "LC_MESSAGES" / "django.po")]
    paths += [("interface", ROOT / plugin / "locale" / lang / "LC_MESSAGES" / "django.po") for plugin in PLUGINS]
    paths.append(("content", ROOT / "demo" / "translations" / f"{lang}.po"))
    return paths


def translated_text(entry):
    if entry.msgid_plural:
        return " ".join(value for _, value in sorted(entry.msgstr_plural.items()))
    return entry.msgstr


@dataclass
class Problem:
    lang: str
    key: str
    term: str
    kind: str
    path: str
    msgid: str
    msgstr: str

    def __str__(self):
        return (f"[{self.lang}] {self.key}: approved “{self.term}” missing ({self.kind}, {self.path})\n"
                f"    msgid:  {self.msgid}\n    msgstr: {self.msgstr}")


def is_excepted(exceptions, key, lang, msgid):
    """An exception's text is a substring of the msgid, or, starting with "=", the whole msgid."""
    return any(k == key and lang_ in ("*", lang) and (msgid == part[1:] if part.startswith("=") else part in msgid)
               for k, lang_, part, _ in exceptions)


def problems(langs=LANGUAGES, terms=None, exceptions=None):
    """Every translated entry whose German source names a term but whose translation lacks its rendering."""
    terms = load_terms() if terms is None else terms
    exceptions = load_exceptions() if exceptions is None else exceptions
    patterns = [(entry, german_pattern(entry["de"]["forms"])) for entry in terms]
    found = []
    for lang in langs:
        for kind, path in catalogue_paths(lang):
            for po_entry in polib.pofile(str(path)):
                if po_entry.obsolete or not translated_text(po_entry).strip():
                    continue
                source = po_entry.msgid + " " + (po_entry.msgid_plural or "")
                target = translated_text(po_entry)
                for term, pattern in patterns:
                    if not pattern.search(source) or is_excepted(exceptions, term["key"], lang, po_entry.msgid):
                        continue
                    if not uses_rendering(target, term[lang]["forms"]):
                        found.append(Problem(lang, term["key"], term[lang]["term"], kind,
                                             str(path.relative_to(ROOT)), po_entry.msgid, target))
    return found


def terms_in(text, terms=None):
    """The termbase entries whose German forms occur in ``text``."""
    terms = load_terms() if terms is None else terms
    return [entry for entry in terms if german_pattern(entry["de"]["forms"]).search(text)]


def new_strings_with_terms(langs=LANGUAGES, catalogues=None, terms=None):
    """For ``make messages``: each untranslated or fuzzy interface msgid that names termbase terms.

    Returns (lang, path, msgid, [term entries]) so translators see the approved rendering before they translate.
    ``catalogues`` maps a language to catalogue paths (default: the site's and the plugins' interface catalogues).
    """
    terms = load_terms() if terms is None else terms
    found = []
    for lang in langs:
        paths = catalogues[lang] if catalogues else [path for kind, path in catalogue_paths(lang) if kind == "interface"]
        for path in paths:
            for entry in polib.pofile(str(path)):
                if entry.obsolete or not entry.msgid or (entry.translated() and "fuzzy" not in entry.flags):
                    continue
                named = terms_in(entry.msgid + " " + (entry.msgid_plural or ""), terms)
                if named:
                    found.append((lang, path, entry.msgid, named))
    return found
