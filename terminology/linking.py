"""First-occurrence links: the first time a page's text uses a term, it links to the term's explanation.

Run on the server when the page is rendered (the page cache then keeps the result); no JavaScript.
The HTML is parsed with Beautiful Soup (Python's own ``html.parser``; Wagtail depends on it), only
text nodes are searched, and text inside headings, links, buttons, code, form labels and
``<details>`` summaries is left alone. A term is linked once per page: the caller passes the set of
keys already linked (kept on the request across the page's text regions).
"""

import re

from bs4 import BeautifulSoup, NavigableString
from bs4.dammit import EntitySubstitution
from bs4.element import Comment, Declaration, ProcessingInstruction
from bs4.formatter import HTMLFormatter

SKIPPED = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "code", "pre", "kbd", "samp", "script", "style",
           "textarea", "select", "option", "label", "summary", "svg", "math", "template", "abbr", "dfn"}


class _AsWritten(HTMLFormatter):
    """Serialise as Wagtail wrote it: attributes in their order, ``<br>`` not ``<br/>``, boolean attributes bare."""

    def attributes(self, tag):
        return list(tag.attrs.items()) if tag.attrs else []


FORMATTER = _AsWritten(
    entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix="", empty_attributes_are_booleans=True
)


def _pattern(forms):
    """One alternation of all forms, longest first, matched as whole words (in every script)."""
    ordered = sorted({form for form in forms if form}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(form) for form in ordered) + r")(?!\w)")


def _searchable(node):
    if isinstance(node, (Comment, Declaration, ProcessingInstruction)):
        return False
    return not any(parent.name in SKIPPED for parent in node.parents)


def link_terms(html, entries, href, linked, use_german_forms=False):
    """``html`` with the first occurrence of each entry's forms linked (keys in ``linked`` are skipped and
    the newly linked keys added to it). ``href(key)`` gives the link target; returns ``html`` unchanged
    (same string) when nothing was found."""
    wanted = []
    for entry in entries:
        if entry["key"] in linked:
            continue
        forms = entry["german_forms"] if use_german_forms else entry["forms"]
        if forms:
            wanted.append((entry, forms))
    if not wanted or not html:
        return html
    # A form two entries share (English "event" for both Termin and Veranstaltung) links to the entry whose
    # approved term it is; otherwise to the first entry listing it.
    form_owner = {}
    for entry, forms in wanted:
        for form in forms:
            if form == entry.get("german" if use_german_forms else "term"):
                form_owner.setdefault(form, entry)
    for entry, forms in wanted:
        for form in forms:
            form_owner.setdefault(form, entry)
    pattern = _pattern(form_owner)
    if pattern is None or not pattern.search(html):
        return html
    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for node in list(soup.find_all(string=True)):
        if not _searchable(node):
            continue
        text = str(node)
        pieces = []
        position = 0
        for match in pattern.finditer(text):
            entry = form_owner[match.group(0)]
            if entry["key"] in linked:
                continue
            linked.add(entry["key"])
            pieces.append(text[position : match.start()])
            link = soup.new_tag("a", href=href(entry["key"]), attrs={"class": "term-link", "title": entry["explanation"]})
            link.string = match.group(0)
            pieces.append(link)
            position = match.end()
        if not pieces:
            continue
        pieces.append(text[position:])
        for piece in pieces:
            node.insert_before(piece if not isinstance(piece, str) else NavigableString(piece))
        node.extract()
        changed = True
    return soup.decode(formatter=FORMATTER) if changed else html
