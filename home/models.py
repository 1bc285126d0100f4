"""Pages of the network site: the home page, one page per working group,
general content pages and the news of each working group."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from .blocks import ContentStreamBlock, InstitutionBlock
from .legal import LEGAL_KINDS, OperatorDetails  # noqa: F401 - OperatorDetails: a model of this app
from .review import ReviewByMixin

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol", "document-link"]


class SitePage(Page):
    """Base of the site's page types: one URL slug in every language, so links can be shared across languages."""

    override_translatable_fields = [SynchronizedField("slug")]

    class Meta:
        abstract = True


class HomePage(SitePage):
    """The entry page of the network in one language."""

    intro = RichTextField(
        _("Einleitung"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Wenige Sätze: Wer sind wir, was finden Besucherinnen und Besucher hier?"),
    )
    body = StreamField(
        ContentStreamBlock(),
        verbose_name=_("Inhalt"),
        blank=True,
        help_text=_("Weitere Abschnitte unter der Einleitung."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.WorkingGroupPage",
        "home.ContentPage",
        "home.LegalPage",
        "orgdirectory.DirectoryPage",
        "events.CalendarPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Startseite")
        verbose_name_plural = _("Startseiten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["working_groups"] = (
            WorkingGroupPage.objects.child_of(self).live().public().specific()
        )
        return context


class WorkingGroupPage(RoutablePageMixin, ReviewByMixin, SitePage):
    """A working group of the network: who it is, what it wants, who takes part.

    ``kontakt/`` below it is the group's contact page, built from the contact field (and saying
    plainly when the group has not published a contact yet); every page's footer links it.
    """

    short_name = models.CharField(
        _("Kurzname"),
        max_length=80,
        blank=True,
        help_text=_("Kurze Form für Menüs, z. B. „AK Migration Lörrach“."),
    )
    founded = models.CharField(
        _("Gegründet"),
        max_length=120,
        blank=True,
        help_text=_("Wann der Arbeitskreis entstanden ist, so wie er es selbst angibt."),
    )
    intro = RichTextField(
        _("Wer wir sind"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Kurze Vorstellung des Arbeitskreises."),
    )
    background = RichTextField(
        _("Hintergrund"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Wie und warum der Arbeitskreis entstanden ist."),
    )
    goals = RichTextField(
        _("Ziele"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Was der Arbeitskreis erreichen will."),
    )
    members = StreamField(
        [("institution", InstitutionBlock())],
        verbose_name=_("Mitglieder"),
        blank=True,
        help_text=_("Institutionen, die im Arbeitskreis mitarbeiten, eine pro Zeile."),
    )
    contact = RichTextField(
        _("Kontakt"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Wie man den Arbeitskreis erreicht. Leer lassen, wenn es keine öffentliche Kontaktstelle gibt."),
    )
    body = StreamField(
        ContentStreamBlock(),
        verbose_name=_("Weitere Inhalte"),
        blank=True,
        help_text=_("Zusätzliche Abschnitte unter der Vorstellung."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("short_name"), FieldPanel("founded")],
            heading=_("Eckdaten"),
        ),
        FieldPanel("intro"),
        FieldPanel("background"),
        FieldPanel("goals"),
        FieldPanel("members"),
        FieldPanel("contact"),
        FieldPanel("body"),
        *ReviewByMixin.review_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("short_name"),
        index.SearchField("intro"),
        index.SearchField("background"),
        index.SearchField("goals"),
        index.SearchField("members"),
    ]
    api_fields = [
        APIField("short_name"),
        APIField("founded"),
        APIField("intro"),
        APIField("background"),
        APIField("goals"),
        APIField("members"),
        APIField("contact"),
        APIField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.ContentPage", "home.NewsIndexPage", "events.EventIndexPage"]

    class Meta:
        verbose_name = _("Arbeitskreis")
        verbose_name_plural = _("Arbeitskreise")

    @path("kontakt/", name="contact")
    def contact_page(self, request):
        return self.render(request, template="home/working_group_contact.html")

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        return urls + [{**entry, "location": entry["location"] + self.reverse_subpage("contact")} for entry in urls]

    @property
    def member_names(self):
        """The members from the organisation directory; the text list only where the directory has none."""
        from orgdirectory.membership import member_names

        return member_names(self) or [block.value for block in self.members]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One news index per group; ordering by pk, not path, keeps PostgreSQL from walking the page tree.
        news_index = NewsIndexPage.objects.child_of(self).live().order_by("pk").first()
        context["news_index"] = news_index
        context["latest_news"] = news_index.news()[:3] if news_index else []
        return context


class ContentPage(ReviewByMixin, SitePage):
    """A general page built from headings, text, images, questions and documents."""

    teaser = models.TextField(
        _("Kurzbeschreibung"),
        blank=True,
        max_length=300,
        help_text=_("Ein bis zwei Sätze für Übersichten und Suchmaschinen."),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("teaser"), FieldPanel("body"), *ReviewByMixin.review_panels]
    search_fields = Page.search_fields + [index.SearchField("teaser"), index.SearchField("body")]
    api_fields = [APIField("teaser"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.WorkingGroupPage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


class NewsIndexPage(SitePage):
    """The news of one working group, newest first."""

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.WorkingGroupPage"]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Nachrichtenübersicht")
        verbose_name_plural = _("Nachrichtenübersichten")

    def news(self):
        return NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.news(), 10)
        context["news_page"] = paginator.get_page(request.GET.get("seite"))
        return context


class NewsPage(SitePage):
    """One news item of a working group."""

    date = models.DateField(_("Datum"), default=timezone.localdate)
    teaser = models.TextField(
        _("Kurzfassung"),
        max_length=300,
        help_text=_("Ein bis zwei Sätze, die in der Übersicht erscheinen."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("Alternativtext des Bildes"),
        max_length=250,
        blank=True,
        help_text=_("Beschreiben Sie das Bild für Menschen, die es nicht sehen können."),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("teaser"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Bild")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("teaser"), index.SearchField("body")]
    api_fields = [APIField("date"), APIField("teaser"), APIField("image"), APIField("body")]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")


class LegalPage(SitePage):
    """Impressum, privacy statement or accessibility statement (``home/legal.py`` says why).

    The text the law requires is generated in the visitor's language from the operator's
    details and the configuration; editors add their own sections below it.
    """

    kind = models.CharField(_("Art"), max_length=20, choices=LEGAL_KINDS)
    body = StreamField(
        ContentStreamBlock(),
        verbose_name=_("Weitere Inhalte"),
        blank=True,
        help_text=_("Ergänzungen der Redaktion unter dem erzeugten Text."),
    )

    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("kind")]
    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    api_fields = [APIField("kind"), APIField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Rechtliche Seite")
        verbose_name_plural = _("Rechtliche Seiten")

    def get_context(self, request, *args, **kwargs):
        from .public.privacy import privacy_facts

        context = super().get_context(request, *args, **kwargs)
        site = self.get_site() or Site.find_for_request(request)
        operator = OperatorDetails.for_site(site) if site else None
        context["operator"] = operator if operator is not None and operator.complete else None
        if self.kind == "datenschutz":
            context["privacy"] = privacy_facts()
        return context


class MenuLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Seite"))
    label = blocks.CharBlock(
        label=_("Beschriftung"),
        required=False,
        help_text=_("Leer lassen, um den Titel der Seite zu verwenden."),
    )


@register_snippet
class MainMenu(TranslatableMixin, models.Model):
    """The navigation at the top of every page, one per language."""

    links = StreamField(
        [("link", MenuLinkBlock(label=_("Menüpunkt")))],
        verbose_name=_("Menüpunkte"),
        blank=True,
    )

    panels = [FieldPanel("links")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Hauptmenü")
        verbose_name_plural = _("Hauptmenüs")

    def __str__(self):
        return str(_("Hauptmenü"))


@register_snippet
class Footer(TranslatableMixin, models.Model):
    """The text at the bottom of every page, one per language."""

    text = RichTextField(_("Text"), features=RICH_TEXT_FEATURES)

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Fußzeile")
        verbose_name_plural = _("Fußzeilen")

    def __str__(self):
        return str(_("Fußzeile"))
