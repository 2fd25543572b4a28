from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site-wide content")

    def ready(self):
        from django.urls import register_converter

        from core import signals
        from core.converters import TokenConverter

        signals.connect()
        register_converter(TokenConverter, "token")
