"""The admin's CSP nonce goes only to the inline start-up scripts Wagtail and wagtail-localize render themselves
(``security.csp.AdminScriptNonceMiddleware``), so the admin works and an injected inline script does not run.

Every executable inline ``<script>`` on the admin's editor screens (pages, events with date pickers and inline
panels, directory entries with time pickers and page choosers, images, documents, wagtail-localize's translate
and translation editor screens, the workflow editor) must carry the request's nonce; a script of any other
shape, even inside an admin answer, must not.
"""

import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Workflow

from events.models import EventPage
from home.models import HomePage, WorkingGroupPage
from orgdirectory.models import Organisation
from security.csp import AdminScriptNonceMiddleware, is_wagtails_own_script

pytestmark = pytest.mark.django_db

INLINE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)
DATA = re.compile(r"""type=["']?(application/(ld\+)?json|text/template)""")


def executable_inline_scripts(html):
    return [(attributes, code) for attributes, code in INLINE.findall(html) if not DATA.search(attributes)]


def nonce_of(response):
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return re.fullmatch(r"'self' 'nonce-([A-Za-z0-9+/=_-]+)'", policy["script-src"]).group(1)


def editor_screens():
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    event = EventPage.objects.filter(locale__language_code="de").first()
    entry = Organisation.objects.filter(locale__language_code="de").first()
    source, _created = TranslationSource.get_or_create_from_instance(event)
    english = Locale.objects.get(language_code="en")
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=english, defaults={"enabled": True})
    target = event.get_translation(english)
    screens = [
        reverse("wagtailadmin_pages:edit", args=[HomePage.objects.get(locale__language_code="de").pk]),
        reverse("wagtailadmin_pages:edit", args=[WorkingGroupPage.objects.filter(locale__language_code="de").first().pk]),
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
        reverse("wagtailadmin_pages:add", args=("events", "eventpage", event.get_parent().pk)),
        reverse("wagtailsnippets_orgdirectory_organisation:edit", args=[entry.pk]),
        reverse("wagtailsnippets_orgdirectory_organisation:add"),
        reverse("wagtail_localize:submit_page_translation", args=[event.pk]),
        reverse("wagtailadmin_pages:edit", args=[target.pk]),
        reverse("wagtailadmin_workflows:edit", args=[Workflow.objects.first().pk]),
        reverse("wagtailadmin_workflows:add"),
    ]
    if Image.objects.exists():
        screens.append(reverse("wagtailimages:edit", args=[Image.objects.first().pk]))
    if Document.objects.exists():
        screens.append(reverse("wagtaildocs:edit", args=[Document.objects.first().pk]))
    return screens, translation


def test_every_inline_script_of_the_admins_editor_screens_carries_the_nonce(client, django_user_model):
    user = django_user_model.objects.create_superuser("nonce-admin", "nonce@example.org", "x-Lang-genug-2024")
    client.force_login(user)
    screens, _translation = editor_screens()
    shapes = set()
    for url in screens:
        response = client.get(url)
        assert response.status_code == 200, url
        nonce = nonce_of(response)
        scripts = executable_inline_scripts(response.content.decode())
        for attributes, code in scripts:
            assert f'nonce="{nonce}"' in attributes, f"{url}: {code.strip()[:120]}"
            shapes.add("InlinePanel" if "new InlinePanel(" in code else code.strip().split("(", 1)[0])
    # The screens really contain the start-up scripts this is about: date pickers, inline panels, choosers.
    assert {"initDateTimeChooser", "initDateChooser", "initTimeChooser", "new PageChooser", "InlinePanel"} <= shapes, shapes


def test_the_translation_editor_carries_the_nonce(client, django_user_model):
    user = django_user_model.objects.create_superuser("nonce-admin", "nonce@example.org", "x-Lang-genug-2024")
    client.force_login(user)
    _screens, translation = editor_screens()
    # With the translation enabled, the translated page's editor is wagtail-localize's translation editor.
    target = translation.source.get_translated_instance(translation.target_locale)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert response.status_code == 200
    assert b"window.chooserUrls" in response.content
    nonce = nonce_of(response)
    scripts = executable_inline_scripts(response.content.decode())
    assert scripts
    assert all(f'nonce="{nonce}"' in attributes for attributes, _code in scripts)


@pytest.mark.parametrize(
    "code",
    [
        "alert(document.cookie)",
        'initDateChooser("id_x", {}); fetch("/admin/users/")',
        'new PageChooser("id_x", {"modalUrl": "/"}); alert(1);',
        'new Function("alert(1)")("id_x", {});',
        'initDateChooser("id_x", alert(1));',
        '(function() { var panel = new InlinePanel(JSON.parse("")); })(); alert(1)',
        'eval("id_x", {"a": 1});',
    ],
)
def test_a_script_of_another_shape_gets_no_nonce(code):
    assert not is_wagtails_own_script(code)
    request = RequestFactory().get("/admin/pages/")
    request.csp_nonce = "n0nce"
    html = (
        f'<p><script>{code}</script><script>initDateChooser("id_date", {{"dayOfWeekStart": 1}});</script>'
        '<script type="application/json" id="d">{"a": 1}</script></p>'
    )
    answer = AdminScriptNonceMiddleware(lambda request: HttpResponse(html))(request).content.decode()
    assert f"<script>{code}</script>" in answer
    assert '<script nonce="n0nce">initDateChooser("id_date"' in answer
    assert '<script type="application/json" id="d">' in answer


def test_public_pages_get_no_nonce():
    request = RequestFactory().get("/de/")
    request.csp_nonce = "n0nce"
    html = '<script>initDateChooser("id_date", {});</script>'
    assert AdminScriptNonceMiddleware(lambda request: HttpResponse(html))(request).content.decode() == html

