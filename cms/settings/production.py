"""Production: every secret and host comes from the environment (README, "Production")."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production (comma-separated host names).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0", "testserver"}


def site_address(base_url, allowed_hosts):
    """The public address for links in e-mails (Wagtail's workflow mails, review reminders), feeds and sitemaps:
    ``WAGTAILADMIN_BASE_URL`` if set, otherwise https:// and the first real host name in ``ALLOWED_HOSTS``."""
    if base_url:
        return base_url.rstrip("/")
    for host in allowed_hosts:
        if host and not host.startswith((".", "*")) and host.lower() not in LOOPBACK_HOSTS:
            return f"https://{host}"
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL must be set in production (the site's public address, e.g. https://www.example.org): "
        "ALLOWED_HOSTS names no public host to derive it from, and the links in e-mails to editors would "
        "lead to this machine."
    )


WAGTAILADMIN_BASE_URL = site_address(os.environ.get("WAGTAILADMIN_BASE_URL", ""), ALLOWED_HOSTS)
# A live site never gets example content; test servers and benchmarks opt in to load it.
if env_bool("DEMO_CONTENT", False):
    INSTALLED_APPS = [*INSTALLED_APPS, *DEMO_APPS]  # noqa: F405

DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405

# HTTPS only. SECURE_SSL_REDIRECT and the *_COOKIE_SECURE switches exist for the test suite,
# which serves production settings over plain http on a loopback port; never turn them off live.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views allow same-origin framing themselves (xframe_options_sameorigin_override).
X_FRAME_OPTIONS = "DENY"

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    # Without SMTP every mail would go to the console backend, i.e. valid password-reset links into the server
    # log. Password reset is switched off instead; the login page says so (templates/wagtailadmin/login.html).
    WAGTAIL_PASSWORD_RESET_ENABLED = False
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405

# Structured logs: one JSON object per line on stderr (operations/jsonlog.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "operations.jsonlog.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# No default accounts: ensure_admin refuses to run without an explicit, strong ADMIN_PASSWORD.
REQUIRE_EXPLICIT_ADMIN_PASSWORD = True
