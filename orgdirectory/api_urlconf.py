"""An empty URLconf set on API responses, so LocaleMiddleware sees no language prefixes and keeps a 404 a 404.

Only the response handling of the API request uses it; URLs are reversed before.
"""

urlpatterns = []
