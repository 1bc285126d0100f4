"""API URLs; included by the project at ``api/v2/organisations/`` (outside the language prefixes)."""

from django.urls import path

from .api import OrganisationDetailAPI, OrganisationListAPI

app_name = "orgdirectory_api"
urlpatterns = [
    path("", OrganisationListAPI.as_view(), name="list"),
    path("<slug:key>/", OrganisationDetailAPI.as_view(), name="detail"),
]
