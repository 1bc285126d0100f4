"""A minimal host for the plugin's tests: Wagtail, wagtail-localize and ``events``, nothing else.

The time zone is deliberately not the one the plugin was written for, so the tests
prove that the calendar follows ``settings.TIME_ZONE``.
"""

from pathlib import Path

SECRET_KEY = "events-tests-only"
ROOT_URLCONF = "events.tests.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
INSTALLED_APPS = [
    "events", "wagtail_localize", "wagtail_localize.locales", "wagtail.contrib.routable_page", "wagtail.snippets",
    "wagtail.users", "wagtail.documents", "wagtail.images", "wagtail.search", "wagtail.admin", "wagtail",
    "modelcluster", "taggit", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
    "django.contrib.messages", "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware", "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [Path(__file__).parent / "templates"],
    "APP_DIRS": True, "OPTIONS": {"context_processors": [
        "django.template.context_processors.request", "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages"]},
}]
LANGUAGE_CODE = "de"
LANGUAGES = [(code, code) for code in "de en ar uk tr fa ps ti ku ru so fr ro".split()]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_TZ = True
TIME_ZONE = "America/New_York"
STATIC_URL = "/static/"
WAGTAIL_SITE_NAME = "Test"
WAGTAILADMIN_BASE_URL = "http://localhost"
