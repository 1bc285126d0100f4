import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Legt das Administrationskonto an oder setzt sein Passwort neu und gibt die Zugangsdaten aus. "
        "ADMIN_USERNAME und ADMIN_PASSWORD aus der Umgebung werden verwendet, wenn gesetzt."
    )

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "admin")
        explicit_password = os.environ.get("ADMIN_PASSWORD")
        if getattr(settings, "REQUIRE_EXPLICIT_ADMIN_PASSWORD", False):
            # Production has no default accounts: the operator chooses name and a strong password.
            if not explicit_password:
                raise CommandError("In Produktion nur mit ADMIN_PASSWORD (und ADMIN_USERNAME) aus der Umgebung.")
            try:
                validate_password(explicit_password)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        password = explicit_password or secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@localhost"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Redaktion: {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"))
        self.stdout.write(self.style.SUCCESS(f"  Benutzername: {username}"))
        self.stdout.write(self.style.SUCCESS(f"  Passwort:     {password}"))
        self.stdout.write("")
