"""Who may see and change the campaigns.

- The HQ office, the inspection office and administrators edit campaign records and targets.
- County leaders (and the editors) read everything.
- A township, the dev zone or a department (a reporter or task-force member with a unit) sees its own
  figures and the published rankings.
- Anyone else is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from accounts.access import has_role, reads_everything
from accounts.models import Campaign, Role, User

M = TypeVar("M", bound=Model)


def can_edit_campaigns(user: User) -> bool:
    return has_role(user, Role.ADMIN, Role.HQ, Role.INSPECTION)


@dataclass(frozen=True)
class Viewer:
    """What a user may see of the campaigns: every unit, or only their own (`unit_id`)."""

    user: User
    all_units: bool
    unit_id: int | None
    can_edit: bool

    @property
    def unit_ids(self) -> set[int] | None:
        """The units whose figures the viewer sees: None for every unit (and the county)."""
        if self.all_units:
            return None
        return {self.unit_id} if self.unit_id is not None else set()

    def sees_unit(self, unit_id: int | None) -> bool:
        """County-wide figures (unit_id None) and other units' figures need `all_units`."""
        return self.all_units or (unit_id is not None and unit_id == self.unit_id)


def campaign_viewer(user: User) -> Viewer:
    """The viewer for a user, or PermissionDenied for someone with no business in the campaigns."""
    if reads_everything(user):
        return Viewer(user=user, all_units=True, unit_id=None, can_edit=can_edit_campaigns(user))
    if has_role(user, Role.REPORTER, Role.TASKFORCE) and user.unit_id:
        return Viewer(user=user, all_units=False, unit_id=user.unit_id, can_edit=False)
    raise PermissionDenied


def require_editor(user: User) -> Viewer:
    viewer = campaign_viewer(user)
    if not viewer.can_edit:
        raise PermissionDenied
    return viewer


def get_campaign_for_user(user: User, slug: str) -> tuple[Campaign, Viewer]:
    viewer = campaign_viewer(user)
    campaign = Campaign.objects.select_related("lead_unit").filter(slug=slug).first()
    if campaign is None:
        raise Http404
    return campaign, viewer


def get_record_for_user(user: User, qs: QuerySet[M], pk: int, *, unit_field: str | None, write: bool = False) -> M:
    """A campaign record: 404 if the user may not see it (another unit's), 403 if read-only and `write`."""
    viewer = campaign_viewer(user)
    if not viewer.all_units:
        if unit_field is None:
            raise Http404
        qs = qs.filter(**{unit_field: viewer.unit_id})
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if write and not viewer.can_edit:
        raise PermissionDenied
    return obj
