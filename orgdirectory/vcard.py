"""An organisation as a vCard (3.0), so a visitor can save it to the phone's contacts.

Address books file a card by its kind: without ``X-ABShowAs:COMPANY`` (Apple) and ``KIND:org``
(vCard 4, read by Android/DAVx5 and Thunderbird) an organisation's name lands in N as if it were a
person's surname. NOTE is plain text with paragraph breaks (not HTML), and lines are folded at
75 octets as RFC 6350/2426 ask (vobject counts characters, so Arabic lines came out too long).
"""

import re
from html import unescape

import vobject
from django.utils.html import strip_tags

from .conf import country_name
from .validators import dialable

MAX_OCTETS = 75
BLOCK_END = re.compile(r"</(p|h\d|li|div|blockquote)>", re.I)
LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
PARAGRAPHS = re.compile(r"\n\s*\n")


def has_contact_data(source):
    """True if a card would hold anything to call, write to, visit or open."""
    return bool(source.phone or source.email or source.website or source.has_address)


def plain_text(html):
    """Rich text as plain text: paragraphs separated by a blank line, entities decoded (``&amp;`` → ``&``)."""
    text = LINE_BREAK.sub("\n", html or "")
    text = unescape(strip_tags(BLOCK_END.sub("\n\n", text)))
    paragraphs = ("\n".join(line.strip() for line in block.splitlines() if line.strip()) for block in PARAGRAPHS.split(text))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def fold(serialized):
    """Refold every content line at 75 octets of UTF-8, never inside a character."""
    unfolded = re.sub(r"\r\n[ \t]", "", serialized)
    out = []
    for line in unfolded.split("\r\n"):
        if not line:
            continue
        chunk, size, first = [], 0, True
        for character in line:
            width = len(character.encode("utf-8"))
            limit = MAX_OCTETS if first else MAX_OCTETS - 1  # a continuation line starts with a space
            if size + width > limit:
                out.append(("" if first else " ") + "".join(chunk))
                chunk, size, first = [], 0, False
            chunk.append(character)
            size += width
        out.append(("" if first else " ") + "".join(chunk))
    return "\r\n".join(out) + "\r\n"


def organisation_vcard(shown, source):
    """``shown`` gives the name and note in the visitor's language, ``source`` the contact data."""
    card = vobject.vCard()
    card.add("fn").value = shown.name
    card.add("n").value = vobject.vcard.Name()
    card.add("org").value = [shown.name]
    card.add("kind").value = "org"
    card.add("x-abshowas").value = "COMPANY"
    if source.phone:
        tel = card.add("tel")
        tel.value = dialable(source.phone)
        tel.type_param = "WORK"
    if source.email:
        email = card.add("email")
        email.value = source.email
        email.type_param = "INTERNET"
    if source.website:
        card.add("url").value = source.website
    if source.has_address:
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(
            street=source.street, city=source.town, code=source.postcode, country=country_name()
        )
        adr.type_param = "WORK"
    if source.latitude is not None and source.longitude is not None:
        card.add("geo").value = f"{source.latitude};{source.longitude}"
    note = plain_text(shown.description)
    if note:
        card.add("note").value = note
    return fold(card.serialize())
