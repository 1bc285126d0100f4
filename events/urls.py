from django.urls import path

from .api import occurrences_view

app_name = "events"

urlpatterns = [
    path("occurrences/", occurrences_view, name="occurrences"),
]
