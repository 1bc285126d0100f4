"""Tiny fonts for the native language names that every page shows.

The language switcher and the language filters name each language in its own script
(العربية, ትግርኛ, پښتو …). A German page would otherwise make a phone without those
scripts download the whole Arabic and Ethiopic web fonts (about 45 KB each) for a handful
of words. These subsets hold only the glyphs of those names (with the shaping rules that join
Arabic letters), and ``static/css/site.css`` uses them only for elements that show a
language's name, with a ``unicode-range`` of exactly their characters.

``manage.py subset_name_fonts`` rebuilds them after a language is added (fontTools and
brotli come with the test requirements); ``tests/test_name_fonts.py`` fails until it is run.
"""

from django.conf import settings
from django.utils.translation import get_language_info

FONT_DIR = settings.BASE_DIR / "static" / "fonts"
# (full web font, subset written next to it, the script's code point range)
SCRIPTS = [
    ("noto-naskh-arabic-regular.woff2", "language-names-arabic.woff2", (0x0600, 0x08FF)),
    ("noto-sans-ethiopic-regular.woff2", "language-names-ethiopic.woff2", (0x1200, 0x137F)),
]


def native_names():
    """Every language name a visitor sees in its own script: the site's languages and the directory's advice languages.

    (The calendar's language filter names languages in the visitor's language, in the page's own font.)
    """
    names = {get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES}
    from django.apps import apps

    if apps.is_installed("orgdirectory"):
        from orgdirectory.languages import advice_language_choices

        names |= {name for _code, name in advice_language_choices()}
    return sorted(names)


def characters(low, high):
    """The characters of the native names within one script's range."""
    return sorted({char for name in native_names() for char in name if low <= ord(char) <= high})


def unicode_range(chars):
    return ", ".join(f"U+{ord(char):04X}" for char in chars)
