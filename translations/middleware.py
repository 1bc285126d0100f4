"""Remember the language a visitor chose.

The language switcher consists of plain links (no JavaScript, no form), so the
choice is stored when the visitor reads a page under a language prefix. On
their next visit, ``/`` sends them back to that language (Django's
LocaleMiddleware reads the cookie before Accept-Language).
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_from_path

ONE_YEAR = 365 * 24 * 60 * 60


def remember_language(path_info, cookies, response):
    """Set the language cookie on ``response`` when it is a page read under a language prefix.

    Also used by the page cache's WSGI layer (``caching.wsgi``), which answers cached pages before
    this middleware runs.
    """
    language = get_language_from_path(path_info)
    if (
        language
        and response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and cookies.get(settings.LANGUAGE_COOKIE_NAME) != language
    ):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=ONE_YEAR,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


class RememberLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return remember_language(request.path_info, request.COOKIES, self.get_response(request))


class GermanAdminMiddleware:
    """The admin speaks German to everyone who has not chosen another language in their profile.

    Wagtail falls back to the browser's language (Accept-Language) for users
    without a preference; the editors of the working groups work in German.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
