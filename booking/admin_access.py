"""Admin views of personal data that show a counselor their own sessions' rows only (booking.visibility).

A viewset built on ``OwnRowsViewSet`` narrows every generic view Wagtail registers for its
model — the listing and its CSV/XLSX export, edit, delete, copy, usage, inspect and history —
so no view added by a Wagtail upgrade is left open; another counselor's row answers 404, as
if it did not exist. Site history narrows the same way (``OwnRowsSiteHistoryView``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404
from wagtail.admin.views.generic import HistoryView
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import ModelLogEntry

from booking.visibility import COUNSELOR_PATHS, is_visible, sees_everything, visible


class OwnRowsIndexView(IndexView):
    def get_base_queryset(self):
        return visible(super().get_base_queryset(), self.request.user)


class OwnRowMixin:
    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not is_visible(instance, self.request.user):
            raise Http404
        return instance


class OwnRowHistoryView(HistoryView):
    # Rows that only services change (emails, waiting-list entries) still have a history to read.
    any_permission_required = ["view", "change"]


def _narrowed(view_class):
    narrowing = OwnRowsIndexView if issubclass(view_class, IndexView) else OwnRowMixin
    if issubclass(view_class, narrowing):
        return view_class
    return type(view_class.__name__, (narrowing, view_class), {})


class OwnRowsViewSet(ModelViewSet):
    """A viewset of a person's records: every view it builds applies the own-rows rule."""

    history_view_class = OwnRowHistoryView

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(_narrowed(view_class), **kwargs)


class OwnRowsSiteHistoryView(LogEntriesView):
    """Reports → Site history, without the entries of rows the user may not see."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        user = self.request.user
        if queryset.model is not ModelLogEntry or sees_everything(user):
            return queryset
        for model in COUNSELOR_PATHS:
            own_ids = visible(model._default_manager.all(), user).values(
                text_pk=Cast("pk", output_field=CharField())
            )
            queryset = queryset.exclude(
                Q(content_type=ContentType.objects.get_for_model(model)) & ~Q(object_id__in=own_ids)
            )
        return queryset
