"""Who sees which requests for help.

A report of bullying or violence: the school safety team (TPPK) only — not every
counselor, not the coordinators and not a superuser unless they are on the team (granted
the permission by a group or by hand). A request to be contacted:
whoever took it, the counselors while nobody has taken it yet, and the coordinators.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from support.models import RequestKind

TAKE = "support.take_requests"
VIEW_ALL = "support.view_all_requests"
HANDLE_REPORTS = "support.handle_reports"


def granted(permission):
    """The users given ``permission`` by a group or by hand (a superuser's "every permission" does not count)."""
    app_label, codename = permission.split(".")
    return Q(
        groups__permissions__content_type__app_label=app_label, groups__permissions__codename=codename
    ) | Q(user_permissions__content_type__app_label=app_label, user_permissions__codename=codename)


def on_safety_team(user):
    """Granted the reports permission itself: a superuser's "every permission" does not count."""
    if not hasattr(user, "_on_safety_team"):
        app_label, codename = HANDLE_REPORTS.split(".")
        granted = Q(content_type__app_label=app_label, codename=codename)
        user._on_safety_team = user.is_active and (
            user.user_permissions.filter(granted).exists()
            or user.groups.filter(
                permissions__content_type__app_label=app_label, permissions__codename=codename
            ).exists()
        )
    return user._on_safety_team


def requests_visible(queryset, user):
    reports = Q(kind=RequestKind.REPORT)
    seen = reports if on_safety_team(user) else Q(pk__in=[])
    if user.has_perm(VIEW_ALL):
        seen |= ~reports
    elif user.has_perm(TAKE):
        seen |= ~reports & (Q(assigned_to=user) | Q(assigned_to=None))
    return queryset.filter(seen)


def may_handle(user, request):
    """Take, note, change or close: the report team for reports; for requests whoever took it and the coordinators."""
    if request.is_report:
        return on_safety_team(user)
    return user.has_perm(VIEW_ALL) or (user.has_perm(TAKE) and request.assigned_to_id in (None, user.pk))


def may_read_notes(user, request):
    """The note trail: the report team for reports; for requests the person who took it and the coordinators."""
    if request.is_report:
        return on_safety_team(user)
    return user.has_perm(VIEW_ALL) or request.assigned_to_id == user.pk


def staff_granted(permission):
    """Active users given ``permission`` by a group or by hand, each once."""
    return get_user_model().objects.filter(granted(permission), is_active=True).distinct()


def may_use_queue(user):
    return user.has_perm(TAKE) or user.has_perm(VIEW_ALL) or on_safety_team(user)
