from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from support import admin_views
from support.access import may_use_queue


@hooks.register("register_admin_urls")
def register_support_admin_urls():
    return [
        path("requests/", admin_views.request_queue, name="support_queue"),
        path("requests/<int:pk>/", admin_views.request_detail, name="support_request"),
        path("requests/<int:pk>/take/", admin_views.request_take, name="support_request_take"),
        path("requests/<int:pk>/status/", admin_views.request_status, name="support_request_status"),
        path("requests/<int:pk>/note/", admin_views.request_note, name="support_request_note"),
    ]


class RequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_queue(request.user)


@hooks.register("register_admin_menu_item")
def register_requests_menu_item():
    return RequestsMenuItem(_("Requests for help"), reverse("support_queue"), icon_name="help", order=150)


@hooks.register("register_log_actions")
def register_support_log_actions(actions):
    actions.register_action("support.received", _("Received"), _("Sent from the website"))
    actions.register_action("support.read", _("Read"), _("Opened by staff"))
    actions.register_action("support.assigned", _("Assigned"), _("Given to a staff member"))
    actions.register_action("support.contacted", _("Contacted"), _("Marked as contacted"))
    actions.register_action("support.referred", _("Referred"), _("Marked as referred"))
    actions.register_action("support.closed", _("Closed"), _("Closed with an outcome"))
    actions.register_action("support.note_added", _("Note added"), _("A note was added"))
