"""The WSGI application: Django, with static files (WhiteNoise) and cached pages answered in front of it
(``caching.wsgi``), so neither enters Django's middleware chain."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

from caching.wsgi import wrap  # noqa: E402  (needs the settings loaded above)

application = wrap(application)
