"""sitemap.xml and robots.txt for search engines.

Wagtail's own sitemap lists the default site's tree only, i.e. the German pages; this one lists
every live public page of every language tree with ``xhtml:link rel="alternate" hreflang``
entries for its translations and ``x-default`` (German). Pages not translated yet (aliases of
the German page, showing German text) are left out: they carry ``noindex`` and a canonical link
to the German page (``templates/base.html``), so search engines index each text once.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(depth__gte=2, alias_of__isnull=True)
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _alternates(self):
        if not hasattr(self, "_alternate_map"):
            found = {}
            for page in self.items():
                found.setdefault(page.translation_key, []).append((page.locale.language_code, page))
            self._alternate_map = found
        return self._alternate_map

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        alternates = self._alternates()
        for item in self.paginator.page(page).object_list:
            versions = []
            for code, version in sorted(alternates.get(item.translation_key, [])):
                location = version.get_full_url(self.request)
                if location:
                    versions.append({"lang_code": code, "location": location})
                    if code == settings.LANGUAGE_CODE:
                        versions.append({"lang_code": "x-default", "location": location})
            own = item.get_full_url(self.request) or ""
            for url_info in item.get_sitemap_urls(self.request):
                # A route below the page (a working group's contact page) has the same route below each translation.
                suffix = url_info["location"][len(own):] if own and url_info["location"].startswith(own) else ""
                alternates_of_url = [{**version, "location": version["location"] + suffix} for version in versions]
                urls.append({**url_info, "alternates": alternates_of_url})
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


@require_GET
def robots_txt(request):
    """Keep crawlers out of the admin and point them to the sitemap."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /documents/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
