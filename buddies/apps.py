from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuddiesConfig(AppConfig):
    name = "buddies"
    verbose_name = _("Buddy System")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from buddies import follow_up, services
        from buddies.fragments import render_program_buddies, signup_changed
        from buddies.models import BuddyEmail, BuddyPair, BuddyProgram, BuddySignup, PairCheckIn
        from buddies.tasks import send_buddy_email
        from core import live, outbox, periodic, signals
        from core.admin_access import register_counselor_path
        from core.content_version import free_times_content_changed

        live.register("buddies", render_program_buddies)
        periodic.register_due("pairs_ended_with_program", services.pairs_end_with_their_program)
        periodic.register_due("check_ins_sent", follow_up.check_ins_send_due)
        periodic.register_due("pairs_flagged_unanswered", follow_up.pairs_flag_unanswered)
        outbox.register_outbox(BuddyEmail, send_buddy_email)
        signals.connect_content_models([BuddyProgram], receiver=free_times_content_changed)
        for action, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                signup_changed, sender=BuddySignup, dispatch_uid=f"rangkul-availability-{action}-signup"
            )
        for model, path in (
            (BuddyProgram, "counselor"),
            (BuddySignup, "program__counselor"),
            (BuddyPair, "program__counselor"),
            (BuddyEmail, "signup__program__counselor"),
            (PairCheckIn, "pair__program__counselor"),
        ):
            register_counselor_path(model, path)
