"""An empty URLconf set on API responses, so LocaleMiddleware sees no language prefixes and keeps a 404 a 404
(it would otherwise redirect ``/api/v2/pages/999/`` to ``/de/api/v2/pages/999/``)."""

urlpatterns = []
