"""What the privacy statement says about the software, generated from its configuration.

The cookies listed are the ones the configured cookie names and lifetimes produce; a test
(tests/test_legal_pages.py) visits the site as a visitor and as an editor and fails when a
response sets a cookie this list does not name. Access logging, DeepL and the cache follow
their settings, so the statement changes when the operator changes them.
"""

import os
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass
class Cookie:
    name: str
    purpose: str
    lifetime: str
    who: str


def cookies():
    """Every cookie the site can set, with its purpose, lifetime and who gets it."""
    session_days = settings.SESSION_COOKIE_AGE // 86400
    csrf_days = settings.CSRF_COOKIE_AGE // 86400
    return [
        Cookie(
            settings.LANGUAGE_COOKIE_NAME,
            _("Merkt sich die Sprache, die Sie gewählt haben."),
            _("%(days)s Tage") % {"days": (settings.LANGUAGE_COOKIE_AGE or 0) // 86400}
            if settings.LANGUAGE_COOKIE_AGE
            else _("bis zum Schließen des Browsers"),
            _("Besucherinnen und Besucher, die eine Sprache wählen"),
        ),
        Cookie(
            settings.SESSION_COOKIE_NAME,
            _("Hält die Anmeldung der Redaktion."),
            _("%(days)s Tage") % {"days": session_days},
            _("nur angemeldete Redaktion"),
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            _("Schützt Formulare der Redaktion vor Missbrauch durch andere Websites."),
            _("%(days)s Tage") % {"days": csrf_days},
            _("nur Redaktion"),
        ),
    ]


def privacy_facts():
    """The configuration-dependent facts of the privacy statement."""
    return {
        "cookies": cookies(),
        "access_log": bool(os.environ.get("GUNICORN_ACCESS_LOG")),
        "log_days": int(getattr(settings, "ACCESS_LOG_RETENTION_DAYS", 7)),
        "deepl": "deepl" in str(getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", {}).get("CLASS", "")).lower(),
    }
