import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from home.models import WorkingGroupPage


class Command(BaseCommand):
    help = (
        "Legt Beispiel-Konten an (je Arbeitskreis eine Redakteurin und eine Prüferin), setzt neue Passwörter "
        "und gibt sie aus. EXAMPLE_USERS_PASSWORD aus der Umgebung wird verwendet, wenn gesetzt."
    )

    def handle(self, *args, **options):
        if os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith("production"):
            raise CommandError("Beispiel-Konten werden im Echtbetrieb nicht angelegt.")
        groups = WorkingGroupPage.objects.filter(locale__language_code="de").order_by("path")
        if not groups:
            raise CommandError("Zuerst load_demo_content ausführen.")
        self.stdout.write(self.style.WARNING("Beispiel-Konten (nur zum Ausprobieren, nicht für den Echtbetrieb):"))
        for page in groups:
            label = page.short_name or page.title
            for role, group_suffix, first_name in (
                ("redaktion", "Redaktion", "Beispiel-Redakteurin"),
                ("pruefung", "Prüfung", "Beispiel-Prüferin"),
            ):
                group = Group.objects.get(name=f"{label} – {group_suffix}")
                username = f"beispiel-{role}-{page.slug.removeprefix('ak-migration-').split('-')[0]}"
                password = os.environ.get("EXAMPLE_USERS_PASSWORD") or secrets.token_urlsafe(12)
                user, _ = get_user_model().objects.get_or_create(username=username)
                user.first_name = first_name
                user.last_name = f"({label})"
                user.email = f"{username}@example.org"
                user.is_staff = False
                user.set_password(password)
                user.save()
                user.groups.set([group])
                self.stdout.write(f"  {group.name:<40} {username:<32} {password}")
        self._ensure_translator()

    def _ensure_translator(self):
        """One example translator: edits the translations of every working group, publishes nothing."""
        from editorial.setup import TRANSLATORS

        username = "beispiel-uebersetzung"
        password = os.environ.get("EXAMPLE_USERS_PASSWORD") or secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.first_name = "Beispiel-Übersetzerin"
        user.last_name = ""
        user.email = f"{username}@example.org"
        user.is_staff = False
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=TRANSLATORS)])
        self.stdout.write(f"  {TRANSLATORS:<40} {username:<32} {password}")
