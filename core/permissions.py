"""Permission policies for rows that only services create or remove."""

from wagtail.permission_policies import ModelPermissionPolicy


class ServiceManagedPolicy(ModelPermissionPolicy):
    """Rows that only services create or remove: the admin may never add or delete them."""

    forbidden_actions = {"add", "delete"}

    def user_has_permission(self, user, action):
        return action not in self.forbidden_actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.forbidden_actions])


class ReadOnlyPolicy(ServiceManagedPolicy):
    forbidden_actions = {"add", "change", "delete"}
