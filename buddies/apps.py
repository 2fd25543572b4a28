from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuddiesConfig(AppConfig):
    name = "buddies"
    verbose_name = _("Buddy System")

    def ready(self):
        from buddies.fragments import render_program_buddies
        from buddies.models import BuddyEmail, BuddyPair, BuddyProgram, BuddySignup
        from buddies.tasks import send_buddy_email
        from core import live, outbox, signals
        from core.admin_access import register_counselor_path

        live.register("buddies", render_program_buddies)
        outbox.register_outbox(BuddyEmail, send_buddy_email)
        signals.connect_content_models([BuddyProgram])
        for model, path in (
            (BuddyProgram, "counselor"),
            (BuddySignup, "program__counselor"),
            (BuddyPair, "program__counselor"),
            (BuddyEmail, "signup__program__counselor"),
        ):
            register_counselor_path(model, path)
