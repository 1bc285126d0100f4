"""The public APIs as other apps use them: CORS, one language parameter, JSON errors in the requested
language, Wagtail's API v2 without drafts or private pages, and an OpenAPI 3 document that
openapi-spec-validator accepts and whose every example request answers as described (jsonschema)."""

from urllib.parse import urlencode

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from home.models import WorkingGroupPage
from tests.conftest import page_in

pytestmark = pytest.mark.django_db

PUBLIC_GETS = [
    "/api/events/occurrences/",
    "/api/v2/organisations/",
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/openapi.json",
]


@pytest.fixture
def document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("url", PUBLIC_GETS)
def test_every_public_api_may_be_read_from_any_origin(client, url):
    response = client.get(url, HTTP_ORIGIN="https://app.partner.example")
    assert response.status_code == 200, url
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_openapi_document_is_valid_and_describes_every_public_endpoint(document):
    validate(document)
    assert document["openapi"].startswith("3.")
    for url in PUBLIC_GETS:
        assert url in document["paths"], url
    for path in ("/api/v2/organisations/{key}/", "/api/v2/pages/{id}/", "/api/v2/images/{id}/", "/api/v2/documents/{id}/"):
        assert path in document["paths"]


def _schema(document, operation, status):
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    return {**schema, "components": document["components"]}


def _example_request(path, operation):
    query = {}
    for parameter in operation.get("parameters", []):
        if "example" not in parameter:
            continue
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", str(parameter["example"]))
        else:
            query[parameter["name"]] = parameter["example"]
    return path + ("?" + urlencode(query) if query else "")


@pytest.fixture
def media():
    """An image and a document, so that their endpoints have something to show."""
    import io

    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    image = get_image_model().objects.create(title="Beispielbild (Test)", file=ImageFile(buffer, name="test.png"))
    document = get_document_model().objects.create(title="Beispieldokument (Test)",
                                                   file=ContentFile(b"Test", name="test.txt"))
    return image, document


def test_every_example_request_answers_as_described(client, media):
    document = client.get("/api/openapi.json").json()
    ran = 0
    for path, item in document["paths"].items():
        operation = item["get"]
        url = _example_request(path, operation)
        assert "{" not in url, f"{path} has no example for a path parameter"
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        Draft202012Validator(_schema(document, operation, "200")).validate(response.json())
        ran += 1
    assert ran == len(document["paths"]) >= 10


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("/api/events/occurrences/?locale=xx", "de", "Unbekannte Sprache"),
        ("/api/events/occurrences/?lang=xx", "de", "Unbekannte Sprache"),
        ("/api/events/occurrences/?locale=ar&start=morgen", "ar", None),
        ("/api/v2/organisations/?locale=xx", "de", "Unbekannte Sprache"),
        ("/api/v2/organisations/?locale=ar&limit=-1", "ar", None),
        ("/api/v2/organisations/?locale=de&limit=abc", "de", "„limit“ muss eine ganze Zahl"),
        ("/api/v2/organisations/?locale=de&offset=-3", "de", "„offset“ muss eine ganze Zahl"),
    ],
)
def test_invalid_values_get_a_400_json_error_in_the_requested_language(client, document, url, language, expected):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    path = url.split("?")[0]
    Draft202012Validator(_schema(document, document["paths"][path]["get"], "400")).validate(body)
    if expected:
        assert expected in body["error"]
    if language == "ar":
        assert any("\u0600" <= character <= "\u06ff" for character in body["error"]), body


def test_one_language_parameter_everywhere_with_the_old_one_as_alias(client):
    events_new = client.get("/api/events/occurrences/?locale=ar").json()
    events_old = client.get("/api/events/occurrences/?lang=ar").json()
    assert events_new["locale"] == events_old["locale"] == "ar"
    assert events_new["occurrences"] == events_old["occurrences"]
    organisations = client.get("/api/v2/organisations/?locale=ar&limit=3").json()
    assert organisations["meta"]["locale"] == "ar"
    pages = client.get("/api/v2/pages/?locale=ar&limit=20").json()
    assert pages["items"]
    for item in pages["items"][:5]:
        assert client.get(f"/api/v2/pages/{item['id']}/").json()["meta"]["locale"] == "ar"


def test_pages_api_in_every_language_without_drafts_or_private_pages(client, german):
    group = WorkingGroupPage.objects.filter(locale=german).order_by("path").first()
    published_title = group.title
    group.title = "Entwurf: noch nicht veröffentlicht"
    group.save_revision()  # a draft only

    listed = client.get("/api/v2/pages/?type=home.WorkingGroupPage&locale=de&fields=intro&limit=20").json()
    titles = [item["title"] for item in listed["items"]]
    assert published_title in titles and "Entwurf: noch nicht veröffentlicht" not in titles
    detail = client.get(f"/api/v2/pages/{group.pk}/").json()
    assert detail["title"] == published_title and "intro" in detail

    arabic = page_in(group, "ar")
    in_arabic = client.get("/api/v2/pages/?type=home.WorkingGroupPage&locale=ar&limit=20").json()
    assert arabic.pk in [item["id"] for item in in_arabic["items"]]

    # A private page (view restriction) and its children disappear; so does an unpublished page.
    PageViewRestriction.objects.create(page=group, restriction_type=PageViewRestriction.PASSWORD, password="geheim")
    ids = [item["id"] for item in client.get("/api/v2/pages/?locale=de&limit=20&type=home.WorkingGroupPage").json()["items"]]
    assert group.pk not in ids
    assert client.get(f"/api/v2/pages/{group.pk}/").status_code == 404
    child = Page.objects.child_of(group).live().first()
    if child is not None:
        assert client.get(f"/api/v2/pages/{child.pk}/").status_code == 404
    other = WorkingGroupPage.objects.filter(locale=german).exclude(pk=group.pk).first()
    other.unpublish()
    assert client.get(f"/api/v2/pages/{other.pk}/").status_code == 404


def test_documents_of_a_restricted_collection_are_not_listed(client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    root = Collection.get_first_root_node()
    closed = root.add_child(name="Intern (Test)")
    CollectionViewRestriction.objects.create(collection=closed, restriction_type=CollectionViewRestriction.PASSWORD,
                                             password="geheim")
    document = get_document_model().objects.create(title="Internes Protokoll", collection=closed,
                                                   file=ContentFile(b"intern", name="intern.txt"))
    listed = client.get("/api/v2/documents/?limit=20").json()
    assert document.pk not in [item["id"] for item in listed["items"]]
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404
