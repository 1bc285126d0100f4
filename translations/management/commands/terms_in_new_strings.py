"""Tells translators, after ``make messages``, which termbase terms a new or changed string contains."""

from pathlib import Path

from django.core.management.base import BaseCommand

from translations.termbase_check import LANGUAGES, new_strings_with_terms


class Command(BaseCommand):
    help = ("Listet für jede unübersetzte oder unscharfe (fuzzy) Zeichenkette in den Katalogen die Begriffe "
            "aus terminology/data/terms.json und ihre freigegebene Übersetzung je Sprache.")

    def add_arguments(self, parser):
        parser.add_argument("--lang", action="append", choices=LANGUAGES, help="nur diese Sprache(n)")
        parser.add_argument("--catalogue", action="append", type=Path, help="nur dieser Katalog (mit --lang)")

    def handle(self, *args, lang=None, catalogue=None, **options):
        langs = lang or list(LANGUAGES)
        catalogues = {code: catalogue for code in langs} if catalogue else None
        found = new_strings_with_terms(langs, catalogues)
        if not found:
            self.stdout.write("Keine neue Zeichenkette enthält einen Begriff aus dem Glossar.")
            return
        by_msgid = {}
        for code, _path, msgid, terms in found:
            by_msgid.setdefault(msgid, (terms, []))[1].append(code)
        self.stdout.write(f"{len(by_msgid)} neue oder geänderte Zeichenketten enthalten Glossar-Begriffe:")
        for msgid, (terms, codes) in by_msgid.items():
            self.stdout.write(f"\n„{msgid}“")
            for term in terms:
                self.stdout.write(f"  {term['de']['term']}:")
                for code in codes:
                    self.stdout.write(f"    {code}: {term[code]['term']}")
