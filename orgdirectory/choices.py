"""Fixed choice lists of the directory, apart from the models so presenters can label values without them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WheelchairAccess(models.TextChoices):
    YES = "ja", _("Ja, stufenlos erreichbar")
    PARTLY = "teilweise", _("Teilweise")
    NO = "nein", _("Nein")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Montag")
    TUESDAY = 1, _("Dienstag")
    WEDNESDAY = 2, _("Mittwoch")
    THURSDAY = 3, _("Donnerstag")
    FRIDAY = 4, _("Freitag")
    SATURDAY = 5, _("Samstag")
    SUNDAY = 6, _("Sonntag")
