from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from editorial.reports import GroupWorkflowTasksView, GroupWorkflowView
from feedback.views import submit as feedback_submit
from home.public.search import search_view
from home.public.sitemap import MultilingualSitemap, robots_txt
from operations.health import healthz
from publicapi.openapi import openapi_view
from publicapi.wagtail_api import api_router

urlpatterns = [
    # Before Wagtail's own: the workflow reports list only what the reader's working group may change.
    path("admin/reports/workflow/", require_admin_access(GroupWorkflowView.as_view())),
    path("admin/reports/workflow/results/", require_admin_access(GroupWorkflowView.as_view(results_only=True))),
    path("admin/reports/workflow_tasks/", require_admin_access(GroupWorkflowTasksView.as_view())),
    path(
        "admin/reports/workflow_tasks/results/", require_admin_access(GroupWorkflowTasksView.as_view(results_only=True))
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
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
    path("", include("events.ics_urls")),  # <page>/feed.ics, <event>/termin.ics (Wagtail serves only "/" paths)
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
