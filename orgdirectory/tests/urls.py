"""The test host's URLs: the plugin's API, Wagtail's admin and pages under a language prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("api/v2/organisations/", include("orgdirectory.urls")),
    path("admin/", include(wagtailadmin_urls)),
]
urlpatterns += i18n_patterns(path("", include(wagtail_urls)))
