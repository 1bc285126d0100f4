from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: /healthz, JSON logs, backup and restore, the administrator account."""

    name = "operations"
