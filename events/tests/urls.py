"""The test host's URLs: the admin, the plugin's API and .ics files, then Wagtail's pages."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/events/", include("events.urls")),
] + i18n_patterns(
    path("", include("events.ics_urls")),
    path("", include(wagtail_urls)),
)
