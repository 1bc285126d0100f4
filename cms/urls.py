from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from caching import routing
from editorial.autosaved import CreatePageView
from editorial.reports import GroupWorkflowTasksView, GroupWorkflowView
from feedback.views import submit as feedback_submit
from home.offline.views import manifest, offline_page, service_worker
from home.public.search import search_view
from home.public.sitemap import MultilingualSitemap, robots_txt
from offlinepacks.views import pack_view
from operations.health import healthz
from publicapi.openapi import openapi_view
from publicapi.wagtail_api import api_router
from terminology.views import glossary_view


def admin_view(view):
    """Decorated as Wagtail decorates its own admin URLs (wagtail/admin/urls/__init__.py)."""
    return never_cache(require_admin_access(view))


urlpatterns = [
    # Before Wagtail's own: the workflow reports list only what the reader's working group may change.
    path("admin/reports/workflow/", admin_view(GroupWorkflowView.as_view())),
    path("admin/reports/workflow/results/", admin_view(GroupWorkflowView.as_view(results_only=True))),
    path("admin/reports/workflow_tasks/", admin_view(GroupWorkflowTasksView.as_view())),
    path("admin/reports/workflow_tasks/results/", admin_view(GroupWorkflowTasksView.as_view(results_only=True))),
    # Before Wagtail's own: a submit racing autosave's first save goes on to the page autosave created.
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        admin_view(CreatePageView.as_view()),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sw.js", service_worker, name="service_worker"),  # scope "/": served from the root, not /static/
    path("api/events/", include("events.urls")),
    path("api/v2/organisations/", include("orgdirectory.urls")),
    path("api/v2/", api_router.urls),  # Wagtail's pages, images and documents (publicapi/wagtail_api.py)
    path("api/openapi.json", openapi_view, name="openapi"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives below its language prefix: /de/, /ar/, ...
# LocaleMiddleware redirects "/" to the visitor's language.
urlpatterns += i18n_patterns(
    path("suche/", search_view, name="search"),
    path("rueckmeldung/", feedback_submit, name="feedback"),
    path("glossar/", glossary_view, name="glossary"),
    path("offline/", offline_page, name="offline"),
    path("offline/paket/<slug:kind>/<int:page_id>/", pack_view, name="offline_pack"),
    path("manifest.webmanifest", manifest, name="manifest"),
    path("", include("events.ics_urls")),  # <page>/feed.ics, <event>/termin.ics (Wagtail serves only "/" paths)
    # Wagtail's URLs, its pages routed from the language's home page kept in the frame cache (caching/routing.py).
    path("", include([pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"])),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
