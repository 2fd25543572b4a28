"""Admin views of personal data that show a counselor their own sessions' rows only (booking.visibility).

The listing, its CSV/XLSX export, the edit and inspect pages and the history page all
narrow to what the user may see; another counselor's row answers 404, as if it did not exist.
"""

from django.http import Http404
from wagtail.admin.views.generic import HistoryView
from wagtail.admin.views.generic.models import EditView, IndexView

from booking.visibility import is_visible, visible


class OwnRowsIndexView(IndexView):
    def get_base_queryset(self):
        return visible(super().get_base_queryset(), self.request.user)


class OwnRowMixin:
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not is_visible(instance, self.request.user):
            raise Http404
        return instance


class OwnRowHistoryView(HistoryView):
    # Rows that only services change (emails, waiting-list entries) still have a history to read.
    any_permission_required = ["view", "change"]

    def get_base_object_queryset(self):
        return visible(super().get_base_object_queryset(), self.request.user)


class OwnRowEditView(OwnRowMixin, EditView):
    pass
