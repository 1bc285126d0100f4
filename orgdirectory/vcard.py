"""An organisation as a vCard (3.0), so a visitor can save it to the phone's contacts."""

import vobject
from django.utils.html import strip_tags

from .conf import country_name
from .validators import dialable


def organisation_vcard(shown, source):
    """``shown`` gives the name and note in the visitor's language, ``source`` the contact data."""
    card = vobject.vCard()
    card.add("fn").value = shown.name
    card.add("n").value = vobject.vcard.Name(family=shown.name)
    card.add("org").value = [shown.name]
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
    note = strip_tags(shown.description).strip()
    if note:
        card.add("note").value = note
    return card.serialize()
