"""Settings shared by every environment.

Everything that differs between machines is read from the environment with a
safe default, so a fresh checkout runs without any configuration.
"""

import os
from pathlib import Path

import dj_database_url
from django.conf import global_settings

from cms.languages import LANGUAGES as SITE_LANGUAGES
from cms.languages import RTL_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "orgdirectory",
    "events",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.api.v2",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Production hardening (cms/settings/hardening.py): CSP, login lockout, CDN purge, health, backup.
    "cms",
    "csp",
    "axes",
    "wagtail.contrib.frontend_cache",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Recovery codes for two-factor login (cms/recovery_codes.py).
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.csp.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.middleware.RememberLanguageMiddleware",
    # A cached page is answered here, before sessions and language selection, which a hit does
    # not need; outside GZip, so pages are stored compressed and a hit costs no compression.
    "cms.page_cache.PageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "cms.csp.AdminScriptNonceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cms.middleware.GermanAdminMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cms.two_factor.RequireVerifiedAdminMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: German is the source language of all content.
LANGUAGE_CODE = "de"
LANGUAGES = SITE_LANGUAGES
LANGUAGES_BIDI = sorted(set(global_settings.LANGUAGES_BIDI) | RTL_LANGUAGES)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = SITE_LANGUAGES
LANGUAGES_BIDI = sorted(set(global_settings.LANGUAGES_BIDI) | RTL_LANGUAGES)
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAIL_SITE_NAME = "AK Migration Hochrhein"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend behind a cleaner of visitor input (quotes crashed SQLite FTS5).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.search"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "pptx", "txt", "csv"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True

# Organisation directory (plugin wagtail-orgdirectory, orgdirectory/README.md): members are linked to
# working-group pages, pages use the site's frame, lookups are kept in the site's fragment cache.
ORGDIRECTORY_GROUP_PAGE_MODELS = ["home.WorkingGroupPage"]
ORGDIRECTORY_DIRECTORY_PARENT_PAGE_TYPES = ["home.HomePage"]
ORGDIRECTORY_BASE_TEMPLATE = "base.html"
ORGDIRECTORY_CACHE = "cms.fragment_cache.cached_fragment"
DEMO_TRANSLATABLE_SNIPPETS = globals().get("DEMO_TRANSLATABLE_SNIPPETS", []) + [
    "orgdirectory.models.Category",
    "orgdirectory.models.Region",
    "orgdirectory.models.Organisation",
]
DEMO_TRANSLATABLE_SNIPPETS += ["events.models.EventCategory"]  # events/README.md
# Event calendar plugin (events/README.md, "Settings"): the site's page frame and fragment cache; the UID
# domain and PRODID the feeds had before the plugin read them from the site, so subscribers see no duplicates.
EVENTS_BASE_TEMPLATE = "base.html"
EVENTS_CACHE = "cms.fragment_cache.cached_fragment"
EVENTS_UID_DOMAIN = "ak-migration-hochrhein"
EVENTS_PRODID = "-//AK Migration Hochrhein//Veranstaltungskalender//DE"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Machine translation in the translation editor is off unless a DeepL key is configured:
# nothing calls an outside host by default.
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }

TRANSLATION_DASHBOARD_SNIPPETS = []

from .hardening import *  # noqa: E402, F403  (CSP, accounts, uploads, cache)

# Snippets that editors of a working group maintain for their group (home/editorial.py):
# model permissions and the review workflow "Prüfung vor Veröffentlichung".
SECTION_SNIPPET_MODELS = ["orgdirectory.Organisation"]
