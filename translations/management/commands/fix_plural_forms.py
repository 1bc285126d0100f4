import polib
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.management.base import BaseCommand

from translations.languages import PLURAL_FORMS


class Command(BaseCommand):
    help = "Setzt Plural-Forms, Sprache und Kopfzeile in jedem Katalog unter locale/ (nach makemessages)."

    def handle(self, *args, **options):
        for code, plural_forms in PLURAL_FORMS.items():
            path = settings.LOCALE_PATHS[0] / code / "LC_MESSAGES" / "django.po"
            if not path.exists():
                continue
            catalogue = polib.pofile(str(path), wrapwidth=0)
            catalogue.metadata.update(
                {
                    "Plural-Forms": plural_forms,
                    "Language": code,
                    "Language-Team": LANG_INFO[code]["name"],
                    "Content-Type": "text/plain; charset=UTF-8",
                    "Project-Id-Version": "AK Migration Hochrhein",
                }
            )
            catalogue.metadata.pop("Report-Msgid-Bugs-To", None)
            catalogue.metadata_is_fuzzy = False
            catalogue.header = f"Interface strings of AK Migration Hochrhein: {LANG_INFO[code]['name']}."
            catalogue.save(str(path))
