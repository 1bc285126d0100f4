"""Readable values in Wagtail's revision comparison (history „Vergleichen“ and the review screen).

Wagtail's generic ``FieldComparison`` prints a field's raw Python value: a never-published page
compared with an empty one shows „None“ for an unset date, ISO timestamps such as
``2026-12-03 17:00:00+00:00`` in UTC, and ``True``/``False``. Editors read German: dates and
times in local time and the admin's format, „Ja“/„Nein“, and a dash for "nothing set".
"""

import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.compare import FieldComparison, TextDiff, register_comparison_class


def readable(value):
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nein")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, datetime.time):
        return formats.time_format(value, "TIME_FORMAT")
    return formats.localize(value)


class ReadableFieldComparison(FieldComparison):
    def htmldiff(self):
        before, after = readable(self.val_a), readable(self.val_b)
        if self.val_a == self.val_b:
            return TextDiff([("equal", after)]).to_html()
        return TextDiff([("deletion", before), ("addition", after)]).to_html()


def register():
    for field_class in (models.DateTimeField, models.DateField, models.TimeField, models.BooleanField,
                        models.IntegerField, models.DecimalField, models.FloatField):
        register_comparison_class(field_class, comparison_class=ReadableFieldComparison)
