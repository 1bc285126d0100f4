"""The test suite: fast password hashing, in-memory files, no outside calls."""

import os

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

# The suite on a chosen day and time, e.g. a month's last day or a DST-change Sunday:
# TEST_NOW=2027-03-28T01:30:00+01:00 make test. The clock then runs on from there, in this
# process and in every server and command that the tests start with these settings.
if os.environ.get("TEST_NOW"):
    from datetime import datetime

    import time_machine

    time_machine.travel(datetime.fromisoformat(os.environ["TEST_NOW"]), tick=True).start()
