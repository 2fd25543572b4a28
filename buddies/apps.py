from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuddiesConfig(AppConfig):
    name = "buddies"
    verbose_name = _("Buddy System")

    def ready(self):
        from buddies.fragments import render_program_buddies
        from buddies.models import BuddyProgram
        from core import live, signals

        live.register("buddies", render_program_buddies)
        signals.connect_content_models([BuddyProgram])
