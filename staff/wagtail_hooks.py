from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.viewsets.model import ModelViewSet

from staff import outbox, outbox_views, two_factor_views
from staff.models import Term
from staff.panels import AttentionPanel, WeekPanel, attention_items
from staff.views import ServiceReportView


@hooks.register("register_admin_urls")
def register_staff_admin_urls():
    return [
        path("reports/service/", ServiceReportView.as_view(), name="staff_service_report"),
        path("emails/", outbox_views.emails, name="staff_emails"),
        path(
            "emails/<slug:outbox_key>/<int:pk>/send-again/",
            outbox_views.email_send_again,
            name="staff_email_send_again",
        ),
        path("two-factor/setup/", two_factor_views.setup, name="staff_two_factor_setup"),
        path("two-factor/verify/", two_factor_views.verify, name="staff_two_factor_verify"),
        path("sign-in-security/", two_factor_views.overview, name="staff_two_factor_overview"),
        path(
            "sign-in-security/<int:user_id>/reset/",
            two_factor_views.reset,
            name="staff_two_factor_reset",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_two_factor_menu_item():
    return MenuItem(
        _("Two-factor sign-in"),
        reverse("staff_two_factor_overview"),
        name="two-factor",
        icon_name="lock",
        order=900,
    )


@hooks.register("register_log_actions")
def register_staff_log_actions(actions):
    actions.register_action(
        "staff.two_factor_reset", _("Two-factor reset"), _("Two-factor sign-in reset by a coordinator")
    )


class EmailsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(outbox.outboxes_for(request.user))


@hooks.register("register_admin_menu_item")
def register_emails_menu_item():
    return EmailsMenuItem(_("Emails"), reverse("staff_emails"), name="emails", icon_name="mail", order=230)


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("staff.view_reports")


@hooks.register("register_reports_menu_item")
def register_service_report_menu_item():
    return ReportsMenuItem(
        _("Service report"),
        reverse("staff_service_report"),
        name="service-report",
        icon_name="table",
        order=50,
    )


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    items = attention_items(request.user)
    if items:
        panels.append(AttentionPanel(items))
    if request.user.has_perm("booking.view_session"):
        panels.append(WeekPanel(request.user))


class TermViewSet(ModelViewSet):
    name = "staff_terms"
    url_prefix = "staff/terms"
    model = Term
    icon = "date"
    menu_label = _("School terms")
    add_to_settings_menu = True
    list_display = ["name", "start_date", "end_date"]
    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])]


@hooks.register("register_admin_viewset")
def register_term_viewset():
    return TermViewSet()
