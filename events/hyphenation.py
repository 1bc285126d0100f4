"""Soft hyphens in long words, for headings and names on narrow screens.

Many phone browsers (and headless Chromium) have no hyphenation dictionary, so ``hyphens: auto`` does
nothing and a long German word breaks mid-word without a hyphen on a narrow screen. If pyphen is installed
(an optional dependency: LibreOffice's dictionaries), soft hyphens (U+00AD) go into words longer than 12
letters where the language has a dictionary; browsers show them only at a line break and leave them out
when text is copied or searched. Without pyphen the text is left as it is.
"""

import functools
import re

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

try:
    import pyphen
except ImportError:  # pragma: no cover - optional
    pyphen = None

LONG_WORD = re.compile(r"\w{13,}")
TAG = re.compile(r"(<[^>]*>)")


@functools.lru_cache(maxsize=32)
def dictionary(language):
    if pyphen is None or not language or language not in pyphen.LANGUAGES:
        return None
    return pyphen.Pyphen(lang=language, left=3, right=3)


# A syllable has a vowel: LibreOffice's German patterns sometimes cut a consonant cluster off
# („Berufs-ab-sch-lüsse“); such cuts are left out.
VOWELS = frozenset("aeiouyäöüàâéèêëîïôûæœAEIOUYÄÖÜÀÂÉÈÊËÎÏÔÛăâîĂÂÎаеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")


def _has_vowel(fragment):
    return not VOWELS.isdisjoint(fragment)


@functools.lru_cache(maxsize=4096)
def hyphenated_word(language, word):
    kept, start = [], 0
    for position in dictionary(language).positions(word):
        if _has_vowel(word[start:position]):
            kept.append(position)
            start = position
    while kept and not _has_vowel(word[kept[-1]:]):
        kept.pop()
    pieces = [word[a:b] for a, b in zip([0, *kept], [*kept, len(word)], strict=True)]
    return "\u00ad".join(pieces)


def hyphenate(value, language=""):
    """``value`` escaped, with soft hyphens in its long words (``language`` or the active one); tags are left alone."""
    language = (language or get_language() or "").split("-")[0]
    text = conditional_escape(value)
    if dictionary(language) is None:
        return text
    parts = TAG.split(text)
    for index in range(0, len(parts), 2):
        parts[index] = LONG_WORD.sub(lambda match: hyphenated_word(language, match.group(0)), parts[index])
    return mark_safe("".join(parts))
