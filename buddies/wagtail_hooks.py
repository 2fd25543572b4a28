from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from buddies import admin_views
from buddies.matching import reasons_in_words
from buddies.models import BuddyEmail, BuddyPair, BuddyProgram, BuddySignup
from core.admin_access import OwnRowsIndexView, OwnRowsViewSet
from core.exports import PersonalDataExportMixin
from core.localtime import format_local
from core.permissions import ReadOnlyPolicy, ServiceManagedPolicy

for model, policy in (
    (BuddySignup, ServiceManagedPolicy),
    (BuddyPair, ServiceManagedPolicy),
    (BuddyEmail, ReadOnlyPolicy),
):
    register_permission_policy(model, policy(model))


@hooks.register("register_admin_urls")
def register_buddy_admin_urls():
    return [
        path(
            "buddies/programs/<int:pk>/matching/",
            admin_views.program_matching,
            name="buddies_program_matching",
        ),
        path("buddies/programs/<int:pk>/accept/", admin_views.pairs_accept, name="buddies_pairs_accept"),
        path(
            "buddies/programs/<int:pk>/add/<str:side>/",
            admin_views.program_add_student,
            name="buddies_program_add_student",
        ),
        path(
            "buddies/pairs/needing-attention/",
            admin_views.pairs_needing_attention,
            name="buddies_pairs_needing_attention",
        ),
        path("buddies/pairs/<int:pk>/follow-up/", admin_views.pair_follow_up, name="buddies_pair_follow_up"),
        path("buddies/pairs/<int:pk>/<str:action>/", admin_views.pair_change, name="buddies_pair_change"),
    ]


@hooks.register("register_log_actions")
def register_buddy_log_actions(actions):
    actions.register_action("buddies.signed_up", _("Signed up"), _("Signed up online"))
    actions.register_action("buddies.added_by_staff", _("Signed up by staff"), _("Signed up by staff"))
    actions.register_action("buddies.withdrawn", _("Withdrawn"), _("Sign-up withdrawn"))
    actions.register_action("buddies.pair_proposed", _("Pair proposed"), _("Pair proposed by staff"))
    actions.register_action("buddies.pair_activated", _("Pair started"), _("Pair started; both emailed"))
    actions.register_action("buddies.pair_ended", _("Pair ended"), _("Pair ended"))
    actions.register_action("buddies.pair_note_added", _("Note added"), _("A conversation was noted"))


def matching_url(program):
    return reverse("buddies_program_matching", args=[program.pk])


class BuddyProgramViewSet(ModelViewSet):
    name = "buddies_programs"
    url_prefix = "buddies/programs"
    model = BuddyProgram
    delete_view_class = admin_views.BuddyProgramDeleteView
    icon = "group"
    menu_label = _("Programs")
    list_display = [
        TitleColumn("title", label=_("Program"), get_url=matching_url),
        Column("get_kind_display", label=_("Kind")),
        "starts_on",
        "ends_on",
        BooleanColumn("is_active", label=_("Shown")),
    ]
    panels = [
        FieldPanel("program_page"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldRowPanel([FieldPanel("signup_opens"), FieldPanel("signup_closes")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("mentee_places"), FieldPanel("buddy_places"), FieldPanel("mentees_per_buddy")]
                ),
                FieldRowPanel([FieldPanel("mentee_year_min"), FieldPanel("mentee_year_max")]),
                FieldRowPanel([FieldPanel("buddy_year_min"), FieldPanel("buddy_year_max")]),
                FieldPanel("buddies_need_approval"),
                FieldPanel("buddies_need_training"),
            ],
            heading=_("Who may join"),
        ),
        FieldPanel("counselor"),
        FieldPanel("is_active"),
    ]


class SignupIndexView(PersonalDataExportMixin, OwnRowsIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program")


class BuddySignupViewSet(OwnRowsViewSet):
    name = "buddies_signups"
    url_prefix = "buddies/signups"
    model = BuddySignup
    icon = "user"
    menu_label = _("Sign-ups")
    index_view_class = SignupIndexView
    list_display = [
        "first_name",
        "school_class",
        Column("get_side_display", label=_("Side")),
        "program",
        BooleanColumn("approved", label=_("Approved")),
        BooleanColumn("training_completed", label=_("Trained")),
        Column("get_status_display", label=_("Status")),
    ]
    list_filter = ["program", "side", "status", "approved"]
    search_fields = ["first_name", "email", "school_class"]
    list_export = ["first_name", "school_class", "year", "get_side_display", "program", "get_status_display"]
    export_headings = {"get_side_display": _("Side"), "get_status_display": _("Status")}
    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("email")]),
        FieldRowPanel([FieldPanel("school_class"), FieldPanel("year")]),
        FieldPanel("motivation", read_only=True),
        FieldRowPanel([FieldPanel("training_completed"), FieldPanel("approved")]),
    ]


class PairIndexView(PersonalDataExportMixin, OwnRowsIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("program", "buddy", "mentee")


class BuddyPairViewSet(OwnRowsViewSet):
    name = "buddies_pairs"
    url_prefix = "buddies/pairs"
    model = BuddyPair
    icon = "link"
    menu_label = _("Pairs")
    index_view_class = PairIndexView
    list_display = [
        Column("buddy", label=_("Buddy"), accessor=lambda pair: pair.buddy.first_name),
        Column("mentee", label=_("Student"), accessor=lambda pair: pair.mentee.first_name),
        "program",
        Column("get_status_display", label=_("Status")),
        "score",
        Column(
            "reasons",
            label=_("Why they were matched"),
            accessor=lambda pair: ", ".join(reasons_in_words(pair.reasons)),
        ),
        Column("created_at", label=_("Proposed at"), accessor=lambda pair: format_local(pair.created_at)),
    ]
    list_filter = ["program", "status"]
    list_export = [
        "buddy",
        "mentee",
        "program",
        "get_status_display",
        "score",
        "created_at",
        "activated_at",
        "ended_at",
    ]
    export_headings = {"get_status_display": _("Status")}
    export_filename = "buddy-pairs"
    panels = [FieldPanel("status", read_only=True)]


class EmailIndexView(OwnRowsIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("signup")


class BuddyEmailViewSet(OwnRowsViewSet):
    name = "buddies_emails"
    url_prefix = "buddies/emails"
    model = BuddyEmail
    icon = "mail"
    menu_label = _("Emails")
    # Listed with every other kind of email in staff's one Emails listing; this keeps each one's history.
    add_to_admin_menu = False
    index_view_class = EmailIndexView
    list_display = [
        Column("signup", label=_("Sign-up"), accessor=lambda email: email.signup.first_name),
        Column("get_kind_display", label=_("Kind")),
        Column("get_status_display", label=_("Status")),
        "attempts",
        Column("created_at", label=_("Created at"), accessor=lambda email: format_local(email.created_at)),
    ]
    list_filter = ["status", "kind"]
    panels = [FieldPanel("status", read_only=True)]


class BuddyViewSetGroup(ModelViewSetGroup):
    menu_label = _("Buddy System")
    menu_icon = "group"
    menu_order = 210
    items = (BuddyProgramViewSet, BuddySignupViewSet, BuddyPairViewSet)


@hooks.register("register_admin_viewset")
def register_buddy_viewsets():
    return BuddyViewSetGroup()


@hooks.register("register_admin_viewset")
def register_buddy_email_viewset():
    return BuddyEmailViewSet()
