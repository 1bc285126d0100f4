"""Uploads in the Wagtail admin: size, pixel and type limits, content checked against the name."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def admin_client(client, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = django_user_model.objects.create_superuser("upload-admin", "upload@example.org", "Upload-Test-2031-x")
    client.force_login(user)
    return client


def png(width=20, height=20):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {"title": "Beispielbild", "collection": Collection.get_first_root_node().id,
         "file": SimpleUploadedFile(name, content)},
    )


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {"title": "Beispieldokument", "collection": Collection.get_first_root_node().id,
         "file": SimpleUploadedFile(name, content)},
    )


def test_limits_are_set(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"html", "htm", "svg", "js", "exe"} & set(settings.WAGTAILDOCS_EXTENSIONS)


def test_a_real_image_is_accepted(admin_client):
    response = upload_image(admin_client, "rhein.png", png())
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Beispielbild").exists()


def test_a_broken_image_is_refused_with_a_german_message(admin_client):
    response = upload_image(admin_client, "kaputt.png", png()[:60])
    assert response.status_code == 200
    assert "Diese Datei ist kein lesbares Bild" in response.content.decode()
    assert not get_image_model().objects.filter(title="Beispielbild").exists()


def test_svg_images_are_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(admin_client, "logo.svg", svg)
    assert "Dieses Bildformat ist nicht erlaubt" in response.content.decode()
    assert not get_image_model().objects.filter(title="Beispielbild").exists()


def test_an_image_with_too_many_pixels_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    response = upload_image(admin_client, "gross.png", png(40, 40))
    assert "Das Bild hat zu viele Bildpunkte" in response.content.decode()


def test_a_real_pdf_is_accepted_and_served_as_download(admin_client, client):
    response = upload_document(admin_client, "flyer.pdf", PDF)
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Beispieldokument")
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("seite.html", b"<html><script>alert(1)</script></html>", "Webseiten (HTML)"),
        ("flyer.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script>", "Webseiten (HTML)"),
        ("bild.pdf", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "Webseiten (HTML)"),
        ("flyer.pdf", b"Das ist gar kein PDF, nur Text.", "passt nicht zur Dateiendung"),
        ("tabelle.xlsx", PDF, "passt nicht zur Dateiendung"),
        ("liste.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "passt nicht zur Dateiendung"),
        ("notiz.txt", b"  <script>alert(1)</script>", "Webseiten (HTML)"),
    ],
)
def test_documents_whose_content_does_not_match_are_refused(admin_client, name, content, message):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_document_model().objects.filter(title="Beispieldokument").exists()


def test_plain_text_documents_are_accepted(admin_client):
    response = upload_document(admin_client, "adressen.csv", "Name;Ort\nBeispiel;Lörrach\n".encode())
    assert response.status_code == 302


def test_a_document_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    response = upload_document(admin_client, "gross.pdf", PDF + b"%" * 200)
    assert response.status_code == 200
    assert not get_document_model().objects.filter(title="Beispieldokument").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("flyer.pdf", b"Das ist gar kein PDF, nur Text.", "Der Inhalt der Datei passt nicht zur Dateiendung „.pdf“."),
        ("seite.html", b"<html><script>alert(1)</script></html>", "Webseiten (HTML) und SVG-Grafiken"),
        ("LIESMICH", b"Nur Text", "Der Dateiname hat keine Endung wie „.pdf“. Erlaubt sind: pdf, "),
    ],
)
def test_an_upload_refused_in_the_multiple_upload_gets_exactly_one_plain_message(admin_client, name, content, message):
    """The drag-and-drop upload shows every message of the form; Wagtail's model added a second,
    wrong one („Dateiendung „“ ist nicht erlaubt“) to every refusal."""
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk},
    )
    error = response.json()["error_message"]
    assert error.startswith(message)
    assert "\n" not in error and "„“" not in error
