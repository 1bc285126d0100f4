from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Example content and example accounts, installed in development and tests only (cms/settings/dev.py, test.py).

    Production settings leave this app out unless DEMO_CONTENT=true, so a live site never gets example data.
    """

    name = "demo"
