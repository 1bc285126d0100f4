from django.core.management.base import BaseCommand

from translations.name_fonts import FONT_DIR, SCRIPTS, characters, unicode_range


class Command(BaseCommand):
    help = "Schreibt die kleinen Schriften für die Sprachnamen neu (static/fonts/language-names-*.woff2)."

    def handle(self, *args, **options):
        from fontTools import subset

        for source, target, (low, high) in SCRIPTS:
            chars = characters(low, high)
            options = subset.Options()
            options.flavor = "woff2"
            options.layout_features = ["*"]
            options.name_IDs = ["*"]  # keep the licence and copyright records of the OFL font
            font = subset.load_font(str(FONT_DIR / source), options)
            subsetter = subset.Subsetter(options)
            subsetter.populate(text="".join(chars))
            subsetter.subset(font)
            subset.save_font(font, str(FONT_DIR / target), options)
            self.stdout.write(f"{target}: {(FONT_DIR / target).stat().st_size} bytes, unicode-range: {unicode_range(chars)}")
