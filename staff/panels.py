"""The admin home panels (Wagtail components) built from staff.dashboard."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from booking import selectors as booking_selectors
from buddies import selectors as buddy_selectors
from staff import dashboard
from support import selectors as support_selectors


class WeekPanel(Component):
    name = "staff_week"
    order = 10
    template_name = "staff/panels/week.html"

    def __init__(self, user):
        self.today, self.later = dashboard.week_sessions(user, now=timezone.now())

    def get_context_data(self, parent_context=None):
        return {"today": self.today, "later": self.later, "sessions_url": reverse("booking_sessions:index")}


def attention_items(user):
    """What needs someone, as (count, text, url); only the things that are there."""
    now = timezone.now()
    items = []
    if user.has_perm("booking.view_session"):
        dropped, below_minimum, attendance = dashboard.sessions_needing_attention(user, now=now)
        sessions_url = reverse("booking_sessions:index")
        items += [
            dashboard.Attention(
                dropped,
                ngettext(
                    "%(count)d coming session is no longer in its schedule but has people booked: move or cancel it.",
                    "%(count)d coming sessions are no longer in their schedule but have people booked: move or cancel them.",
                    dropped,
                )
                % {"count": dropped},
                sessions_url + "?needs_attention=true",
            ),
            dashboard.Attention(
                below_minimum,
                ngettext(
                    "%(count)d group session in the next 3 days has fewer people than its minimum so far.",
                    "%(count)d group sessions in the next 3 days have fewer people than their minimum so far.",
                    below_minimum,
                )
                % {"count": below_minimum},
                sessions_url,
            ),
            dashboard.Attention(
                attendance,
                ngettext(
                    "%(count)d session of the last two weeks has no attendance recorded yet.",
                    "%(count)d sessions of the last two weeks have no attendance recorded yet.",
                    attendance,
                )
                % {"count": attendance},
                sessions_url + "?awaiting_attendance=true",
            ),
        ]
    items += request_items(user)
    items += follow_up_items(user)
    failed, given_up = dashboard.failed_email_counts(user)
    text = ngettext("%(count)d email could not be sent.", "%(count)d emails could not be sent.", failed) % {
        "count": failed
    }
    if given_up:
        text += " " + ngettext(
            "%(count)d will not be tried again automatically: send it again, or contact the person another way.",
            "%(count)d will not be tried again automatically: send them again, or contact the people another way.",
            given_up,
        ) % {"count": given_up}
    items.append(dashboard.Attention(failed, text, dashboard.failed_emails_url()))
    return [item for item in items if item.count]


def request_items(user):
    """Requests for help and reports nobody has taken yet: counts, never content."""
    waiting, urgent, reports = support_selectors.waiting_counts(user)
    queue = reverse("support_queue")
    text = ngettext(
        "%(count)d request for help is waiting for someone to take it.",
        "%(count)d requests for help are waiting for someone to take them.",
        waiting,
    ) % {"count": waiting}
    if urgent:
        text += " " + ngettext("%(count)d is urgent.", "%(count)d are urgent.", urgent) % {"count": urgent}
    return [
        dashboard.Attention(waiting, text, queue + "?kind=request"),
        dashboard.Attention(
            reports,
            ngettext(
                "%(count)d report of bullying or violence has not been taken yet.",
                "%(count)d reports of bullying or violence have not been taken yet.",
                reports,
            )
            % {"count": reports},
            queue + "?kind=report",
        ),
    ]


def follow_up_items(user):
    """Pairs that asked for help or went quiet, and students who missed sessions: someone should reach out."""
    pairs = buddy_selectors.pairs_needing_attention_count(user)
    missed = booking_selectors.missed_sessions_open_count(user)
    return [
        dashboard.Attention(
            pairs,
            ngettext(
                "%(count)d buddy pair needs attention: someone asked for help, or check-ins went unanswered.",
                "%(count)d buddy pairs need attention: someone asked for help, or check-ins went unanswered.",
                pairs,
            )
            % {"count": pairs},
            reverse("buddies_pairs_needing_attention"),
        ),
        dashboard.Attention(
            missed,
            ngettext(
                "%(count)d student has missed sessions: reach out to them.",
                "%(count)d students have missed sessions: reach out to them.",
                missed,
            )
            % {"count": missed},
            reverse("booking_missed_sessions"),
        ),
    ]


class AttentionPanel(Component):
    name = "staff_attention"
    order = 5
    template_name = "staff/panels/attention.html"

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context=None):
        return {"items": self.items, "heading": _("Needs attention")}
