"""The seed termbase (``data/terms.json``), loaded by migration 0002 and by ``setup_site``.

The migration runs before ``setup_site`` creates the content locales, so it can only give the
German term and the languages that already exist; ``ensure_terms`` (called by ``setup_site``
after ``ensure_locales``, and so by the demo loader) adds the rest. Both only add what is
missing: a term editors or translators changed is never overwritten.
"""

import json
import uuid
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "terms.json"
NAMESPACE = uuid.UUID("6f1d9a4e-3c1b-4d0e-9a57-2b7f61c0e1a9")


def entries():
    return json.loads(DATA.read_text(encoding="utf-8"))


def translation_key(key):
    """The same ``translation_key`` wherever a term is created (migration, setup), so its languages belong together."""
    return uuid.uuid5(NAMESPACE, f"terminology:{key}")


def load(term_model, locale_model):
    """Create the seed's terms missing in the existing locales; returns how many were created."""
    created = 0
    locales = {locale.language_code: locale for locale in locale_model.objects.all()}
    for entry in entries():
        for code, locale in locales.items():
            text = entry.get(code)
            if not text or term_model.objects.filter(key=entry["key"], locale=locale).exists():
                continue
            term_model.objects.create(
                key=entry["key"],
                locale=locale,
                translation_key=translation_key(entry["key"]),
                term=text["term"],
                explanation=text["explanation"],
                forms="\n".join(text.get("forms") or []),
            )
            created += 1
    return created


def ensure_terms():
    from wagtail.models import Locale

    from terminology.models import Term

    return load(Term, Locale)
