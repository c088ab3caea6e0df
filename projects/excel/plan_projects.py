"""Planning the import of a key-project list: each row matched to a stored project, its units found,
its values and changes worked out. Writes nothing.

Matching: by project code, else by name among the year's list, else by a name that only one stored
project has. Project fields are shared by all years; tier, nature, annual plan and number in the
list belong to the year (ProjectYear), so 2025's list never touches 2024's plan.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import Unit

from ..models import ImportKind, Nature, Project, ProjectYear, Tier
from .match import Claims, UnitResolver, by_name, code_key
from .plan import (
    ZERO,
    Action,
    Change,
    ImportPlan,
    PlannedRow,
    SkipRow,
    Source,
    TierFigures,
    field_label,
    max_length,
    plan_each,
)
from .reader import ProjectRow, name_key, read_project_list
from .reader.cells import DateValue, money
from .reader.problems import RowProblems

_PROJECT_TEXT = ("owner", "scope", "liaison_leader", "remarks")
_LENGTH_CHECKED = ("name", "code", "owner", "liaison_leader")
_UNIT_FIELDS = ("township", "responsible_unit")
Units = dict[str, Unit | str | None]  # a unit field → the stored unit, the name of one to create, or None


def project_import_preview(*, source: Source, year: int, create_units: bool = False) -> ImportPlan:
    """What importing the list would do, and every problem. Writes nothing."""
    parsed = read_project_list(source, year=year)
    plan = ImportPlan(kind=ImportKind.PROJECTS, year=year, problems=parsed.problems)
    plan.ignored_columns = parsed.ignored_columns
    plan.rows_read = len(parsed.rows)
    if not parsed.rows:
        return plan
    _ProjectListPlanner(plan, create_units=create_units).run(parsed.rows)
    return plan


def _date_label(value: date | None) -> str:
    return value.isoformat() if value else ""


def _unit_label(value: Unit | str | None) -> str:
    if value is None:
        return ""
    return value.name if isinstance(value, Unit) else value


def _json_value(key: str, value: object) -> object:
    """A planned value as the fingerprint and the apply step see it."""
    if isinstance(value, Unit):
        return f"unit:{value.pk}"
    if key in _UNIT_FIELDS and isinstance(value, str):
        return f"new:{value}"
    if isinstance(value, (Decimal, date)):
        return str(value)
    return value


def _choose_date(current: date | None, parsed: DateValue | None, *, end: bool) -> date | None:
    """The date to store: keep the stored one when the cell's precision allows it (2024 contains
    2024-03-15), else the first day (a start) or the last day (a completion) of what the cell says."""
    if parsed is None or parsed.contains(current):
        return current
    return parsed.last if end else parsed.first


def _same_unit(old: Unit | None, new: object) -> bool:
    """A unit to create (a name) is never the stored one."""
    return (old.pk if old else None) == (new.pk if isinstance(new, Unit) else (None if new is None else -1))


class _ProjectListPlanner:
    """Plans the list's rows one at a time, in the file's order; each step notes its problems on the
    row and raises SkipRow when the row cannot be planned. Matching a row claims its project first,
    so that a later row naming the same project is reported even when this one fails further on."""

    def __init__(self, plan: ImportPlan, *, create_units: bool) -> None:
        self.plan = plan
        self.projects = {p.pk: p for p in Project.objects.select_related("township", "responsible_unit")}
        self.listings = {py.project_id: py for py in ProjectYear.objects.filter(year=plan.year)}
        self.by_code = {code_key(p.code): p for p in self.projects.values() if p.code}
        self.all_by_name = by_name(self.projects.values())
        self.listed_by_name = by_name(p for p in self.projects.values() if p.pk in self.listings)
        self.resolver = UnitResolver(create=create_units)
        self.claims = Claims()
        self.next_seq: dict[str, int] = defaultdict(int)
        for listing in self.listings.values():
            self.next_seq[listing.tier] = max(self.next_seq[listing.tier], listing.seq)
        self.tiers: dict[str, TierFigures] = {
            t.value: {"count": 0, "total_investment": ZERO, "annual_plan": ZERO} for t in Tier
        }

    def run(self, rows: list[ProjectRow]) -> None:
        plan_each(self.plan, rows, self._plan_row)
        plan = self.plan
        plan.tiers = self.tiers
        plan.units_to_create = sorted(self.resolver.planned.values())
        in_file = {r.project_id for r in plan.rows if r.project_id}
        plan.not_in_file = sorted(
            self.projects[pid].name for pid in self.listings if pid not in in_file and pid in self.projects
        )

    def _plan_row(self, item: ProjectRow, here: RowProblems) -> None:
        self._check_lengths(item, here)
        project = self._match(item, here)
        listing = self.listings.get(project.pk) if project is not None else None
        units = self._units(item, project, here)
        listing_new = self._listing_values(item, listing, here)
        new = self._project_values(item, project, units)
        changes = self._project_changes(project, new) + self._listing_changes(listing, listing_new)
        action: Action = "create" if listing is None else ("update" if changes else "unchanged")
        note = ""
        if listing is None and project is not None:
            note = _("Already in the register (listed in other years): added to %(year)s's list") % {
                "year": self.plan.year
            }
        tier = listing_new["tier"]
        self.plan.rows.append(
            PlannedRow(
                sheet=item.sheet,
                row=item.row,
                name=item.name,
                action=action,
                tier=tier,
                project_id=project.pk if project else None,
                target_id=listing.pk if listing else None,
                values={key: _json_value(key, value) for key, value in {**new, **listing_new}.items()},
                changes=changes,
                note=note,
            )
        )
        figures = self.tiers[tier]
        figures["count"] += 1
        figures["total_investment"] += new["total_investment"]
        figures["annual_plan"] += listing_new["annual_plan"]

    def _check_lengths(self, item: ProjectRow, here: RowProblems) -> None:
        too_long = [key for key in _LENGTH_CHECKED if len(getattr(item, key) or "") > max_length(Project, key)]
        for key in too_long:
            here.error(
                key,
                _("“%(field)s” is longer than %(max)s characters")
                % {"field": field_label(Project, key), "max": max_length(Project, key)},
            )
        if too_long:
            raise SkipRow

    def _match(self, item: ProjectRow, here: RowProblems) -> Project | None:
        """The stored project the row names (None: a new project), claimed for this row."""
        project = self.by_code.get(code_key(item.code)) if item.code else None
        if project is None:
            candidates = self.listed_by_name.get(item.key) or self.all_by_name.get(item.key) or []
            if len(candidates) > 1:
                here.error(
                    "name",
                    _("Several stored projects are called “%(name)s”; add the project code to say which one")
                    % {"name": item.name},
                )
                raise SkipRow
            project = candidates[0] if candidates else None
            if project is not None and item.code and project.code and code_key(project.code) != code_key(item.code):
                here.error(
                    "code",
                    _("“%(name)s” is stored with the code %(stored)s, not %(code)s; correct the code or the name")
                    % {"name": item.name, "stored": project.code, "code": item.code},
                )
                raise SkipRow
        if project is not None:
            self.claims.claim(project, row=item.row, here=here)
        return project

    def _units(self, item: ProjectRow, project: Project | None, here: RowProblems) -> Units:
        """The township and the responsible unit; both are looked at before an unknown one skips the row."""
        units: Units = {}
        unknown = False
        for key in _UNIT_FIELDS:
            value = getattr(item, key)
            if value is None:
                units[key] = getattr(project, key) if project is not None else None
                continue
            unit, warning = self.resolver.resolve(value, township_column=(key == "township"))
            if warning:
                here.warning(key, warning)
            if unit is None:
                here.error(
                    key,
                    (_("Unknown township “%(name)s”") if key == "township" else _("Unknown unit “%(name)s”"))
                    % {"name": value}
                    + _(" (add it under 系统管理 → 单位, or import with “create unknown units”)"),
                )
                unknown = True
                continue
            units[key] = unit
        if unknown:
            raise SkipRow
        return units

    def _listing_values(self, item: ProjectRow, listing: ProjectYear | None, here: RowProblems) -> dict[str, Any]:
        """The year's listing: tier, nature, annual plan and number, from the row or else as stored; a new
        listing without a number comes after the tier's last."""
        nature = item.nature or (listing.nature if listing else None)
        if nature is None:
            here.error(
                "nature",
                _(
                    "The nature (新建, 续建 or 前期) is missing: add a 建设性质 column or sections such as “（一）新建项目”"
                ),
            )
            raise SkipRow
        tier = item.tier or (listing.tier if listing else None)
        if tier is None:  # pragma: no cover - the reader reports rows without a tier
            raise SkipRow
        plan_value = item.annual_plan if item.annual_plan is not None else (listing.annual_plan if listing else ZERO)
        if item.seq is not None:
            seq = item.seq
        elif listing is not None:
            seq = listing.seq
        else:
            self.next_seq[tier] += 1
            seq = self.next_seq[tier]
        return {"tier": tier, "nature": nature, "annual_plan": plan_value, "seq": seq}

    @staticmethod
    def _project_values(item: ProjectRow, project: Project | None, units: Units) -> dict[str, Any]:
        """The project's shared fields: what the row says, else what is stored."""
        new: dict[str, Any] = {
            # A name that differs only in spaces or full-width characters is the same name: keep it.
            "name": project.name if project is not None and name_key(project.name) == item.key else item.name,
            "code": item.code or (project.code if project else ""),
            "total_investment": item.total_investment
            if item.total_investment is not None
            else (project.total_investment if project else ZERO),
            "planned_start": _choose_date(project.planned_start if project else None, item.planned_start, end=False),
            "planned_completion": _choose_date(
                project.planned_completion if project else None, item.planned_completion, end=True
            ),
            "township": units["township"],
            "responsible_unit": units["responsible_unit"],
        }
        for key in _PROJECT_TEXT:
            value = getattr(item, key)
            new[key] = value if value is not None else (getattr(project, key) if project else "")
        return new

    @staticmethod
    def _project_changes(project: Project | None, new: dict[str, Any]) -> list[Change]:
        changes: list[Change] = []
        if project is None:
            return changes
        for key, value in new.items():
            old = getattr(project, key)
            label = field_label(Project, key)
            if key in _UNIT_FIELDS:
                if not _same_unit(old, value):
                    changes.append(Change(key, label, _unit_label(old), _unit_label(value)))
            elif key in ("planned_start", "planned_completion"):
                if old != value:
                    changes.append(Change(key, label, _date_label(old), _date_label(value)))
            elif key == "total_investment":
                if old != value:
                    changes.append(Change(key, label, money(old), money(value)))
            elif (old or "") != (value or ""):
                changes.append(Change(key, label, str(old or ""), str(value or "")))
        return changes

    @staticmethod
    def _listing_changes(listing: ProjectYear | None, new: dict[str, Any]) -> list[Change]:
        changes: list[Change] = []
        if listing is None:
            return changes
        for key, value in new.items():
            old = getattr(listing, key)
            if old == value:
                continue
            label = field_label(ProjectYear, key)
            if key == "tier":
                changes.append(Change(key, label, str(Tier(old).label), str(Tier(value).label)))
            elif key == "nature":
                changes.append(Change(key, label, str(Nature(old).label), str(Nature(value).label)))
            elif key == "annual_plan":
                changes.append(Change(key, label, money(old), money(value)))
            else:
                changes.append(Change(key, label, str(old), str(value)))
        return changes
