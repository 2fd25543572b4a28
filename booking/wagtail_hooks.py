from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from recurrence.fields import RecurrenceField
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from booking import admin_views
from booking.models import Booking, Closure, Counselor, Notification, Offering, Schedule, Session
from booking.widgets import WagtailRecurrenceWidget

register_form_field_override(RecurrenceField, override={"widget": WagtailRecurrenceWidget})


class ServiceManagedPolicy(ModelPermissionPolicy):
    """Rows that only booking services create or remove: the admin may never add or delete them."""

    forbidden_actions = {"add", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.forbidden_actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.forbidden_actions])


class ReadOnlyPolicy(ServiceManagedPolicy):
    forbidden_actions = {"add", "change", "delete"}


for model, policy in (
    (Booking, ServiceManagedPolicy),
    (Session, ServiceManagedPolicy),
    (Notification, ReadOnlyPolicy),
):
    register_permission_policy(model, policy(model))


@hooks.register("register_admin_urls")
def register_booking_admin_urls():
    return [
        path(
            "booking/recurrence-jsi18n/",
            JavaScriptCatalog.as_view(packages=["recurrence"]),
            name="booking_recurrence_jsi18n",
        ),
        path(
            "booking/sessions/<int:pk>/attendees/",
            admin_views.session_attendees,
            name="booking_session_attendees",
        ),
        path("booking/sessions/<int:pk>/cancel/", admin_views.session_cancel, name="booking_session_cancel"),
        path(
            "booking/bookings/<int:pk>/status/",
            admin_views.booking_status_change,
            name="booking_booking_status",
        ),
    ]


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    actions.register_action("booking.booked_online", _("Booked online"), _("Booked online by the person"))
    actions.register_action("booking.cancelled_online", _("Cancelled online"), _("Cancelled by the person"))
    actions.register_action("booking.cancelled_by_staff", _("Cancelled by staff"), _("Cancelled by staff"))
    actions.register_action("booking.attended", _("Attended"), _("Marked as attended"))
    actions.register_action("booking.no_show", _("Did not come"), _("Marked as did not come"))
    actions.register_action(
        "booking.session_cancelled", _("Session cancelled"), _("Cancelled with the whole session")
    )


class CounselorViewSet(ModelViewSet):
    name = "booking_counselors"
    url_prefix = "booking/counselors"
    model = Counselor
    icon = "user"
    menu_label = _("Counselors")
    list_display = ["name", "role", "languages", BooleanColumn("is_active", label=_("Active"))]
    list_filter = ["is_active"]
    search_fields = ["name", "role"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("role_en")]),
        FieldRowPanel([FieldPanel("qualifications"), FieldPanel("qualifications_en")]),
        FieldPanel("bio"),
        FieldPanel("bio_en"),
        FieldPanel("photo"),
        FieldPanel("languages"),
        FieldPanel("is_active"),
        FieldPanel("user"),
    ]


class OfferingViewSet(ModelViewSet):
    name = "booking_offerings"
    url_prefix = "booking/offerings"
    model = Offering
    icon = "clipboard-list"
    menu_label = _("Offerings")
    add_view_class = admin_views.OfferingCreateView
    edit_view_class = admin_views.OfferingEditView
    list_display = [
        "title",
        "kind",
        "audience",
        "places_per_session",
        BooleanColumn("is_active", label=_("Open")),
    ]
    list_filter = ["kind", "audience", "is_active", "program_page"]
    search_fields = ["title", "title_en"]
    panels = [
        FieldPanel("program_page"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("places_per_session")]),
                FieldPanel("is_online"),
                FieldRowPanel([FieldPanel("location"), FieldPanel("location_en")]),
            ],
            heading=_("Sessions"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("minimum_notice_hours"),
                        FieldPanel("booking_horizon_days"),
                        FieldPanel("cancellation_cutoff_hours"),
                    ]
                ),
            ],
            heading=_("Booking rules"),
        ),
        FieldPanel("counselors"),
        FieldPanel("is_active"),
    ]


class ScheduleViewSet(ModelViewSet):
    name = "booking_schedules"
    url_prefix = "booking/schedules"
    model = Schedule
    icon = "repeat"
    menu_label = _("Schedules")
    add_view_class = admin_views.ScheduleCreateView
    edit_view_class = admin_views.ScheduleEditView
    delete_view_class = admin_views.ScheduleDeleteView
    list_display = ["offering", "recurrences", "start_time", "counselor", "valid_from", "valid_until"]
    list_filter = ["offering", "counselor"]
    panels = [
        FieldPanel("offering"),
        FieldPanel("recurrences"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("counselor"),
    ]


class ClosureViewSet(ModelViewSet):
    name = "booking_closures"
    url_prefix = "booking/closures"
    model = Closure
    icon = "no-view"
    menu_label = _("Closures")
    add_view_class = admin_views.ClosureCreateView
    edit_view_class = admin_views.ClosureEditView
    delete_view_class = admin_views.ClosureDeleteView
    list_display = ["title", "start_date", "end_date"]
    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])]


def attendees_url(session):
    return reverse("booking_session_attendees", args=[session.pk])


def local_start(session):
    return date_format(timezone.localtime(session.start), "DATETIME_FORMAT")


class SessionViewSet(ModelViewSet):
    name = "booking_sessions"
    url_prefix = "booking/sessions"
    model = Session
    icon = "date"
    menu_label = _("Sessions")
    edit_view_class = admin_views.SessionEditView
    list_display = [
        TitleColumn("offering", label=_("Session"), get_url=attendees_url),
        Column("start", label=_("Start"), accessor=local_start),
        "counselor",
        Column("places_left", label=_("Places left")),
        "status",
        BooleanColumn("needs_attention", label=_("Needs attention")),
    ]
    list_filter = {
        "start": ["date__gte", "date__lte"],
        "offering": ["exact"],
        "counselor": ["exact"],
        "status": ["exact"],
        "needs_attention": ["exact"],
    }
    ordering = ["start"]
    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("counselor"),
        FieldPanel("places"),
    ]

    def get_queryset(self, request):
        return Session.objects.select_related("offering", "counselor")


class BookingViewSet(ModelViewSet):
    name = "booking_bookings"
    url_prefix = "booking/bookings"
    model = Booking
    icon = "tick-inverse"
    menu_label = _("Bookings")
    edit_view_class = admin_views.BookingEditView
    list_display = [
        "name",
        Column("session", label=_("Session")),
        "status",
        "age_group",
        DateColumn("created_at", label=_("Booked at")),
    ]
    list_filter = {
        "status": ["exact"],
        "session__offering": ["exact"],
        "session__counselor": ["exact"],
        "session__start": ["date__gte", "date__lte"],
    }
    search_fields = ["name", "email", "school_class"]
    list_export = [
        "name",
        "email",
        "phone",
        "school_class",
        "age_group",
        "guardian_name",
        "guardian_contact",
        "topic",
        "contact_channel",
        "status",
        "session",
        "created_at",
    ]
    export_filename = "bookings"
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("school_class"), FieldPanel("age_group")]),
        FieldRowPanel([FieldPanel("guardian_name"), FieldPanel("guardian_contact")]),
        FieldPanel("guardian_consent"),
        FieldRowPanel([FieldPanel("topic"), FieldPanel("contact_channel")]),
    ]

    def get_queryset(self, request):
        return Booking.objects.select_related("session__offering")


class NotificationViewSet(ModelViewSet):
    name = "booking_emails"
    url_prefix = "booking/emails"
    model = Notification
    icon = "mail"
    menu_label = _("Emails")
    list_display = ["booking", "kind", "status", "attempts", "last_error", DateColumn("created_at")]
    list_filter = ["status", "kind"]
    panels = [FieldPanel("status", read_only=True)]

    def get_queryset(self, request):
        return Notification.objects.select_related("booking__session__offering")


class BookingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Booking")
    menu_icon = "calendar-alt"
    menu_order = 200
    items = (
        SessionViewSet,
        BookingViewSet,
        OfferingViewSet,
        ScheduleViewSet,
        CounselorViewSet,
        ClosureViewSet,
        NotificationViewSet,
    )


@hooks.register("register_admin_viewset")
def register_booking_viewsets():
    return BookingViewSetGroup()
