from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StarterConfig(AppConfig):
    name = "starter"
    verbose_name = _("Starter content")
