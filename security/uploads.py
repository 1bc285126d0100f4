"""Upload checks for images and documents in the Wagtail admin.

Wagtail checks the extension of a document and that an image opens; it does not check that a
document's content is what its name says, so a script or web page renamed to ``.pdf`` would be
accepted and later offered to visitors. Here every upload's first bytes are compared with its
extension (``filetype``, which Wagtail already installs), web pages and SVG drawings are refused
in any disguise, and the messages are plain German for editors.
"""

import os

import filetype
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

SNIFF_BYTES = 8192
# What filetype reports for each allowed document extension. Office files are zip or OLE
# containers; filetype recognises the modern ones by their content and the old ones by OLE.
DOCUMENT_KINDS = {
    "pdf": {"pdf"},
    "docx": {"docx", "zip"},
    "xlsx": {"xlsx", "zip"},
    "pptx": {"pptx", "zip"},
    "odt": {"odt", "zip"},
    "ods": {"ods", "zip"},
    "odp": {"odp", "zip"},
    "doc": {"doc", "ole"},
    "xls": {"xls", "ole"},
    "ppt": {"ppt", "ole"},
}
TEXT_EXTENSIONS = {"txt", "csv"}
MARKUP_SIGNATURES = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe", b"<head")

MESSAGES = {
    "broken_image": _(
        "Diese Datei ist kein lesbares Bild. Vielleicht ist sie beschädigt oder unvollständig. "
        "Bitte speichern Sie das Bild neu als JPG, PNG, GIF oder WebP und laden Sie es noch einmal hoch."
    ),
    "image_extension": _("Dieses Bildformat ist nicht erlaubt. Erlaubt sind: %(formats)s."),
    "image_too_large": _("Die Datei ist zu groß (%(file_size)s). Erlaubt sind höchstens %(max_filesize)s."),
    "image_too_many_pixels": _(
        "Das Bild hat zu viele Bildpunkte (%(num_pixels)s). Erlaubt sind höchstens %(max_pixels_count)s. "
        "Bitte verkleinern Sie das Bild."
    ),
    "document_mismatch": _(
        "Der Inhalt der Datei passt nicht zur Dateiendung „.%(extension)s“. "
        "Bitte laden Sie die Originaldatei hoch."
    ),
    "document_markup": _(
        "Webseiten (HTML) und SVG-Grafiken können aus Sicherheitsgründen nicht hochgeladen werden."
    ),
    "document_no_extension": _("Der Dateiname hat keine Endung wie „.pdf“. Erlaubt sind: %(extensions)s."),
}


def _head(uploaded):
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(position)
    return head


def looks_like_markup(head):
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return any(signature in start[:1024] for signature in MARKUP_SIGNATURES)


def document_problem(name, head):
    """The message key for what is wrong with a document upload, or None if it may be stored."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if looks_like_markup(head):
        return "document_markup"
    if extension in TEXT_EXTENSIONS:
        if b"\x00" in head or filetype.guess(head) is not None:
            return "document_mismatch"
        return None
    expected = DOCUMENT_KINDS.get(extension)
    if expected is None:
        return None  # the extension check (WAGTAILDOCS_EXTENSIONS) has already refused it
    kind = filetype.guess(head)
    found = kind.extension if kind else ("ole" if head.startswith(b"\xd0\xcf\x11\xe0") else None)
    if found not in expected:
        return "document_mismatch"
    return None


def decode_fully(uploaded):
    """Decode the whole image once: a truncated or corrupt file fails here, not later on a page."""
    uploaded.seek(0)
    with PILImage.open(uploaded) as image:
        image.load()
    uploaded.seek(0)


def refusing_broken_images(to_python):
    """Wagtail only reads an image's header; a file broken further in crashes it (500) later."""

    def checked(data):
        try:
            uploaded = to_python(data)
            if uploaded is not None:
                decode_fully(uploaded)
            return uploaded
        except forms.ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - any decoder failure means the same to the editor
            raise forms.ValidationError(MESSAGES["broken_image"], code="invalid_image") from error

    return checked


class CheckedImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:
            return
        field.to_python = refusing_broken_images(field.to_python)
        field.error_messages.update(
            {
                "invalid_image": MESSAGES["broken_image"],
                "invalid": MESSAGES["broken_image"],
                "invalid_image_extension": MESSAGES["image_extension"]
                % {"formats": getattr(field, "supported_formats_text", "")},
                "invalid_image_known_format": _(
                    "Die Dateiendung passt nicht zum Inhalt: Die Datei heißt „.%(extension)s“, "
                    "ist aber ein %(image_format)s-Bild."
                ),
                "file_too_large": MESSAGES["image_too_large"],
                "file_too_many_pixels": MESSAGES["image_too_many_pixels"],
            }
        )


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
            problem = document_problem(uploaded.name, _head(uploaded)) if extension else "document_no_extension"
            if problem:
                allowed = ", ".join(getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or [])
                raise forms.ValidationError(
                    MESSAGES[problem], code=problem, params={"extension": extension, "extensions": allowed}
                )
        return uploaded

    def _post_clean(self):
        """Wagtail's document model checks the extension again on a file this form has already refused,
        finds no file name and adds „Dateiendung „“ ist nicht erlaubt“: keep only this form's message."""
        refused = list(self.errors.get("file", []))
        super()._post_clean()
        if refused:
            self.errors["file"] = self.error_class(refused)
