"""Regions become data that editors manage (they were two fixed choices of ``Organisation.county``).

One ``Region`` row is created per distinct stored value and locale, named by the
label the old choice list gave it (the value itself where it had none), and every
entry keeps its assignment. Versions of one value in several locales share a
``translation_key``, so they are translations of one region.
"""

import uuid

import django.db.models.deletion

import orgdirectory.validators
from django.db import migrations, models


def regions_from_choices(apps, schema_editor):
    Organisation = apps.get_model("orgdirectory", "Organisation")
    Region = apps.get_model("orgdirectory", "Region")
    choices = list(Organisation._meta.get_field("county").choices or [])
    labels = {value: str(label) for value, label in choices}
    order = {value: index for index, (value, _label) in enumerate(choices)}
    translation_keys = {}
    pairs = Organisation.objects.exclude(county="").values_list("county", "locale_id").distinct()
    for value, locale_id in sorted(pairs):
        key = translation_keys.setdefault(value, uuid.uuid4())
        region, _created = Region.objects.get_or_create(
            slug=value,
            locale_id=locale_id,
            defaults={"name": labels.get(value, value), "sort_order": order.get(value, len(order)), "translation_key": key},
        )
        Organisation.objects.filter(county=value, locale_id=locale_id).update(region=region)


def choices_from_regions(apps, schema_editor):
    Organisation = apps.get_model("orgdirectory", "Organisation")
    for organisation in Organisation.objects.exclude(region=None).select_related("region"):
        organisation.county = organisation.region.slug[:20]
        organisation.save(update_fields=["county"])


class Migration(migrations.Migration):

    dependencies = [
        ("orgdirectory", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="Region",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("name", models.CharField(max_length=100, verbose_name="Name")),
                (
                    "slug",
                    models.SlugField(
                        help_text="Erscheint in der Adresse der Filter. In allen Sprachen gleich.",
                        max_length=60,
                        verbose_name="Kurzname für Adressen",
                    ),
                ),
                ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="Reihenfolge")),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "Region",
                "verbose_name_plural": "Regionen",
                "ordering": ["sort_order", "name"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.AddConstraint(
            model_name="region",
            constraint=models.UniqueConstraint(fields=("slug", "locale"), name="orgdirectory_region_slug_locale"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="region",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="organisations",
                to="orgdirectory.region",
                verbose_name="Region",
            ),
        ),
        migrations.RunPython(regions_from_choices, choices_from_regions),
        migrations.RemoveField(model_name="organisation", name="county"),
        migrations.RenameField(model_name="organisation", old_name="region", new_name="county"),
        migrations.AlterField(
            model_name="organisation",
            name="key",
            field=models.SlugField(
                help_text=(
                    "Fester Kurzname für Adresse und Import, z. B. „jobcenter-musterstadt“. "
                    "Bitte nach dem Anlegen nicht mehr ändern."
                ),
                max_length=80,
                validators=[orgdirectory.validators.validate_key],
                verbose_name="Schlüssel",
            ),
        ),
    ]
