import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views.generic.models import IndexView as ModelIndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from booking import selectors
from booking.admin import hooks as after_session_hooks  # noqa: F401  (registers its screens and menus)
from booking.admin import views as admin_views
from booking.admin.schedule_editor import ScheduleForm, SchedulePreviewPanel
from booking.admin.schedule_in_words import schedule_in_words
from booking.models import (
    Booking,
    BookingEmail,
    Closure,
    Counselor,
    Offering,
    Schedule,
    Session,
    WaitingListEntry,
)
from booking.services.places import PERSON_FIELDS
from core.admin_access import OwnRowsIndexView, OwnRowsViewSet
from core.admin_filters import ListingFilterSet
from core.exports import PersonalDataExportMixin
from core.localtime import format_local
from core.permissions import ReadOnlyPolicy, ServiceManagedPolicy

for model, policy in (
    (Booking, ServiceManagedPolicy),
    (Session, ServiceManagedPolicy),
    (BookingEmail, ReadOnlyPolicy),
    (WaitingListEntry, ReadOnlyPolicy),
):
    register_permission_policy(model, policy(model))


@hooks.register("register_admin_urls")
def register_booking_admin_urls():
    return [
        path(
            "booking/sessions/<int:pk>/attendees/",
            admin_views.session_attendees,
            name="booking_session_attendees",
        ),
        path("booking/sessions/<int:pk>/cancel/", admin_views.session_cancel, name="booking_session_cancel"),
        path(
            "booking/sessions/<int:pk>/add-person/",
            admin_views.session_add_person,
            name="booking_session_add_person",
        ),
        path(
            "booking/bookings/<int:pk>/attendance/",
            admin_views.booking_attendance,
            name="booking_booking_attendance",
        ),
        path("booking/bookings/<int:pk>/cancel/", admin_views.booking_cancel, name="booking_booking_cancel"),
        path("booking/waiting/<int:pk>/move/", admin_views.waiting_move, name="booking_waiting_move"),
        path("booking/waiting/<int:pk>/remove/", admin_views.waiting_remove, name="booking_waiting_remove"),
        path(
            "booking/closures/national-holidays/",
            admin_views.closures_add_holidays,
            name="booking_closures_add_holidays",
        ),
    ]


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    actions.register_action("booking.booked_online", _("Booked online"), _("Booked online by the person"))
    actions.register_action("booking.added_by_staff", _("Added by staff"), _("Added to the session by staff"))
    actions.register_action(
        "booking.confirmed_by_email", _("Confirmed by email"), _("Confirmed by the person from their email")
    )
    actions.register_action(
        "booking.hold_released", _("Hold given back"), _("Not confirmed in time: the place was given back")
    )
    actions.register_action("booking.cancelled_online", _("Cancelled online"), _("Cancelled by the person"))
    actions.register_action("booking.cancelled_by_staff", _("Cancelled by staff"), _("Cancelled by staff"))
    actions.register_action(
        "booking.rescheduled_online", _("Moved online"), _("Moved to another time by the person")
    )
    actions.register_action("booking.attended", _("Attended"), _("Marked as attended"))
    actions.register_action("booking.no_show", _("Did not come"), _("Marked as did not come"))
    actions.register_action(
        "booking.missed_follow_up_done", _("Reached out"), _("Reached out after missed sessions")
    )
    actions.register_action(
        "booking.session_cancelled", _("Session cancelled"), _("Cancelled with the whole session")
    )
    actions.register_action(
        "booking.booked_from_waiting_list",
        _("Booked from the waiting list"),
        _("Booked from the waiting list"),
    )
    actions.register_action(
        "booking.waiting_joined", _("Joined the waiting list"), _("Joined the waiting list")
    )
    actions.register_action("booking.waiting_offered", _("Place offered"), _("A free place was offered"))
    actions.register_action("booking.waiting_offer_expired", _("Offer expired"), _("The offer ran out"))
    actions.register_action("booking.waiting_claimed", _("Offer taken"), _("Booked the offered place"))
    actions.register_action("booking.waiting_left", _("Left the waiting list"), _("Left the waiting list"))
    actions.register_action("booking.waiting_moved", _("Moved in line"), _("Moved in line by staff"))
    actions.register_action(
        "booking.minimum_not_reached",
        _("Cancelled: too few people"),
        _("Cancelled automatically: fewer people than the minimum"),
    )


class CounselorViewSet(ModelViewSet):
    name = "booking_counselors"
    url_prefix = "booking/counselors"
    model = Counselor
    icon = "user"
    menu_label = _("Counselors")
    delete_view_class = admin_views.CounselorDeleteView
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
        FieldPanel("weekly_appointment_cap"),
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
    delete_view_class = admin_views.OfferingDeleteView
    list_display = [
        "title",
        Column("get_kind_display", label=_("Kind")),
        Column("get_audience_display", label=_("Who it is for")),
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
                FieldRowPanel([FieldPanel("is_online"), FieldPanel("meeting_link")]),
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
                FieldRowPanel([FieldPanel("reminder_hours"), FieldPanel("second_reminder_hours")]),
                FieldRowPanel([FieldPanel("open_bookings_per_person"), FieldPanel("confirm_within_minutes")]),
            ],
            heading=_("Booking rules"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("waiting_list"),
                FieldRowPanel([FieldPanel("minimum_participants"), FieldPanel("minimum_decision_hours")]),
            ],
            heading=_("Group sessions"),
        ),
        FieldPanel("counselors"),
        FieldPanel("asks_feedback"),
        FieldPanel("is_active"),
    ]


class ScheduleIndexView(ModelIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("offering", "counselor")


class ScheduleViewSet(ModelViewSet):
    name = "booking_schedules"
    url_prefix = "booking/schedules"
    model = Schedule
    index_view_class = ScheduleIndexView
    icon = "repeat"
    menu_label = _("Schedules")
    add_view_class = admin_views.ScheduleCreateView
    edit_view_class = admin_views.ScheduleEditView
    delete_view_class = admin_views.ScheduleDeleteView
    list_display = [
        "offering",
        Column("recurrences", label=_("Repeats"), accessor=schedule_in_words),
        "counselor",
        "valid_from",
        "valid_until",
    ]
    list_filter = ["offering", "counselor"]
    edit_handler = ObjectList(
        [
            FieldPanel("offering"),
            FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
            FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
            MultiFieldPanel(
                [
                    FieldPanel("frequency"),
                    FieldPanel("interval"),
                    FieldPanel("weekdays"),
                    FieldPanel("extra_dates"),
                    FieldPanel("excluded_dates"),
                ],
                heading=_("Repeats"),
            ),
            SchedulePreviewPanel(heading=_("Next dates")),
            FieldPanel("counselor"),
        ],
        base_form_class=ScheduleForm,
    )


class ClosureViewSet(ModelViewSet):
    name = "booking_closures"
    url_prefix = "booking/closures"
    model = Closure
    icon = "no-view"
    menu_label = _("Closures")
    index_view_class = admin_views.ClosureIndexView
    add_view_class = admin_views.ClosureCreateView
    edit_view_class = admin_views.ClosureEditView
    delete_view_class = admin_views.ClosureDeleteView
    list_display = ["title", "start_date", "end_date"]
    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])]


def attendees_url(session):
    return reverse("booking_session_attendees", args=[session.pk])


class SessionIndexView(OwnRowsIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().with_places_taken().select_related("offering", "counselor")


class SessionFilterSet(ListingFilterSet):
    awaiting_attendance = django_filters.BooleanFilter(
        label=_("Attendance not yet recorded (last two weeks)"), method="filter_awaiting_attendance"
    )

    class Meta:
        model = Session
        fields = {
            "start": ["date__gte", "date__lte"],
            "offering": ["exact"],
            "counselor": ["exact"],
            "status": ["exact"],
            "needs_attention": ["exact"],
        }

    def filter_awaiting_attendance(self, queryset, name, value):
        if not value:
            return queryset
        return selectors.sessions_awaiting_attendance(queryset, now=timezone.now())


class SessionViewSet(OwnRowsViewSet):
    name = "booking_sessions"
    url_prefix = "booking/sessions"
    model = Session
    icon = "date"
    menu_label = _("Sessions")
    index_view_class = SessionIndexView
    edit_view_class = admin_views.SessionEditView
    list_display = [
        TitleColumn("offering", label=_("Session"), get_url=attendees_url),
        Column("start", label=_("Start"), accessor=lambda session: format_local(session.start)),
        "counselor",
        Column("places_left", label=_("Places left")),
        "status",
        BooleanColumn("needs_attention", label=_("Needs attention")),
    ]
    filterset_class = SessionFilterSet
    ordering = ["start"]
    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("counselor"),
        FieldPanel("places"),
    ]


class BookingIndexView(PersonalDataExportMixin, OwnRowsIndexView):
    export_only = [
        *PERSON_FIELDS,
        "status",
        "created_at",
        "session__start",
        "session__offering__title",
        "session__offering__title_en",
    ]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("session__offering")


class BookingViewSet(OwnRowsViewSet):
    name = "booking_bookings"
    url_prefix = "booking/bookings"
    model = Booking
    icon = "tick-inverse"
    menu_label = _("Bookings")
    index_view_class = BookingIndexView
    edit_view_class = admin_views.BookingEditView
    list_display = [
        "name",
        Column("session", label=_("Session")),
        Column("get_status_display", label=_("Status")),
        Column("get_age_group_display", label=_("Age group")),
        Column("created_at", label=_("Booked at"), accessor=lambda booking: format_local(booking.created_at)),
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
        "people_coming",
        "email",
        "phone",
        "school_class",
        "get_age_group_display",
        "guardian_name",
        "guardian_contact",
        "get_topic_display",
        "get_contact_channel_display",
        "get_status_display",
        "session.offering.localized_title",
        "session.start",
        "created_at",
    ]
    export_headings = {
        "get_age_group_display": _("Age group"),
        "get_topic_display": _("Topic"),
        "get_contact_channel_display": _("Preferred contact"),
        "get_status_display": _("Status"),
        "session.offering.localized_title": _("Offering"),
        "session.start": _("Session starts"),
        "created_at": _("Booked at"),
    }
    export_filename = "bookings"
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("school_class"), FieldPanel("age_group")]),
        FieldRowPanel([FieldPanel("guardian_name"), FieldPanel("guardian_contact")]),
        FieldPanel("guardian_consent"),
        FieldRowPanel([FieldPanel("topic"), FieldPanel("contact_channel")]),
    ]


class BookingEmailIndexView(OwnRowsIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("booking__session__offering")


class BookingEmailViewSet(OwnRowsViewSet):
    name = "booking_emails"
    url_prefix = "booking/emails"
    model = BookingEmail
    icon = "mail"
    menu_label = _("Emails")
    # Listed with every other kind of email in staff's one Emails listing; this keeps each one's history.
    add_to_admin_menu = False
    index_view_class = BookingEmailIndexView
    list_display = [
        "booking",
        Column("get_kind_display", label=_("Kind")),
        Column("get_status_display", label=_("Status")),
        "attempts",
        "last_error",
        Column("created_at", label=_("Created at"), accessor=lambda n: format_local(n.created_at)),
    ]
    list_filter = ["status", "kind"]
    panels = [FieldPanel("status", read_only=True)]


class WaitingListIndexView(PersonalDataExportMixin, OwnRowsIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("session__offering")


class WaitingListViewSet(OwnRowsViewSet):
    name = "booking_waiting"
    url_prefix = "booking/waiting"
    model = WaitingListEntry
    icon = "list-ol"
    menu_label = _("Waiting list")
    index_view_class = WaitingListIndexView
    list_display = [
        TitleColumn("name", label=_("Name"), get_url=lambda entry: attendees_url(entry.session)),
        Column("session", label=_("Session")),
        Column("position", label=_("Place in line")),
        Column("get_status_display", label=_("Status")),
        Column("created_at", label=_("Joined at"), accessor=lambda entry: format_local(entry.created_at)),
    ]
    list_filter = {"status": ["exact"], "session__offering": ["exact"], "session__start": ["date__gte"]}
    search_fields = ["name", "email"]
    ordering = ["session__start", "position"]
    list_export = [
        "name",
        "people_coming",
        "email",
        "phone",
        "school_class",
        "get_status_display",
        "session.offering.localized_title",
        "session.start",
        "position",
        "created_at",
    ]
    export_headings = {
        "get_status_display": _("Status"),
        "session.offering.localized_title": _("Offering"),
        "session.start": _("Session starts"),
        "position": _("Place in line"),
        "created_at": _("Joined at"),
    }
    export_filename = "waiting-list"
    panels = [FieldPanel("status", read_only=True)]


class BookingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Booking")
    menu_icon = "calendar-alt"
    menu_order = 200
    items = (
        SessionViewSet,
        BookingViewSet,
        WaitingListViewSet,
        OfferingViewSet,
        ScheduleViewSet,
        CounselorViewSet,
        ClosureViewSet,
    )


@hooks.register("register_admin_viewset")
def register_booking_viewsets():
    return BookingViewSetGroup()


@hooks.register("register_admin_viewset")
def register_booking_email_viewset():
    return BookingEmailViewSet()
