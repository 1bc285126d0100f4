"""Wagtail's API v2 at ``/api/v2/``: pages (in every language, ``?locale=ar``), images and documents.

Wagtail's own endpoints already serve only live, public pages of the requesting site and the
published content (a draft lives in revisions, never in the page row). Documents in a collection
with a view restriction are left out here, as they are on the site. Every answer may be read by
web apps on any origin (``Access-Control-Allow-Origin: *``).
"""

from django.db.models import Q
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction

NO_LANGUAGE_URLCONF = "publicapi.no_language_urls"


class PublicAPIMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        request._request.urlconf = NO_LANGUAGE_URLCONF
        response["Access-Control-Allow-Origin"] = "*"
        return super().finalize_response(request, response, *args, **kwargs)


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    pass


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        hidden = Q()
        for path in restricted:
            hidden |= Q(collection__path__startswith=path)
        queryset = super().get_queryset()
        return queryset.exclude(hidden) if hidden else queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
