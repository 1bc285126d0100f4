"""What a directory file may carry into a spreadsheet or onto a public page.

CSV injection (OWASP): a spreadsheet program runs a cell that starts with
``= + - @``, a tab or a carriage return as a formula (``=HYPERLINK(…)``,
``+cmd|…``). Every such cell is written with a leading apostrophe, which
spreadsheets show as plain text; on import the apostrophe in front of one of
those characters is removed again, so export → edit → import keeps the text.

Rich text: the CSV's HTML goes through the same conversion the rich-text editor
applies to what an editor types (Draftail's contentstate round trip with the
field's features), so only the formatting the editor allows reaches a page:
no ``<script>``, no ``onclick``, no ``javascript:`` links.
"""

import re

SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.I | re.S)
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def neutralise(value):
    """A cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return GUARD + value
    return value


def restore(value):
    """The text ``neutralise`` was given (values that were never neutralised stay as they are)."""
    if isinstance(value, str) and value.startswith(GUARD) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def neutralise_row(row):
    return {column: neutralise(value) for column, value in row.items()}


def restore_row(row):
    return {column: restore(value) for column, value in row.items()}


def sanitise_rich_text(html, features):
    """``html`` as the rich-text editor would store it with ``features``.

    Wagtail's whitelister (BeautifulSoup, so any tag soup parses) first drops every element, attribute and
    link type the features do not allow; then the editor's own contentstate round trip stores it in the
    form the editor itself writes. Should that round trip still fail, the whitelisted HTML is kept.
    """
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

    if not html or not html.strip():
        return ""
    html = SCRIPT_OR_STYLE.sub("", html)  # their text would otherwise stay behind as visible words
    cleaned = EditorHTMLConverter(features=features).whitelister.clean(html)
    converter = ContentstateConverter(features=features)
    try:
        converted = converter.to_database_format(converter.from_database_format(cleaned))
    except Exception:  # noqa: BLE001 - the whitelisted HTML is already safe
        return cleaned
    # The editor's random block keys would make every import of the same file look like a change.
    return BLOCK_KEY.sub("", converted)
