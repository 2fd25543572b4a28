from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Requests for help")

    def ready(self):
        from core import outbox
        from core.admin_access import register_row_rule
        from support.access import requests_visible
        from support.models import HelpRequest, HelpRequestNote, SupportEmail
        from support.tasks import send_support_email

        outbox.register_outbox(SupportEmail, send_support_email)
        register_row_rule(HelpRequest, requests_visible)
        register_row_rule(HelpRequestNote, requests_visible, path="request")
        register_row_rule(SupportEmail, requests_visible, path="request")
