from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site-wide content")

    def ready(self):
        from django.urls import register_converter

        from core import periodic, signals
        from core.converters import TokenConverter
        from core.spreadsheets import spreadsheets_remove_old

        signals.connect()
        periodic.register_due("spreadsheets_removed", spreadsheets_remove_old)
        register_converter(TokenConverter, "token")
