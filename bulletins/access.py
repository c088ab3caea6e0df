"""Who may read and publish bulletins.

- publish (and change the bulletin settings): the HQ office and administrators;
- read drafts (the live preview of a month not yet published, or changed since) and the meeting
  pack: those who read everything (leaders, HQ, inspection office, administrators);
- read published bulletins: anyone with a role, including task-force members and township or unit
  reporters: a published bulletin is circulated to every unit anyway;
- a logged-in user with no role sees nothing (403 on the index, 404 on a bulletin).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.access import has_role, reads_everything, user_roles
from accounts.models import Role, User

from .models import BulletinVersion


def can_publish(user: User) -> bool:
    return has_role(user, Role.ADMIN, Role.HQ)


def can_read_drafts(user: User) -> bool:
    return reads_everything(user)


def can_read_published(user: User) -> bool:
    return bool(user_roles(user))


def require_reader(user: User) -> None:
    """The bulletins index: 403 for a logged-in user with no role."""
    if not can_read_published(user):
        raise PermissionDenied


def require_draft_reader(user: User) -> None:
    """The live preview of a month: 404 for those who may not know about it, 403 for published-only readers."""
    if not can_read_published(user):
        raise Http404
    if not can_read_drafts(user):
        raise PermissionDenied


def require_publisher(user: User) -> None:
    """Publishing: 404 for those who may read nothing, 403 for readers who may not publish."""
    if not can_read_published(user):
        raise Http404
    if not can_publish(user):
        raise PermissionDenied


def get_version_for_user(
    user: User, year: int, month: int, number: int, *, with_docx: bool = False
) -> BulletinVersion:
    """A published version, if the user may read it (404 otherwise)."""
    if not can_read_published(user):
        raise Http404
    qs = BulletinVersion.objects.select_related("bulletin", "published_by")
    if not with_docx:
        qs = qs.defer("docx")
    version = qs.filter(bulletin__year=year, bulletin__month=month, number=number).first()
    if version is None:
        raise Http404
    return version
