"""Names of holidays and closing days that editors write into the "Hinweis" of a different opening time.

The dates and times of an entry are the German entry's (translations cannot change them), and so
is the note. Most notes are the name of a holiday ("Heiligabend", "Pfingstmontag"): these fixed
names are in the interface catalogue, so a visitor reads them in their own language. Any other
note is shown as the editor wrote it.
"""

from django.utils.translation import pgettext_lazy

HOLIDAYS = {
    "Neujahr": pgettext_lazy("Feiertag", "Neujahr"),
    "Heilige Drei Könige": pgettext_lazy("Feiertag", "Heilige Drei Könige"),
    "Karfreitag": pgettext_lazy("Feiertag", "Karfreitag"),
    "Ostersonntag": pgettext_lazy("Feiertag", "Ostersonntag"),
    "Ostermontag": pgettext_lazy("Feiertag", "Ostermontag"),
    "Tag der Arbeit": pgettext_lazy("Feiertag", "Tag der Arbeit"),
    "Christi Himmelfahrt": pgettext_lazy("Feiertag", "Christi Himmelfahrt"),
    "Pfingstsonntag": pgettext_lazy("Feiertag", "Pfingstsonntag"),
    "Pfingstmontag": pgettext_lazy("Feiertag", "Pfingstmontag"),
    "Fronleichnam": pgettext_lazy("Feiertag", "Fronleichnam"),
    "Tag der Deutschen Einheit": pgettext_lazy("Feiertag", "Tag der Deutschen Einheit"),
    "Allerheiligen": pgettext_lazy("Feiertag", "Allerheiligen"),
    "Heiligabend": pgettext_lazy("Feiertag", "Heiligabend"),
    "1. Weihnachtsfeiertag": pgettext_lazy("Feiertag", "1. Weihnachtsfeiertag"),
    "2. Weihnachtsfeiertag": pgettext_lazy("Feiertag", "2. Weihnachtsfeiertag"),
    "Silvester": pgettext_lazy("Feiertag", "Silvester"),
}

# Other ways editors write the same day.
ALIASES = {
    "Erster Weihnachtsfeiertag": "1. Weihnachtsfeiertag",
    "Zweiter Weihnachtsfeiertag": "2. Weihnachtsfeiertag",
    "Weihnachten": "1. Weihnachtsfeiertag",
    "Dreikönig": "Heilige Drei Könige",
    "Heilige drei Könige": "Heilige Drei Könige",
    "Himmelfahrt": "Christi Himmelfahrt",
    "Maifeiertag": "Tag der Arbeit",
    "1. Mai": "Tag der Arbeit",
    "Tag der deutschen Einheit": "Tag der Deutschen Einheit",
    "Silvesterabend": "Silvester",
    "Neujahrstag": "Neujahr",
}

_KNOWN = {name.casefold(): name for name in HOLIDAYS}
_KNOWN.update({alias.casefold(): name for alias, name in ALIASES.items()})


def translated_note(note):
    """``note`` in the active language when it is a known holiday name, otherwise unchanged."""
    text = (note or "").strip()
    name = _KNOWN.get(text.rstrip(".").casefold())
    return str(HOLIDAYS[name]) if name else text
