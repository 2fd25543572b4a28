from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import admin_views
from core.models import Hotline


class HotlineViewSet(SnippetViewSet):
    model = Hotline
    icon = "warning"
    menu_label = _("Hotlines")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "number", "whatsapp", "last_verified", "show_in_crisis_bar", "sort_order"]
    list_filter = ["show_in_crisis_bar"]
    search_fields = ["name", "name_en", "description", "description_en"]
    ordering = ["sort_order", "name"]


register_snippet(HotlineViewSet)


@hooks.register("insert_global_admin_css")
def admin_touch_targets():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin.css"))


@hooks.register("register_log_actions")
def register_outbox_log_actions(actions):
    actions.register_action("outbox.send_again", _("Email sent again"), _("Email queued again by staff"))


@hooks.register("register_admin_urls")
def register_spreadsheet_urls():
    return [
        path("spreadsheets/<int:pk>/", admin_views.spreadsheet, name="core_spreadsheet"),
        path(
            "spreadsheets/<int:pk>/download/",
            admin_views.spreadsheet_download,
            name="core_spreadsheet_download",
        ),
    ]
