"""The shipped catalogues: every language of the plugin translates its strings (compiled .mo files installed)."""

import pytest
from django.utils import translation

TARGET_LANGUAGES = "en ar uk tr fa ps ti ku ru so fr ro".split()
SAMPLES = ["Kalender abonnieren", "Veranstaltungskalender", "Zum Inhalt springen", "Für den Filter „Ort“. Bei reinen Online-Terminen: „online“."]


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_every_language_translates_the_plugins_strings(code):
    with translation.override(code):
        translated = [translation.gettext(text) for text in SAMPLES]
    assert all(text != source for text, source in zip(translated, SAMPLES, strict=True)), translated

