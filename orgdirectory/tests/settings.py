"""A minimal host for the plugin's tests: no site code, its own time zone, the plugin's own templates."""

SECRET_KEY = "orgdirectory-tests"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
INSTALLED_APPS = [
    "orgdirectory",
    "wagtail_localize", "wagtail_localize.locales", "wagtail.contrib.settings", "wagtail.sites", "wagtail.users",
    "wagtail.snippets", "wagtail.documents", "wagtail.images", "wagtail.search", "wagtail.admin", "wagtail",
    "rest_framework", "modelcluster", "taggit",
    "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware", "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True, "OPTIONS": {
    "context_processors": ["django.template.context_processors.request", "django.contrib.auth.context_processors.auth",
                           "django.contrib.messages.context_processors.messages"]}}]
ROOT_URLCONF = "orgdirectory.tests.urls"
LANGUAGE_CODE = "de"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch"), ("en", "English"), ("ar", "العربية")]
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "America/New_York"  # deliberately not the zone the plugin was first written for
USE_TZ = True
STATIC_URL = "/static/"
WAGTAIL_SITE_NAME = "Test"
WAGTAILADMIN_BASE_URL = "http://testserver"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
