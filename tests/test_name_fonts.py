"""The small fonts for native language names cover every name shown, and the stylesheet asks for them for exactly those characters."""

import re

import pytest
from fontTools.ttLib import TTFont

from translations.name_fonts import FONT_DIR, SCRIPTS, characters

STYLESHEET = FONT_DIR.parent / "css" / "site.css"


def declared_ranges():
    """``{font file: set of code points}`` of the stylesheet's "Language Names" faces."""
    css = STYLESHEET.read_text()
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    declared = {}
    for face in faces:
        if '"Language Names"' not in face:
            continue
        font = re.search(r"url\(\"\.\./fonts/([^\"]+)\"\)", face).group(1)
        points = set()
        for low, high in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", re.search(r"unicode-range:([^;]*);", face).group(1)):
            points.update(range(int(low, 16), int(high or low, 16) + 1))
        declared[font] = points
    return declared


@pytest.mark.parametrize(("source", "subset", "script"), SCRIPTS)
def test_subset_font_has_every_glyph_of_the_names(source, subset, script):
    chars = characters(*script)
    assert chars, "every script listed here appears in some language's name"
    cmap = TTFont(FONT_DIR / subset).getBestCmap()
    assert [char for char in chars if ord(char) not in cmap] == [], "run: manage.py subset_name_fonts"
    assert (FONT_DIR / subset).stat().st_size < 8_000


@pytest.mark.parametrize(("source", "subset", "script"), SCRIPTS)
def test_stylesheet_uses_the_subset_for_exactly_the_names_characters(source, subset, script):
    assert declared_ranges()[subset] == {ord(char) for char in characters(*script)}
