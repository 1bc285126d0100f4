"""Admin panels of the event form: the recurrence panel that opens itself for a series and says it in words."""

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.panels import HelpPanel, MultiFieldPanel


class RecurrencePanel(MultiFieldPanel):
    """A ``MultiFieldPanel`` that is collapsed for a single date and open when the event repeats."""

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def classes(self):
            classes = super().classes()
            if getattr(self.instance, "repeat", ""):
                classes = [name for name in " ".join(classes).split() if name != "collapsed"]
            return classes


class SeriesSummaryPanel(HelpPanel):
    """The saved series in German words, e.g. „jeden zweiten Mittwoch im Monat, 18:00–19:30, bis 28.02.2027“."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            from .describe import describe_series

            summary = describe_series(self.instance, "de")
            self.content = (
                format_html('<p class="event-series-summary"><strong>{}</strong> {}</p>', _("Die Reihe:"), summary)
                if summary
                else ""
            )

        def is_shown(self):
            return bool(self.content)
