"""Write every German text segment of the demo content to ``demo/translations/source_de.pot``.

Translators fill one ``<code>.po`` per language from it; ``load_demo_content``
stores those translations through wagtail-localize.
"""

import polib
from django.core.management.base import BaseCommand

from demo.translations import SOURCE_TEMPLATE, translatable_demo_objects
from translations.store import source_strings


class Command(BaseCommand):
    help = "Schreibt alle deutschen Textsegmente der Demo-Inhalte in eine Übersetzungsvorlage (.pot)."

    def handle(self, *args, **options):
        catalogue = polib.POFile(wrapwidth=0)
        catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
        seen = set()
        for instance in translatable_demo_objects():
            where = f"{type(instance).__name__}:{getattr(instance, 'slug', instance.pk)}"
            for text in source_strings(instance):
                if text in seen:
                    continue
                seen.add(text)
                catalogue.append(polib.POEntry(msgid=text, msgstr="", occurrences=[(where, "")]))
        catalogue.save(str(SOURCE_TEMPLATE))
        self.stdout.write(f"{len(catalogue)} Segmente nach {SOURCE_TEMPLATE} geschrieben.")
