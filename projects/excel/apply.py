"""Applying an import: re-read the file, re-plan inside one transaction, and write only a plan that has
no error and is the one the user saw (its fingerprint). All or nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db import transaction

from accounts.models import Unit, User

from ..models import ImportKind, MonthlyProgress, Project, ProjectYear
from .plan import ImportPlan, PlannedRow, Source
from .plan_progress import progress_import_preview
from .plan_projects import project_import_preview
from .reader.problems import ImportFileError
from .reader.workbook import read_source

_PROJECT_FIELDS = (
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


class ImportRejectedError(Exception):
    """The file has errors: nothing was written. `plan` holds them."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(f"{len(plan.errors)} error(s)")
        self.plan = plan


class ImportOutdatedError(Exception):
    """The register changed since the preview, so confirming would not apply what was shown."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("the register changed since the preview")
        self.plan = plan


def project_import_apply(
    *,
    source: Source,
    year: int,
    create_units: bool = False,
    user: User | None = None,
    expected_fingerprint: str | None = None,
    dry_run: bool = False,
) -> ImportPlan:
    """Plan and apply in one transaction. Raises ImportRejectedError (any error: nothing written) or
    ImportOutdatedError (the plan differs from `expected_fingerprint`: nothing written)."""
    data = _read_or_reject(source, kind=ImportKind.PROJECTS, year=year)
    with transaction.atomic():
        plan = project_import_preview(source=data, year=year, create_units=create_units)
        return _apply_checked(
            plan, _apply_projects, user=user, expected_fingerprint=expected_fingerprint, dry_run=dry_run
        )


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


def _read_or_reject(source: Source, *, kind: str, year: int, month: int | None = None) -> bytes:
    try:
        return read_source(source)
    except ImportFileError as exc:
        plan = ImportPlan(kind=kind, year=year, month=month)
        plan.problems.items.append(exc.problem())
        raise ImportRejectedError(plan) from None


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
        raise ImportRejectedError(plan)
    if expected_fingerprint is not None and plan.fingerprint != expected_fingerprint:
        raise ImportOutdatedError(plan)
    if not dry_run:
        apply(plan, user=user)
    return plan


# --- the key-project list -------------------------------------------------------------------------


class _PlannedUnits:
    """The units a plan's rows name: stored ones ("unit:<pk>") and those it creates ("new:<name>")."""

    def __init__(self, plan: ImportPlan) -> None:
        self.created: dict[str, Unit] = {}
        for name, kind in plan.units_to_create:
            unit, _created = Unit.objects.get_or_create(name=name, defaults={"kind": kind})
            self.created[name] = unit
        unit_ids = {
            int(v.removeprefix("unit:"))
            for r in plan.rows
            for v in (r.values.get("township"), r.values.get("responsible_unit"))
            if isinstance(v, str) and v.startswith("unit:")
        }
        self.known = Unit.objects.in_bulk(list(unit_ids))

    def get(self, value: object) -> Unit | None:
        if isinstance(value, str) and value.startswith("unit:"):
            return self.known[int(value.removeprefix("unit:"))]
        if isinstance(value, str) and value.startswith("new:"):
            return self.created[value.removeprefix("new:")]
        return None


def _apply_projects(plan: ImportPlan, *, user: User | None) -> None:
    units = _PlannedUnits(plan)
    ids = [r.project_id for r in plan.rows if r.project_id and r.action != "unchanged"]
    projects = Project.objects.in_bulk(ids)
    listings = ProjectYear.objects.in_bulk([r.target_id for r in plan.rows if r.target_id and r.action != "unchanged"])
    for item in plan.rows:
        if item.action == "unchanged":
            continue
        project = projects[item.project_id] if item.project_id else Project()
        changed = _set_project_fields(project, item, units)
        if project._state.adding or changed:
            project._history_user = user  # type: ignore[attr-defined]  # django-simple-history reads it on save
            project.save()
        listing = listings[item.target_id] if item.target_id else ProjectYear(project=project, year=plan.year)
        listing.project = project
        listing.tier = item.values["tier"]
        listing.nature = item.values["nature"]
        listing.seq = item.values["seq"]
        listing.annual_plan = Decimal(str(item.values["annual_plan"]))
        listing._history_user = user  # type: ignore[attr-defined]  # django-simple-history reads it on save
        listing.save()


def _set_project_fields(project: Project, item: PlannedRow, units: _PlannedUnits) -> list[str]:
    """Set the planned values that differ from the project's; returns the fields changed."""
    changed: list[str] = []
    for key in _PROJECT_FIELDS:
        value = item.values[key]
        if key in ("township", "responsible_unit"):
            unit = units.get(value)
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
    return changed


# --- monthly progress -----------------------------------------------------------------------------


def _apply_progress(plan: ImportPlan, *, user: User | None) -> None:
    current = MonthlyProgress.objects.in_bulk([r.target_id for r in plan.rows if r.target_id and r.action == "update"])
    for item in plan.rows:
        if item.action == "unchanged":
            continue
        if item.target_id:
            row = current[item.target_id]
        elif item.project_id is not None and plan.month is not None:  # every progress row names its project
            row = MonthlyProgress(project_id=item.project_id, year=plan.year, month=plan.month)
        else:
            raise ValueError("a progress plan's row without a project or a month")
        row.completed = Decimal(str(item.values["completed"]))
        row.physical_progress = item.values["physical_progress"]
        row.problems = item.values["problems"]
        row.reported_by = user
        row._history_user = user  # type: ignore[attr-defined]  # django-simple-history reads it on save
        row.save()
