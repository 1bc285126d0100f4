"""The default site and its German home page, the root every other page hangs below."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page, Site

from home.models import HomePage

HOME_SLUG = "start"


def site_address():
    """Host name and port of the site's configured address (``WAGTAILADMIN_BASE_URL``).

    Feeds, event links in the API, vCards and mails are absolute URLs built from the Wagtail site;
    with Wagtail's default (``localhost``, port 80) they pointed at a host nobody serves.
    """
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def ensure_home_page(source_locale, title=None, intro=""):
    """The default site's ``HomePage``, created (with ``title`` and ``intro``) if the site has none yet.

    Wagtail's migrations leave a placeholder "Welcome" page as the site root; it is replaced
    and deleted. An existing home page is left as editors made it.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).filter(slug=HOME_SLUG).first()
    if home is None:
        home = HomePage(title=title or settings.WAGTAIL_SITE_NAME, slug=HOME_SLUG, locale=source_locale, intro=intro)
        root.add_child(instance=home)
        home.save_revision().publish()
    old_root = site.root_page if site else None
    hostname, port = site_address()
    if site is None:
        site = Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    else:
        site.hostname, site.port = hostname, port
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    if old_root is not None and old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
        old_root.delete()
    return home
