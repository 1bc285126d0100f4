"""The site's public read-only APIs beside the plugins' own: Wagtail's API v2 (pages, images,
documents) at ``/api/v2/`` and the OpenAPI 3 description of every public endpoint at ``/api/openapi.json``."""
