"""The legal pages German law requires of a public body's website, and the operator's details they show.

Impressum (§ 5 DDG, § 18 MStV), Datenschutzerklärung (Art. 13 DSGVO) and Erklärung zur
Barrierefreiheit (L-BGG Baden-Württemberg, EU directive 2016/2102): one page type with a kind,
so editors find them in the page tree, translators translate them like any page, and the
footer links them in every language. The operator's details are not in the working groups'
description, so they are entered once, as a site setting („Betreiberangaben“), and every legal
page shows them; until an editor has filled every field the pages say plainly that they are
missing (never invented data). The privacy statement's technical part is generated from the
configuration (``home/public/privacy.py``). The page type itself is ``home.models.LegalPage``, so it cannot drift from what the software does.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

LEGAL_KINDS = [
    ("impressum", _("Impressum")),
    ("datenschutz", _("Datenschutzerklärung")),
    ("barrierefreiheit", _("Erklärung zur Barrierefreiheit")),
]

# German title and slug of each kind, as setup_site creates them.
LEGAL_PAGES = [
    ("impressum", "Impressum", "impressum"),
    ("datenschutz", "Datenschutzerklärung", "datenschutz"),
    ("barrierefreiheit", "Erklärung zur Barrierefreiheit", "barrierefreiheit"),
]


@register_setting(icon="site")
class OperatorDetails(BaseSiteSetting):
    """Who runs the site: required by the Impressum, the privacy statement and the accessibility statement.

    Every field is required in the admin form; the database accepts them empty because a new
    installation has none yet, and the legal pages then say that the details are missing.
    """

    name = models.CharField(_("Name der betreibenden Stelle"), max_length=200, default="")
    address = models.TextField(_("Anschrift"), default="", help_text=_("Straße, Hausnummer, Postleitzahl und Ort."))
    representative = models.CharField(
        _("Vertreten durch"), max_length=200, default="", help_text=_("Wer die Stelle gesetzlich vertritt.")
    )
    email = models.EmailField(_("E-Mail"), default="")
    phone = models.CharField(_("Telefon"), max_length=60, default="")
    supervisory_authority = models.CharField(
        _("Aufsichtsbehörde"), max_length=300, default="", help_text=_("Die für die Stelle zuständige Aufsichtsbehörde.")
    )
    data_protection_officer = models.TextField(
        _("Datenschutzbeauftragte Person"), default="", help_text=_("Name oder Funktion und wie man sie erreicht.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("representative"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("supervisory_authority"),
        FieldPanel("data_protection_officer"),
    ]

    REQUIRED = ["name", "address", "representative", "email", "phone", "supervisory_authority", "data_protection_officer"]

    class Meta:
        verbose_name = _("Betreiberangaben")
        verbose_name_plural = _("Betreiberangaben")

    @property
    def complete(self):
        return all((getattr(self, name) or "").strip() for name in self.REQUIRED)
