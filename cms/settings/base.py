"""Settings shared by every environment.

Everything that differs between machines is read from the environment with a
safe default, so a fresh checkout runs without any configuration. Security, upload,
account and cache settings are here too, not in production.py: development and the
test suite run under the same Content-Security-Policy, upload limits and login lockout
as production, so a violation shows up on a developer's machine, not first on the live
site (README, "Production").
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.conf import global_settings

from translations.languages import LANGUAGES as SITE_LANGUAGES
from translations.languages import RTL_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name, default))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The site's own apps first (their templates override the libraries'); README "Layout" says what each holds.
INSTALLED_APPS = [
    "home",
    "translations",
    "editorial",
    "caching",
    "security",
    "operations",
    "feedback",
    "terminology",
    "orgdirectory",
    "events",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Recovery codes for two-factor login (cms/recovery_codes.py).
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "security.csp.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "translations.middleware.RememberLanguageMiddleware",
    # Answers If-None-Match / If-Modified-Since with "304 Not Modified" from the ETag and Last-Modified
    # of every response, the page cache's stored ones included (calendar apps polling feeds).
    "django.middleware.http.ConditionalGetMiddleware",
    # A cached page is answered here, before sessions and language selection, which a hit does
    # not need; outside GZip, so pages are stored compressed and a hit costs no compression.
    "caching.pages.PageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "security.csp.AdminScriptNonceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "translations.middleware.GermanAdminMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.two_factor.RequireVerifiedAdminMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for concurrent web use: readers never wait for the writer (WAL), a writer waits for the
    # lock instead of failing at once, and every transaction takes the write lock when it begins,
    # so two editors saving at the same moment queue up instead of one getting "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT_SECONDS", "20")),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Internationalisation: German is the source language of all content.
LANGUAGE_CODE = "de"
LANGUAGES = SITE_LANGUAGES
LANGUAGES_BIDI = sorted(set(global_settings.LANGUAGES_BIDI) | RTL_LANGUAGES)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
# Addresses in plain ASCII that every phone, e-mail program and printer keeps intact (editorial/german_admin.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No English "What's new in Wagtail" banner linking to wagtail.org on the editors' start page.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Autosave after three seconds without typing, not between two words (Wagtail's default is 0.5 s): a form
# whose required fields are still being filled in no longer reports a paused autosave mid-sentence.
WAGTAIL_AUTOSAVE_INTERVAL = int(os.environ.get("WAGTAIL_AUTOSAVE_INTERVAL", "3000"))
WAGTAIL_CONTENT_LANGUAGES = SITE_LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAIL_SITE_NAME = "AK Migration Hochrhein"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend behind a cleaner of visitor input (quotes crashed SQLite FTS5).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "security.search"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "pptx", "txt", "csv"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True

# Organisation directory (plugin wagtail-orgdirectory, orgdirectory/README.md): members are linked to
# working-group pages, pages use the site's frame, lookups are kept in the site's fragment cache.
ORGDIRECTORY_GROUP_PAGE_MODELS = ["home.WorkingGroupPage"]
ORGDIRECTORY_DIRECTORY_PARENT_PAGE_TYPES = ["home.HomePage"]
ORGDIRECTORY_BASE_TEMPLATE = "base.html"

# Snippets that editors of a working group maintain for their group (editorial/setup.py):
# model permissions and the review workflow "Prüfung vor Veröffentlichung".
SECTION_SNIPPET_MODELS = ["orgdirectory.Organisation"]

# The demo app (example content and accounts) is installed by dev.py and test.py only, or in
# production with DEMO_CONTENT=true (test servers, benchmarks); these are the plugins' snippets it translates.
DEMO_APPS = ["demo"]
DEMO_TRANSLATABLE_SNIPPETS = [
    "orgdirectory.models.Category",
    "orgdirectory.models.Region",
    "orgdirectory.models.Organisation",
    "events.models.EventCategory",  # events/README.md
]
# Event calendar plugin (events/README.md, "Settings"): the site's page frame (its cache: EVENTS_CACHE below); the UID
# domain and PRODID the feeds had before the plugin read them from the site, so subscribers see no duplicates.
EVENTS_BASE_TEMPLATE = "base.html"
EVENTS_UID_DOMAIN = "ak-migration-hochrhein"
EVENTS_PRODID = "-//AK Migration Hochrhein//Veranstaltungskalender//DE"
# Only a working group's own people import calendars (translators may add pages only to translate them).
EVENTS_PERMISSION_POLICY = "editorial.permissions.may_import_events"
# Imports go live at once only where the section's review does not ask another person to approve them.
EVENTS_PUBLISH_POLICY = "editorial.permissions.may_publish_imported_events"
# "Import by address" refuses internal addresses; these host names (comma-separated) are allowed anyway.
EVENTS_FETCH_ALLOWED_HOSTS = env_list("EVENTS_FETCH_ALLOWED_HOSTS")

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

# How long the operator keeps access logs (when GUNICORN_ACCESS_LOG is on); the privacy statement says so.
ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("ACCESS_LOG_RETENTION_DAYS", "7"))

# Machine translation in the translation editor is off unless a DeepL key is configured:
# nothing calls an outside host by default.
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }

# Snippets the translators' dashboard counts besides pages (translations/overview.py), each with the function
# that narrows them to one working group.
TRANSLATION_DASHBOARD_SNIPPETS = [("orgdirectory.Organisation", "orgdirectory.membership.of_group")]

# --- Content-Security-Policy (django-csp 4) --------------------------------------------------
# The public site has no inline script or style at all. The Wagtail admin needs inline styles
# (style attributes set by its JavaScript) and blob: image previews; security.csp adds exactly those
# for the admin only, and gives the admin's own inline start-up scripts a per-request nonce.
# No 'unsafe-inline' scripts anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # NONCE is only sent when a response uses it: admin pages (security.csp), never public pages.
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# The admin would load user avatars from gravatar.com: no outside host at run time.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
CSP_ADMIN_EXTRA = {
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}

# --- Accounts ---------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "security.lockout.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one user name from one address,
# that pair is locked for AXES_COOLOFF_MINUTES (the editor's colleagues elsewhere can still log in).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
# Behind a proxy (AXES_PROXY_COUNT=1) the visitor's address is the one that proxy appended to X-Forwarded-For, i.e.
# the right-most entry (django-ipware; whatever a visitor writes into the header is further left and not believed).
# Without a proxy only REMOTE_ADDR counts. (ipware's own proxy_count expects "client, proxy1" lists and would read
# a single appended address as no address at all, so it is not used.)
AXES_BEHIND_PROXY = env_int("AXES_PROXY_COUNT", 0) > 0
AXES_IPWARE_PROXY_COUNT = None
AXES_IPWARE_PROXY_ORDER = "right-most" if AXES_BEHIND_PROXY else "left-most"
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_BEHIND_PROXY else ("REMOTE_ADDR",)
AXES_VERBOSE = False
# „War diese Seite hilfreich?“ (feedback/): answers per visitor address and window, counted without storing the address.
FEEDBACK_RATE_LIMIT = env_int("FEEDBACK_RATE_LIMIT", 10)
FEEDBACK_RATE_WINDOW_SECONDS = env_int("FEEDBACK_RATE_WINDOW_SECONDS", 3600)
# Two-factor login (security/two_factor.py): optional per editor, or required for all.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", False)
OTP_TOTP_ISSUER = "AK Migration Hochrhein"
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# --- Uploads ----------------------------------------------------------------------------------
# Wagtail's defaults allow 10 MB / 128 megapixel images and documents of any size and type.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_MEGAPIXELS", 40) * 1_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "security.uploads.CheckedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.uploads.CheckedDocumentForm"
# Documents are always downloads (never rendered by the browser) with "default-src 'none'".
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Cache (caching/) ---------------------------------------------------------------------------
# Redis when REDIS_URL is set (shared by every app process), otherwise memory of one process.
# django-redis with IGNORE_EXCEPTIONS answers an unreachable Redis like a miss (and logs it): Wagtail
# reads the cache on every page, and an outage must make the site slower, not take it down.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ak"),
            "TIMEOUT": 300,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # A hanging Redis must not hold requests.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ak"}}

# Whole public pages are cached for anonymous visitors (the page cache, caching/pages.py). Without a
# shared cache several processes would each keep their own copy, so it is on by default only with Redis.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600 if os.environ.get("REDIS_URL") else 0)
# What a change makes stale (caching/dependencies.py): "dependencies" (what shows the changed object), or
# "everything" (every write to content, the behaviour before issue 20; for comparison in bench/).
PAGE_CACHE_INVALIDATION = os.environ.get("PAGE_CACHE_INVALIDATION", "dependencies")
# The page frame's lookups (menu, footer, language versions) are kept the same way (the frame cache,
# caching/frame.py).
FRAME_CACHE_SECONDS = env_int("FRAME_CACHE_SECONDS", 600 if os.environ.get("REDIS_URL") else 0)
# The directory's and calendar's filter choices and feeds use the frame cache too.
EVENTS_CACHE = ORGDIRECTORY_CACHE = "caching.frame.cached"

# Reading offline (home/offline, README "Offline lesen"): pages link the manifest and register the service
# worker; a page visit waits this long for the network before the stored copy is shown (long enough for a
# slow mobile connection, short enough not to leave a blank screen).
OFFLINE_ENABLED = env_bool("OFFLINE_ENABLED", True)
OFFLINE_NETWORK_TIMEOUT_MS = max(0, env_int("OFFLINE_NETWORK_TIMEOUT_MS", 3000))

# CDN / Varnish purging (wagtail.contrib.frontend_cache) when configured.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_HTTP_URL"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_HTTP_URL"],
    }
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_TOKEN"],
        "ZONEID": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID", ""),
    }

# --- Editing ----------------------------------------------------------------------------------
# Page locking and revision history are Wagtail features that stay on; keep every revision.
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_UNSAFE_PAGE_DELETION_LIMIT = 10
