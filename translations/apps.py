from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    """The site's languages, remembering a visitor's language, the outdated-translation notice,
    the translators' dashboard, text direction in the translation editor, and translations going through
    review (``translations.review``).

    Importing ``translations.languages`` fills in Django's language info for the languages it lacks
    (Pashto, Tigrinya, Somali, Kurmanji); settings import it first, so nothing is left to wire here.
    """

    name = "translations"

    def ready(self):
        from translations import review

        review.install()
