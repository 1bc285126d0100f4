"""The test suite: fast password hashing, in-memory files, no outside calls."""

from .base import *  # noqa: F403

DEBUG = False
INSTALLED_APPS = [*INSTALLED_APPS, *DEMO_APPS]  # noqa: F405  (the suite runs against the example content)
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
