"""Load the seed termbase (terminology/data/terms.json): the German terms, and the translations for
the locales that exist already. ``setup_site`` creates the other content locales later and then adds
their terms (``terminology.seed.ensure_terms``); nothing existing is overwritten."""

from django.db import migrations


def load_terms(apps, schema_editor):
    from terminology.seed import load

    load(apps.get_model("terminology", "Term"), apps.get_model("wagtailcore", "Locale"))


class Migration(migrations.Migration):
    dependencies = [("terminology", "0001_initial")]

    operations = [migrations.RunPython(load_terms, migrations.RunPython.noop)]
