"""Building directory entries in tests the way an editor publishes them."""

import re
from datetime import time
from html import unescape

from wagtail.models import Locale

from orgdirectory.models import (
    Category,
    DirectoryPage,
    Membership,
    OpeningException,
    OpeningInterval,
    Organisation,
    OrganisationLanguage,
)


def make_organisation(key, name, *, hours=(), exceptions=(), languages=(), groups=(), category=None, **fields):
    """Publish a German entry. ``hours`` are ``(weekday, "08:00", "12:00")`` tuples."""
    german = Locale.objects.get(language_code="de")
    organisation = Organisation(key=key, name=name, locale=german, live=True, **fields)
    if category:
        organisation.category = Category.objects.get(slug=category, locale=german)
    organisation.opening_intervals = [
        OpeningInterval(weekday=day, opens=time.fromisoformat(opens), closes=time.fromisoformat(closes),
                        closes_next_day=time.fromisoformat(closes) < time.fromisoformat(opens))
        for day, opens, closes in hours
    ]
    organisation.opening_exceptions = [OpeningException(**item) for item in exceptions]
    organisation.advice_languages = [OrganisationLanguage(code=code) for code in languages]
    organisation.memberships = [Membership(page=page, position=position) for position, page in enumerate(groups)]
    organisation.save()
    organisation.save_revision().publish()
    return organisation


def directory_url(code="de"):
    return DirectoryPage.objects.get(locale__language_code=code).url


def result_names(response):
    html = response.content.decode()
    # Without the soft hyphens of long words, which are not seen unless a line breaks there.
    return [unescape(name).replace("\u00ad", "") for name in re.findall(r'<li class="directory-result".*?<h2><a href="[^"]+">(.*?)</a>', html, re.S)]
