"""What the audit trail hears without being called: logins, logouts and failures (Django's and axes'
signals), role changes (the groups' m2m signal), task-force memberships, the admin site's log, and the
events the accounts app emits. Connected once, in AuditConfig.ready; each receiver only records."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_delete

from accounts.events import Action, Outcome, security_event
from accounts.models import TaskForceMembership, User

from .services import record

_ADMIN_FLAGS = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}


def on_logged_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    record(Action.LOGIN, request=request, user=user, detail="superuser" if user.is_superuser else "")


def on_logged_out(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    record(Action.LOGOUT, request=request, user=user)


def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    """A failed password, or an attempt refused while locked (axes ran before this receiver)."""
    username = str(credentials.get("username") or "")
    started = bool(getattr(request, "yc_lockout_started", False))
    refused = bool(getattr(request, "axes_locked_out", False)) and not started
    record(
        Action.LOGIN_FAILED,
        request=request,
        user=None,
        username=username,
        outcome=Outcome.DENIED if refused else Outcome.FAILURE,
        detail="locked" if refused else "",
    )
    if started:
        record(Action.LOCKOUT, request=request, user=None, username=username, outcome=Outcome.DENIED)


def on_security_event(sender: Any, *, action: Action, signal: Any = None, **kwargs: Any) -> None:
    record(action, **kwargs)


def on_groups_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """user.groups.add/remove/set/clear and group.user_set.…: one event per person whose roles changed."""
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    verb = {"post_add": "added", "post_remove": "removed", "pre_clear": "cleared"}[action]
    if reverse:  # instance is a Group, pk_set the people
        people = User.objects.filter(pk__in=pk_set or [])
        for person in people:
            record(Action.ROLE_CHANGE, target=person, detail=f"{verb}: {instance.name}")
        return
    if action == "pre_clear":
        names = list(instance.groups.values_list("name", flat=True))
    else:
        names = list(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    if names:
        record(Action.ROLE_CHANGE, target=instance, detail=f"{verb}: {', '.join(sorted(names))}")


def on_membership_saved(sender: Any, instance: TaskForceMembership, created: bool, **kwargs: Any) -> None:
    verb = "added" if created else "changed"
    record(Action.MEMBERSHIP_CHANGE, target=instance.user, detail=f"{verb}: {instance.taskforce} ({instance.role})")


def on_membership_deleted(sender: Any, instance: TaskForceMembership, **kwargs: Any) -> None:
    record(Action.MEMBERSHIP_CHANGE, target=instance.user, detail=f"removed: {instance.taskforce}")


def on_admin_log(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    content_type = instance.content_type
    record(
        Action.ADMIN_ACTION,
        user=instance.user,
        object_type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
        object_id=instance.object_id or "",
        object_repr=instance.object_repr,
        detail=f"{_ADMIN_FLAGS.get(instance.action_flag, instance.action_flag)}: {instance.get_change_message()}",
    )


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="audit.login")
    user_logged_out.connect(on_logged_out, dispatch_uid="audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit.login_failed")
    security_event.connect(on_security_event, dispatch_uid="audit.security_event")
    m2m_changed.connect(on_groups_changed, sender=User.groups.through, dispatch_uid="audit.groups")
    post_save.connect(on_membership_saved, sender=TaskForceMembership, dispatch_uid="audit.membership_saved")
    pre_delete.connect(on_membership_deleted, sender=TaskForceMembership, dispatch_uid="audit.membership_deleted")
    post_save.connect(on_admin_log, sender=LogEntry, dispatch_uid="audit.admin_log")
