"""Weekly reminder: each working group's editors get the list of their section's overdue items.

Run from cron once a week (README, „Wöchentliche Erinnerung“). One mail per person, listing every section
they edit that has something overdue (``editorial/review.py``), with links to the admin at the site's
configured address (``WAGTAILADMIN_BASE_URL``). Nobody overdue, no mail. ``--dry-run`` prints what would
be sent and sends nothing; the output is the same on every run with the same data.

The text is German only, like the rest of the admin's editorial side, so it is not in the catalogues.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import translation

from editorial.review import editors_of, overdue_in
from home.models import WorkingGroupPage


def reminders(today=None):
    """``{user: [(section, items), ...]}`` for everyone who edits a section with overdue items."""
    by_user = {}
    sections = WorkingGroupPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path")
    for section in sections:
        items = overdue_in(section, today)
        if not items:
            continue
        for user in editors_of(section):
            by_user.setdefault(user, []).append((section, items))
    return by_user


def mail_text(user, sections):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines = [
        f"Guten Tag {user.get_full_name() or user.get_username()},",
        "",
        "bei diesen Inhalten Ihres Arbeitskreises ist das Datum „Prüfen bis“ überschritten. Bitte prüfen Sie, ob "
        "die Angaben noch stimmen, und setzen Sie danach ein neues Datum.",
    ]
    for section, items in sections:
        lines += ["", section.title, "-" * len(section.title)]
        for item in items:
            lines.append(f"- {item['title']} ({item['kind']}), Prüfen bis {item['review_by']:%d.%m.%Y}")
            lines.append(f"  {base}{item['edit_url']}")
    lines += ["", f"Diese Nachricht kommt einmal in der Woche von {settings.WAGTAIL_SITE_NAME}."]
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "Schickt den Redaktionen jedes Arbeitskreises die Liste ihrer überfälligen Inhalte („Prüfen bis“)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur anzeigen, wer was bekäme; nichts senden.")

    def handle(self, *args, dry_run=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            found = reminders()
            for user in sorted(found, key=lambda user: user.get_username()):
                sections = found[user]
                count = sum(len(items) for section, items in sections)
                subject = f"Überfällig zur Prüfung: {count} – {settings.WAGTAIL_SITE_NAME}"
                if not dry_run:
                    send_mail(subject, mail_text(user, sections), None, [user.email])
                prefix = "Probelauf, nicht gesendet" if dry_run else "gesendet"
                self.stdout.write(f"{prefix}: {user.email}: {subject}")
            if not found:
                self.stdout.write("Nichts überfällig, keine Erinnerung gesendet.")
