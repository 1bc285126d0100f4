"""Security, upload, account and cache settings shared by every environment.

Imported at the end of ``base.py``, so development and the test suite run under
the same Content-Security-Policy, upload limits and login lockout as production:
a violation shows up on a developer's machine, not first on the live site.
Everything an operator may want to tune comes from the environment (README, "Production").
"""

import os
from datetime import timedelta

from csp.constants import NONCE, NONE, SELF


def _env_int(name, default):
    return int(os.environ.get(name, default))


# --- Content-Security-Policy (django-csp 4) --------------------------------------------------
# The public site has no inline script or style at all. The Wagtail admin needs inline styles
# (style attributes set by its JavaScript) and blob: image previews; cms.csp adds exactly those
# for the admin only, and gives the admin's own inline start-up scripts a per-request nonce.
# No 'unsafe-inline' scripts anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # NONCE is only sent when a response uses it: admin pages (cms.csp), never public pages.
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
        "OPTIONS": {"min_length": _env_int("PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "cms.auth.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one user name from one address,
# that pair is locked for AXES_COOLOFF_MINUTES (the editor's colleagues elsewhere can still log in).
AXES_ENABLED = os.environ.get("AXES_ENABLED", "true").lower() in {"1", "true", "yes", "on"}
AXES_FAILURE_LIMIT = _env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=_env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_IPWARE_PROXY_COUNT = _env_int("AXES_PROXY_COUNT", 0) or None
AXES_VERBOSE = False
# Two-factor login (cms/two_factor.py): optional per editor, or required for all.
ADMIN_2FA_REQUIRED = os.environ.get("ADMIN_2FA_REQUIRED", "false").lower() in {"1", "true", "yes", "on"}
OTP_TOTP_ISSUER = "AK Migration Hochrhein"
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# --- Uploads ----------------------------------------------------------------------------------
# Wagtail's defaults allow 10 MB / 128 megapixel images and documents of any size and type.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = _env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = _env_int("IMAGE_MAX_MEGAPIXELS", 40) * 1_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = _env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.uploads.CheckedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.uploads.CheckedDocumentForm"
# Documents are always downloads (never rendered by the browser) with "default-src 'none'".
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Cache ------------------------------------------------------------------------------------
# Redis when REDIS_URL is set (shared by every app process), otherwise memory of one process.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.TolerantRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ak"),
            "TIMEOUT": 300,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ak"}}

# Whole public pages are cached for anonymous visitors (cms.page_cache). Without a shared cache
# several processes would each keep their own copy, so it is on by default only with Redis.
PAGE_CACHE_SECONDS = _env_int("PAGE_CACHE_SECONDS", 600 if os.environ.get("REDIS_URL") else 0)
# The page frame's lookups (menu, footer, language versions) are kept the same way (cms.fragment_cache).
FRAME_CACHE_SECONDS = _env_int("FRAME_CACHE_SECONDS", 600 if os.environ.get("REDIS_URL") else 0)
# The plugins reach the same store through ORGDIRECTORY_CACHE and EVENTS_CACHE (cms/settings/base.py).

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
