"""Who may see whose records in the admin, and the admin views that keep to it.

Each app registers, for each model that holds a person's details, who may see a row: most
by how the row reaches the counselor responsible for it (``register_counselor_path``) — a
counselor then sees the rows of their own sessions and programs only, and whoever has
"view all bookings" (the Coordinator group, superusers) sees everything — and requests for
help by their own rule (``register_row_rule``: reports only for the school safety team).
Every admin listing, page, export and history of these models goes through ``visible``.

A viewset built on ``OwnRowsViewSet`` narrows every generic view Wagtail registers for its
model — the listing and its CSV/XLSX export, edit, delete, copy, usage, inspect and history —
so no view added by a Wagtail upgrade is left open; another counselor's row answers 404, as
if it did not exist. Site history narrows the same way (``OwnRowsSiteHistoryView``).
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, ProtectedError, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import redirect
from wagtail.admin.views import generic
from wagtail.admin.views.generic import HistoryView
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import ModelLogEntry

from core.admin_filters import ListingFilterSet

# The permission is declared on booking.Booking (its Meta), where it was first needed.
VIEW_ALL = "booking.view_all_bookings"
# {personal-data model: rule(queryset, user) → the rows the user may see}, filled in by each
# app's AppConfig.ready().
ROW_RULES = {}


def register_counselor_path(model, path):
    """A personal-data model, and the lookup from it to its counselor (e.g. "session__counselor")."""

    def own_counselors_rows(queryset, user):
        return queryset if sees_everything(user) else queryset.filter(**{f"{path}__user": user})

    ROW_RULES[model] = own_counselors_rows


def register_row_rule(model, rule, *, path=None):
    """A personal-data model and its own rule; with ``path``, its rows follow the row they point at."""
    if path is None:
        ROW_RULES[model] = rule
        return
    target = model._meta.get_field(path).related_model

    def as_the_row_pointed_at(queryset, user):
        return queryset.filter(**{f"{path}__in": rule(target.objects.all(), user)})

    ROW_RULES[model] = as_the_row_pointed_at


def sees_everything(user):
    return user.has_perm(VIEW_ALL)


def visible(queryset, user):
    """The rows of ``queryset`` that ``user`` may see."""
    return ROW_RULES[queryset.model](queryset, user)


def is_visible(instance, user):
    return visible(type(instance).objects.filter(pk=instance.pk), user).exists()


class OwnRowsIndexView(IndexView):
    base_filterset_class = ListingFilterSet

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
        if queryset.model is not ModelLogEntry:
            return queryset
        for model in ROW_RULES:
            own_ids = visible(model._default_manager.all(), user).values(
                text_pk=Cast("pk", output_field=CharField())
            )
            queryset = queryset.exclude(
                Q(content_type=ContentType.objects.get_for_model(model)) & ~Q(object_id__in=own_ids)
            )
        return queryset


class RefuseDeleteInUseView(generic.DeleteView):
    """Deleting a row that sessions still point at is refused with a reason, never a 500."""

    in_use_message = ""

    def form_valid(self, form):
        if self.usage and self.usage.is_protected:
            return self.refuse()
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            return self.refuse()

    def refuse(self):
        messages.error(self.request, str(self.in_use_message))
        return redirect(self.edit_url_name, self.object.pk)
