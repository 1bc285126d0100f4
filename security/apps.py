from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Content-Security-Policy, login lockout, two-factor login, checked uploads, safe search input.

    No signals: everything here is middleware, a backend or a form base that settings name.
    """

    name = "security"
