"""German words where Wagtail shows English in the German admin and no catalogue can reach it.

Most of Wagtail's English jargon ("Locale", "Home") is replaced through the German catalogue in
``locale/de``; the ones below are labels Wagtail derives from a form field's name instead of
translating them, so the label is set after the form is built.
"""

from django.utils.translation import gettext_lazy as _


def label_choosers_language_filter():
    """Wagtail's choosers label their language filter with the field name: "Locale"."""
    from wagtail.admin.forms.choosers import LocaleFilterMixin

    build_fields = LocaleFilterMixin.__init__

    def __init__(self, *args, **kwargs):
        build_fields(self, *args, **kwargs)
        if "locale" in self.fields:
            self.fields["locale"].label = _("Sprache")

    LocaleFilterMixin.__init__ = __init__


# Umlauts and ß as German writes them without: "Lörrach" → "loerrach", "Straße" → "strasse".
GERMAN_TRANSLITERATION = [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")]


def transliterate_slugs_the_german_way():
    """Every address the admin makes from a title is plain ASCII, with umlauts written out.

    Wagtail's slug field (with ``WAGTAIL_ALLOW_UNICODE_SLUGS = False``) drops the dots of an umlaut
    ("lorrach"); its ``formatters`` run before that and write them as German does.
    """
    from wagtail.admin.widgets.slug import SlugInput

    build_widget = SlugInput.__init__

    def __init__(self, attrs=None, formatters=None, locale=None):
        build_widget(self, attrs, formatters=[*GERMAN_TRANSLITERATION, *(formatters or [])], locale=locale)

    SlugInput.__init__ = __init__
