"""The .ics files below pages; include inside ``i18n_patterns`` before Wagtail's own URLs."""

from django.urls import re_path

from .ics_views import ics_view

urlpatterns = [
    re_path(r"^(?P<page_path>(?:[\w\-]+/)+)(?P<filename>feed\.ics|termin\.ics)$", ics_view, name="events_ics"),
]
