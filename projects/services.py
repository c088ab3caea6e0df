"""Writes to the register. Keyword-only, typed functions named <thing>_<action>; views call one of them.

Shared by the register's areas: the Excel import functions and the progress form's function live here.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Literal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit, UnitKind, User

from .importers import ProgressRow, ProjectRow, name_key, read_progress_list, read_project_list
from .importers.cells import DateValue, compact, money
from .importers.problems import ImportFileError, Problems, RowProblems
from .importers.workbook import check_workbook_bytes, read_source
from .models import ImportBatch, ImportKind, ImportStatus, MonthlyProgress, Nature, Project, ProjectYear, Tier

# --- monthly progress entered by hand (the project page's form) -------------------------------------


def progress_record(
    *,
    project: Project,
    year: int,
    month: int,
    completed: Decimal,
    physical_progress: str = "",
    problems: str = "",
    reported_by: User | None,
) -> tuple[MonthlyProgress, bool]:
    """Create or correct one project's progress for one month; returns (row, created).

    One row per project and month (the database enforces it); a second entry for the same month
    replaces the first, and django-simple-history keeps what it replaced and who changed it.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    if completed < 0:
        raise ValueError("completed investment cannot be negative")
    values = {
        "completed": completed,
        "physical_progress": physical_progress,
        "problems": problems,
        "reported_by": reported_by,
    }
    with transaction.atomic():
        row = MonthlyProgress.objects.select_for_update().filter(project=project, year=year, month=month).first()
        if row is None:
            try:
                with transaction.atomic():  # a savepoint: two people saving the same new month at once
                    row = MonthlyProgress(project=project, year=year, month=month, **values)
                    row._history_user = reported_by  # type: ignore[attr-defined]  # named outside requests too
                    row.save()
                return row, True
            except IntegrityError:
                row = MonthlyProgress.objects.select_for_update().get(project=project, year=year, month=month)
        for name, value in values.items():
            setattr(row, name, value)
        row._history_user = reported_by  # type: ignore[attr-defined]
        row.save(update_fields=[*values, "reported_at"])
    return row, False


# --- Excel import of the key-project list and of monthly progress ---------------------------------
#
# Two steps, both from the same file: a *plan* (what would be created, updated, left unchanged, and
# every problem) that writes nothing, then *apply*, which re-reads the file, re-plans inside one
# transaction and writes only if the plan has no error and is the one the user saw (its fingerprint).
# The web flow keeps the file in an ImportBatch between the two; the management commands do both in
# one go. Matching: by project code, else by name among the year's list, else by a name that only one
# stored project has. Project fields are shared by all years; tier, nature, annual plan and number in
# the list belong to the year (ProjectYear), so 2025's list never touches 2024's plan.

Action = Literal["create", "update", "unchanged"]
ZERO = Decimal("0.00")  # two places, so a tier's empty sums read "0.00" in --json like the others
Source = bytes | str | Path | IO[bytes]


class ImportRejected(Exception):
    """The file has errors: nothing was written. `plan` holds them."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(f"{len(plan.errors)} error(s)")
        self.plan = plan


class ImportOutdated(Exception):
    """The register changed since the preview, so confirming would not apply what was shown."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("the register changed since the preview")
        self.plan = plan


@dataclass
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass
class PlannedRow:
    sheet: str
    row: int
    name: str
    action: Action
    tier: str = ""
    project_id: int | None = None
    target_id: int | None = None  # the ProjectYear or MonthlyProgress row updated, if any
    values: dict[str, object] = field(default_factory=dict)  # what will be written, JSON-able
    changes: list[Change] = field(default_factory=list)
    note: str = ""

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "name": self.name,
            "action": self.action,
            "tier": self.tier,
            "note": self.note,
            "changes": [{"field": c.field, "label": c.label, "old": c.old, "new": c.new} for c in self.changes],
        }


@dataclass
class ImportPlan:
    kind: str
    year: int
    month: int | None = None
    rows: list[PlannedRow] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    units_to_create: list[tuple[str, str]] = field(default_factory=list)  # (name, kind)
    tiers: dict[str, dict[str, Decimal | int]] = field(default_factory=dict)
    not_in_file: list[str] = field(default_factory=list)  # the year's listed projects the file leaves out
    ignored_columns: list[str] = field(default_factory=list)
    rows_read: int = 0
    skipped: int = 0  # rows with nothing filled in (progress forms prefilled with every project)

    @property
    def errors(self):
        return self.problems.errors

    @property
    def warnings(self):
        return self.problems.warnings

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def fingerprint(self) -> str:
        """What the plan would write, hashed: confirming applies only the plan the user saw."""
        payload = {
            "rows": [[r.sheet, r.row, r.action, r.project_id, r.target_id, r.values] for r in self.rows],
            "units": self.units_to_create,
            "errors": [p.as_dict() for p in self.errors],
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()

    def summary(self) -> dict:
        """The JSON the commands print and the preview page shows (amounts as exact strings in 万元)."""
        return {
            "kind": self.kind,
            "year": self.year,
            "month": self.month,
            "rows": self.rows_read,
            "created": self.count("create"),
            "updated": self.count("update"),
            "unchanged": self.count("unchanged"),
            "skipped": self.skipped,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "tiers": {
                tier: {key: (str(value) if isinstance(value, Decimal) else value) for key, value in figures.items()}
                for tier, figures in self.tiers.items()
            },
            "units_to_create": [{"name": name, "kind": kind} for name, kind in self.units_to_create],
            "not_in_file": self.not_in_file,
            "ignored_columns": self.ignored_columns,
            "items": [r.as_dict() for r in self.rows],
            "fingerprint": self.fingerprint,
        }


# --- units ----------------------------------------------------------------------------------------

_TOWNSHIP_PREFIX = re.compile(r"^(.{1,8}?(?:镇|乡|街道|开发区|园区))")


def _unit_kind_for(name: str, *, township_column: bool) -> str:
    if "开发区" in name or "园区" in name:
        return UnitKind.DEV_ZONE
    if name.endswith(("镇", "乡", "街道")) or township_column:
        return UnitKind.TOWNSHIP
    if "办公室" in name or name.endswith("办"):
        return UnitKind.OFFICE
    return UnitKind.DEPARTMENT


class _UnitResolver:
    """Finds the unit a cell names, the way an official writes it: 凤城镇 / 凤城 / 凤城镇东关村;
    县交通运输局 / 交通运输局 / 阳城县交通运输局. Unknown names are planned for creation when allowed."""

    def __init__(self, *, create: bool) -> None:
        self.create = create
        self.units = list(Unit.objects.all())
        self.by_key: dict[str, Unit] = {}
        for unit in self.units:
            for key in self._keys(unit.name) + (self._keys(unit.short_name) if unit.short_name else []):
                self.by_key.setdefault(key, unit)
        self.planned: dict[str, tuple[str, str]] = {}  # key → (name, kind)

    @staticmethod
    def _keys(name: str) -> list[str]:
        key = compact(name)
        keys = [key]
        if key.startswith("阳城县"):
            keys.append("县" + key.removeprefix("阳城县"))
        if key.startswith("县"):
            keys.append(key.removeprefix("县"))
        for suffix in ("人民政府", "管委会", "管理委员会"):
            if key.endswith(suffix):
                keys.append(key.removesuffix(suffix))
        if key.endswith(("镇", "乡")) and len(key) > 2:
            keys.append(key[:-1])
        return keys

    def resolve(self, value: str, *, township_column: bool) -> tuple[Unit | str | None, str]:
        """(the unit, or the name of a unit to create, or None when unknown; a warning or "")."""
        warning = ""
        parts = [p for p in re.split(r"[、,，;；/]+", value) if p.strip()]
        if len(parts) > 1:
            warning = _("“%(value)s” names several units; the first, “%(first)s”, is used") % {
                "value": value,
                "first": parts[0].strip(),
            }
        name = parts[0].strip() if parts else value.strip()
        for key in self._keys(name):
            if key in self.by_key:
                return self.by_key[key], warning
        if township_column:
            # 建设地点 often names the village too: 凤城镇东关村 belongs to 凤城镇.
            for unit in self.units:
                if unit.is_township and compact(name).startswith(compact(unit.name)):
                    return unit, warning
            match = _TOWNSHIP_PREFIX.match(compact(name))
            if match and match.group(1) != compact(name):
                name = match.group(1)
                for key in self._keys(name):
                    if key in self.by_key:
                        return self.by_key[key], warning
        if not self.create:
            return None, warning
        key = compact(name)
        if key not in self.planned:
            self.planned[key] = (name, _unit_kind_for(name, township_column=township_column))
        # The first spelling names the new unit; "芹池 新区" later in the file is the same unit.
        return self.planned[key][0], warning


# --- the project list -----------------------------------------------------------------------------

_PROJECT_TEXT = ("owner", "scope", "liaison_leader", "remarks")


def _date_label(value: date | None) -> str:
    return value.isoformat() if value else ""


def _unit_label(value: Unit | str | None) -> str:
    if value is None:
        return ""
    return value.name if isinstance(value, Unit) else value


def _field_label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _json_value(key: str, value: object) -> object:
    """A planned value as the fingerprint and the apply step see it."""
    if isinstance(value, Unit):
        return f"unit:{value.pk}"
    if key in ("township", "responsible_unit") and isinstance(value, str):
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


def project_import_preview(*, source: Source, year: int, create_units: bool = False) -> ImportPlan:
    """What importing the list would do, and every problem. Writes nothing."""
    parsed = read_project_list(source, year=year)
    plan = ImportPlan(kind=ImportKind.PROJECTS, year=year, problems=parsed.problems)
    plan.ignored_columns = parsed.ignored_columns
    plan.rows_read = len(parsed.rows)
    if not parsed.rows:
        return plan
    _plan_projects(plan, parsed.rows, create_units=create_units)
    return plan


def _plan_projects(plan: ImportPlan, rows: list[ProjectRow], *, create_units: bool) -> None:
    year = plan.year
    problems = plan.problems
    projects = {p.pk: p for p in Project.objects.select_related("township", "responsible_unit")}
    listings = {py.project_id: py for py in ProjectYear.objects.filter(year=year)}
    by_code = {compact(p.code).upper(): p for p in projects.values() if p.code}
    listed_by_name: dict[str, list[Project]] = defaultdict(list)
    all_by_name: dict[str, list[Project]] = defaultdict(list)
    for project in projects.values():
        all_by_name[name_key(project.name)].append(project)
        if project.pk in listings:
            listed_by_name[name_key(project.name)].append(project)
    resolver = _UnitResolver(create=create_units)
    claimed: dict[int, ProjectRow] = {}
    next_seq: dict[str, int] = defaultdict(int)
    for listing in listings.values():
        next_seq[listing.tier] = max(next_seq[listing.tier], listing.seq)
    tiers = {t.value: {"count": 0, "total_investment": ZERO, "annual_plan": ZERO} for t in Tier}
    fl = lambda name: _field_label(Project, name)  # noqa: E731
    fly = lambda name: _field_label(ProjectYear, name)  # noqa: E731

    for item in rows:
        if item.bad:
            continue

        here = RowProblems(problems, item.sheet, item.row, item.letters)
        err, warn = here.error, here.warning

        too_long = [
            key
            for key in ("name", "code", "owner", "liaison_leader")
            if len(getattr(item, key) or "") > Project._meta.get_field(key).max_length
        ]
        for key in too_long:
            err(
                key,
                _("“%(field)s” is longer than %(max)s characters")
                % {"field": fl(key), "max": Project._meta.get_field(key).max_length},
            )
        if too_long:
            continue

        # Which stored project is it?
        project: Project | None = None
        if item.code:
            project = by_code.get(compact(item.code).upper())
        if project is None:
            candidates = listed_by_name.get(item.key) or all_by_name.get(item.key) or []
            if len(candidates) > 1:
                err(
                    "name",
                    _("Several stored projects are called “%(name)s”; add the project code to say which one")
                    % {"name": item.name},
                )
                continue
            project = candidates[0] if candidates else None
            if (
                project is not None
                and item.code
                and project.code
                and compact(project.code).upper() != compact(item.code).upper()
            ):
                err(
                    "code",
                    _("“%(name)s” is stored with the code %(stored)s, not %(code)s; correct the code or the name")
                    % {"name": item.name, "stored": project.code, "code": item.code},
                )
                continue
        if project is not None:
            if project.pk in claimed:
                earlier = claimed[project.pk]
                err(
                    "name",
                    _("Rows %(earlier)s and %(row)s are the same stored project “%(name)s”")
                    % {"earlier": earlier.row, "row": item.row, "name": project.name},
                )
                continue
            claimed[project.pk] = item
        listing = listings.get(project.pk) if project is not None else None

        # Units.
        units: dict[str, Unit | str | None] = {}
        unit_error = False
        for key in ("township", "responsible_unit"):
            value = getattr(item, key)
            if value is None:
                units[key] = getattr(project, key) if project is not None else None
                continue
            unit, warning = resolver.resolve(value, township_column=(key == "township"))
            if warning:
                warn(key, warning)
            if unit is None:
                err(
                    key,
                    (_("Unknown township “%(name)s”") if key == "township" else _("Unknown unit “%(name)s”"))
                    % {"name": value}
                    + _(" (add it under 系统管理 → 单位, or import with “create unknown units”)"),
                )
                unit_error = True
                continue
            units[key] = unit
        if unit_error:
            continue

        # The year's listing.
        nature = item.nature or (listing.nature if listing else None)
        if nature is None:
            err(
                "nature",
                _(
                    "The nature (新建, 续建 or 前期) is missing: add a 建设性质 column or sections such as “（一）新建项目”"
                ),
            )
            continue
        tier = item.tier or (listing.tier if listing else None)
        if tier is None:  # pragma: no cover - the reader reports rows without a tier
            continue
        plan_value = item.annual_plan if item.annual_plan is not None else (listing.annual_plan if listing else ZERO)
        if item.seq is not None:
            seq = item.seq
        elif listing is not None:
            seq = listing.seq
        else:
            next_seq[tier] += 1
            seq = next_seq[tier]

        # The project's shared fields.
        new: dict[str, object] = {
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

        changes: list[Change] = []
        if project is not None:
            for key, value in new.items():
                old = getattr(project, key)
                if key in ("township", "responsible_unit"):
                    same = (old.pk if old else None) == (
                        value.pk if isinstance(value, Unit) else (None if value is None else -1)
                    )
                    if not same:
                        changes.append(Change(key, fl(key), _unit_label(old), _unit_label(value)))
                elif key in ("planned_start", "planned_completion"):
                    if old != value:
                        changes.append(Change(key, fl(key), _date_label(old), _date_label(value)))
                elif key == "total_investment":
                    if old != value:
                        changes.append(Change(key, fl(key), money(old), money(value)))
                elif (old or "") != (value or ""):
                    changes.append(Change(key, fl(key), str(old or ""), str(value or "")))
        listing_new = {"tier": tier, "nature": nature, "annual_plan": plan_value, "seq": seq}
        if listing is not None:
            for key, value in listing_new.items():
                old = getattr(listing, key)
                if old != value:
                    if key == "tier":
                        changes.append(Change(key, fly(key), Tier(old).label, Tier(value).label))
                    elif key == "nature":
                        changes.append(Change(key, fly(key), Nature(old).label, Nature(value).label))
                    elif key == "annual_plan":
                        changes.append(Change(key, fly(key), money(old), money(value)))
                    else:
                        changes.append(Change(key, fly(key), str(old), str(value)))

        action: Action = "create" if listing is None else ("update" if changes else "unchanged")
        note = ""
        if listing is None and project is not None:
            note = _("Already in the register (listed in other years): added to %(year)s's list") % {"year": year}
        values = {key: _json_value(key, value) for key, value in {**new, **listing_new}.items()}
        plan.rows.append(
            PlannedRow(
                sheet=item.sheet,
                row=item.row,
                name=item.name,
                action=action,
                tier=tier,
                project_id=project.pk if project else None,
                target_id=listing.pk if listing else None,
                values=values,
                changes=changes,
                note=note,
            )
        )
        figures = tiers[tier]
        figures["count"] += 1
        figures["total_investment"] += new["total_investment"]  # type: ignore[operator]
        figures["annual_plan"] += plan_value

    plan.tiers = tiers
    plan.units_to_create = sorted(resolver.planned.values())
    in_file = {r.project_id for r in plan.rows if r.project_id}
    plan.not_in_file = sorted(projects[pid].name for pid in listings if pid not in in_file and pid in projects)


def _read_or_reject(source: Source, *, kind: str, year: int, month: int | None = None) -> bytes:
    try:
        return read_source(source)
    except ImportFileError as exc:
        plan = ImportPlan(kind=kind, year=year, month=month)
        plan.problems.items.append(exc.problem())
        raise ImportRejected(plan) from None


def _apply_projects(plan: ImportPlan, *, user: User | None) -> None:
    created_units: dict[str, Unit] = {}
    for name, kind in plan.units_to_create:
        unit, _created = Unit.objects.get_or_create(name=name, defaults={"kind": kind})
        created_units[name] = unit
    ids = [r.project_id for r in plan.rows if r.project_id and r.action != "unchanged"]
    projects = Project.objects.in_bulk(ids)
    listings = ProjectYear.objects.in_bulk([r.target_id for r in plan.rows if r.target_id and r.action != "unchanged"])
    unit_ids = {
        int(v.removeprefix("unit:"))
        for r in plan.rows
        for v in (r.values.get("township"), r.values.get("responsible_unit"))
        if isinstance(v, str) and v.startswith("unit:")
    }
    known_units = Unit.objects.in_bulk(list(unit_ids))
    project_fields = (
        "name",
        "code",
        "owner",
        "scope",
        "liaison_leader",
        "remarks",
        "total_investment",
        "planned_start",
        "planned_completion",
        "township",
        "responsible_unit",
    )
    for item in plan.rows:
        if item.action == "unchanged":
            continue
        values = item.values
        project = projects.get(item.project_id) if item.project_id else Project()
        changed: list[str] = []
        for key in project_fields:
            value = values[key]
            if key in ("township", "responsible_unit"):
                unit = None
                if isinstance(value, str) and value.startswith("unit:"):
                    unit = known_units[int(value.removeprefix("unit:"))]
                elif isinstance(value, str) and value.startswith("new:"):
                    unit = created_units[value.removeprefix("new:")]
                if getattr(project, f"{key}_id") != (unit.pk if unit else None):
                    setattr(project, key, unit)
                    changed.append(key)
                continue
            if key == "total_investment":
                value = Decimal(str(value))
            elif key in ("planned_start", "planned_completion"):
                value = date.fromisoformat(value) if value else None
            if getattr(project, key) != value:
                setattr(project, key, value)
                changed.append(key)
        if project.pk is None or changed:
            project._history_user = user  # type: ignore[attr-defined]
            project.save()
        listing = listings.get(item.target_id) if item.target_id else ProjectYear(project=project, year=plan.year)
        listing.project = project
        for key in ("tier", "nature", "seq"):
            setattr(listing, key, values[key])
        listing.annual_plan = Decimal(str(values["annual_plan"]))
        listing._history_user = user  # type: ignore[attr-defined]
        listing.save()


def project_import_apply(
    *,
    source: Source,
    year: int,
    create_units: bool = False,
    user: User | None = None,
    expected_fingerprint: str | None = None,
    dry_run: bool = False,
) -> ImportPlan:
    """Plan and apply in one transaction. Raises ImportRejected (any error: nothing written) or
    ImportOutdated (the plan differs from `expected_fingerprint`: nothing written)."""
    data = _read_or_reject(source, kind=ImportKind.PROJECTS, year=year)
    with transaction.atomic():
        plan = project_import_preview(source=data, year=year, create_units=create_units)
        return _apply_checked(
            plan, _apply_projects, user=user, expected_fingerprint=expected_fingerprint, dry_run=dry_run
        )


def _apply_checked(
    plan: ImportPlan,
    apply: Callable[..., None],
    *,
    user: User | None,
    expected_fingerprint: str | None,
    dry_run: bool,
) -> ImportPlan:
    """Write the plan only when it has no error and is the one the user saw (inside the caller's transaction)."""
    if plan.errors:
        raise ImportRejected(plan)
    if expected_fingerprint is not None and plan.fingerprint != expected_fingerprint:
        raise ImportOutdated(plan)
    if not dry_run:
        apply(plan, user=user)
    return plan


# --- monthly progress -----------------------------------------------------------------------------


def progress_import_preview(*, source: Source, year: int, month: int) -> ImportPlan:
    """What importing a month's progress would do, and every problem. Writes nothing."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    today = timezone.localdate()
    if (year, month) > (today.year, today.month):
        # The project page's form refuses such a month; an upload must not slip it in.
        plan = ImportPlan(kind=ImportKind.PROGRESS, year=year, month=month)
        plan.problems.error(
            _("%(year)s month %(month)s has not begun: its progress cannot be reported yet.")
            % {"year": year, "month": month}
        )
        return plan
    parsed = read_progress_list(source, year=year, month=month)
    plan = ImportPlan(kind=ImportKind.PROGRESS, year=year, month=month, problems=parsed.problems)
    plan.ignored_columns = parsed.ignored_columns
    plan.rows_read = len(parsed.rows)
    if parsed.rows:
        _plan_progress(plan, parsed.rows)
    return plan


def _plan_progress(plan: ImportPlan, rows: list[ProgressRow]) -> None:
    year, month = plan.year, plan.month or 1
    problems = plan.problems
    listings = {py.project_id: py for py in ProjectYear.objects.filter(year=year).select_related("project")}
    projects = {pk: py.project for pk, py in listings.items()}
    by_code = {compact(p.code).upper(): p for p in Project.objects.exclude(code="")}
    by_name: dict[str, list[Project]] = defaultdict(list)
    for project in projects.values():
        by_name[name_key(project.name)].append(project)
    earlier = {
        row["project_id"]: row["total"]
        for row in MonthlyProgress.objects.filter(year=year, month__lt=month)
        .values("project_id")
        .annotate(total=Sum("completed"))
        .order_by()
    }
    months_reported: dict[int, set[int]] = defaultdict(set)
    for project_id, m in MonthlyProgress.objects.filter(year=year, month__lt=month).values_list("project_id", "month"):
        months_reported[project_id].add(m)
    existing = {mp.project_id: mp for mp in MonthlyProgress.objects.filter(year=year, month=month)}
    claimed: dict[int, ProgressRow] = {}
    tiers = {t.value: {"count": 0, "total_investment": ZERO, "annual_plan": ZERO, "completed": ZERO} for t in Tier}
    fl = lambda name: _field_label(MonthlyProgress, name)  # noqa: E731

    for item in rows:
        if item.bad:
            continue

        here = RowProblems(problems, item.sheet, item.row, item.letters)
        err, warn = here.error, here.warning

        project = by_code.get(compact(item.code).upper()) if item.code else None
        if item.code and project is None and not item.name:
            err("code", _("No project has the code %(code)s") % {"code": item.code})
            continue
        if project is None and item.name:
            candidates = by_name.get(item.key, [])
            if len(candidates) > 1:
                err(
                    "name",
                    _("Several projects of %(year)s are called “%(name)s”; add the project code")
                    % {"year": year, "name": item.name},
                )
                continue
            project = candidates[0] if candidates else None
        if project is None:
            err(
                "name" if item.name else "code",
                _("“%(name)s” is not on %(year)s's key-project list") % {"name": item.name or item.code, "year": year},
            )
            continue
        if project.pk not in listings:
            err("name", _("“%(name)s” is not on %(year)s's key-project list") % {"name": project.name, "year": year})
            continue
        if project.pk in claimed:
            err(
                "name",
                _("Rows %(earlier)s and %(row)s are the same stored project “%(name)s”")
                % {"earlier": claimed[project.pk].row, "row": item.row, "name": project.name},
            )
            continue
        claimed[project.pk] = item
        before = earlier.get(project.pk) or ZERO
        completed = item.completed
        if item.cumulative is not None:
            derived = item.cumulative - before
            if completed is not None and completed != derived:
                err(
                    "cumulative",
                    _(
                        "This month's %(completed)s does not agree with Jan–%(month)s %(cumulative)s minus the earlier months' %(before)s (10k yuan)"
                    )
                    % {
                        "completed": money(completed),
                        "month": month,
                        "cumulative": money(item.cumulative),
                        "before": money(before),
                    },
                )
                continue
            if derived < 0:
                err(
                    "cumulative",
                    _(
                        "Jan–%(month)s %(cumulative)s is less than the %(before)s (10k yuan) already reported for the earlier months"
                    )
                    % {"month": month, "cumulative": money(item.cumulative), "before": money(before)},
                )
                continue
            missing = sorted(set(range(1, month)) - months_reported[project.pk])
            if missing:
                warn(
                    "cumulative",
                    _("Months %(months)s were never reported: the whole difference is counted in month %(month)s")
                    % {"months": "、".join(str(m) for m in missing), "month": month},
                )
            completed = derived
        current = existing.get(project.pk)
        if completed is None:
            if current is None:
                if item.physical_progress is None and item.problems is None:
                    plan.skipped += 1  # a prefilled form's row left empty: not reported this month
                else:
                    warn(
                        "completed" if "completed" in item.letters else "cumulative",
                        _("No completed investment given: the row is skipped"),
                    )
                continue
            completed = current.completed
        new = {
            "completed": completed,
            "physical_progress": item.physical_progress
            if item.physical_progress is not None
            else (current.physical_progress if current else ""),
            "problems": item.problems if item.problems is not None else (current.problems if current else ""),
        }
        changes: list[Change] = []
        if current is not None:
            for key, value in new.items():
                old = getattr(current, key)
                if old != value:
                    shown_old, shown_new = (money(old), money(value)) if key == "completed" else (old, value)
                    changes.append(Change(key, fl(key), str(shown_old), str(shown_new)))
        listing = listings[project.pk]
        action: Action = "create" if current is None else ("update" if changes else "unchanged")
        plan.rows.append(
            PlannedRow(
                sheet=item.sheet,
                row=item.row,
                name=project.name,
                action=action,
                tier=listing.tier,
                project_id=project.pk,
                target_id=current.pk if current else None,
                values={k: str(v) if isinstance(v, Decimal) else v for k, v in new.items()},
                changes=changes,
            )
        )
        figures = tiers[listing.tier]
        figures["count"] += 1
        figures["total_investment"] += project.total_investment
        figures["annual_plan"] += listing.annual_plan
        figures["completed"] += completed
    plan.tiers = tiers
    in_file = {r.project_id for r in plan.rows}
    plan.not_in_file = sorted(p.name for pk, p in projects.items() if pk not in in_file)


def _apply_progress(plan: ImportPlan, *, user: User | None) -> None:
    current = MonthlyProgress.objects.in_bulk([r.target_id for r in plan.rows if r.target_id and r.action == "update"])
    for item in plan.rows:
        if item.action == "unchanged":
            continue
        row = (
            current[item.target_id]
            if item.target_id
            else MonthlyProgress(project_id=item.project_id, year=plan.year, month=plan.month)
        )
        row.completed = Decimal(str(item.values["completed"]))
        row.physical_progress = item.values["physical_progress"]
        row.problems = item.values["problems"]
        row.reported_by = user
        row._history_user = user  # type: ignore[attr-defined]
        row.save()


def progress_import_apply(
    *,
    source: Source,
    year: int,
    month: int,
    user: User | None = None,
    expected_fingerprint: str | None = None,
    dry_run: bool = False,
) -> ImportPlan:
    """Plan and apply a month's progress in one transaction; raises like project_import_apply."""
    data = _read_or_reject(source, kind=ImportKind.PROGRESS, year=year, month=month)
    with transaction.atomic():
        plan = progress_import_preview(source=data, year=year, month=month)
        return _apply_checked(
            plan, _apply_progress, user=user, expected_fingerprint=expected_fingerprint, dry_run=dry_run
        )


# --- the web flow: upload → preview (ImportBatch) → confirm or discard -----------------------------


def import_batch_create(
    *,
    upload: IO[bytes],
    original_name: str,
    kind: str,
    year: int,
    month: int | None = None,
    create_units: bool = False,
    uploaded_by: User,
) -> ImportBatch:
    """Keep the uploaded file and its preview. Raises ImportFileError for a file that cannot be read
    at all (too large, not an .xlsx, encrypted, damaged); row-level problems go in the preview."""
    data = read_source(upload)
    check_workbook_bytes(data)
    if kind == ImportKind.PROJECTS:
        plan = project_import_preview(source=data, year=year, create_units=create_units)
    else:
        plan = progress_import_preview(source=data, year=year, month=month or 1)
    batch = ImportBatch(
        kind=kind,
        year=year,
        month=month if kind == ImportKind.PROGRESS else None,
        original_name=Path(original_name).name[:255],
        uploaded_by=uploaded_by,
        options={"create_units": create_units},
        summary=plan.summary(),
    )
    batch.file.save(f"{uuid.uuid4().hex}.xlsx", ContentFile(data), save=False)
    batch.save()
    return batch


def _batch_plan(batch: ImportBatch, *, apply: bool, user: User | None) -> ImportPlan:
    with batch.file.open("rb") as handle:
        data = handle.read()
    expected = batch.summary.get("fingerprint")
    if batch.kind == ImportKind.PROJECTS:
        return project_import_apply(
            source=data,
            year=batch.year,
            create_units=bool(batch.options.get("create_units")),
            user=user,
            expected_fingerprint=expected,
            dry_run=not apply,
        )
    return progress_import_apply(
        source=data,
        year=batch.year,
        month=batch.month or 1,
        user=user,
        expected_fingerprint=expected,
        dry_run=not apply,
    )


class BatchNotPending(Exception):
    """The batch was already applied or discarded."""


def import_batch_confirm(*, batch: ImportBatch, user: User) -> ImportPlan:
    """Apply exactly what the preview showed, in one transaction, once.

    The batch row is locked so that two clicks (or two people) cannot apply it twice. If the file
    now has errors or the register changed since the preview, nothing is written: the preview is
    refreshed (ImportRejected / ImportOutdated) for the user to look at again.
    """
    refused: ImportRejected | ImportOutdated | None = None
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportStatus.PREVIEWED:
            raise BatchNotPending
        try:
            plan = _batch_plan(locked, apply=True, user=user)  # its own savepoint: a refusal undoes only it
        except (ImportRejected, ImportOutdated) as exc:
            refused = exc
            locked.summary = exc.plan.summary()  # the refreshed preview survives the refusal
            locked.save(update_fields=["summary"])
        else:
            locked.status = ImportStatus.APPLIED
            locked.applied_at = timezone.now()
            locked.summary = {**plan.summary(), "applied_by": user.pk}
            locked.save(update_fields=["status", "applied_at", "summary"])
    batch.refresh_from_db()
    if refused is not None:
        raise refused
    return plan


def import_batch_discard(*, batch: ImportBatch, user: User) -> None:
    """Drop a preview: nothing reaches the register, and the stored file is deleted."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportStatus.PREVIEWED:
            raise BatchNotPending
        locked.status = ImportStatus.DISCARDED
        locked.summary = {**locked.summary, "discarded_by": user.pk}
        locked.save(update_fields=["status", "summary"])
        name = locked.file.name
        storage = locked.file.storage
        transaction.on_commit(lambda: storage.delete(name) if name and storage.exists(name) else None)
    batch.refresh_from_db()
