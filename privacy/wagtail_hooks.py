from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.localtime import format_local
from core.models import PersonalDataEvent
from core.permissions import ReadOnlyPolicy
from privacy import views

register_permission_policy(PersonalDataEvent, ReadOnlyPolicy(PersonalDataEvent))


@hooks.register("register_admin_urls")
def register_privacy_admin_urls():
    return [
        path("privacy/requests/", views.data_request, name="privacy_data_request"),
        path("privacy/requests/erase/", views.data_erase, name="privacy_data_erase"),
    ]


class DataRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_settings_menu_item")
def register_data_requests_menu_item():
    return DataRequestsMenuItem(
        _("Data requests"), reverse("privacy_data_request"), name="data-requests", icon_name="user", order=900
    )


class PersonalDataEventViewSet(ModelViewSet):
    name = "privacy_events"
    url_prefix = "privacy/events"
    model = PersonalDataEvent
    icon = "history"
    menu_label = _("Personal data log")
    add_to_settings_menu = True
    list_display = [
        Column("at", label=_("At"), accessor=lambda event: format_local(event.at)),
        "user",
        "action",
        "subject",
        "details",
    ]
    list_filter = ["action"]
    panels = []
    form_fields = ["action"]


@hooks.register("register_admin_viewset")
def register_personal_data_event_viewset():
    return PersonalDataEventViewSet()
