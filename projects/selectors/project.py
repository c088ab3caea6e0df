"""One project: its months of a year, and who changed what about it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Field, Model
from django.utils.translation import gettext

from accounts.models import Unit, User
from core.money import rate
from core.periods import time_progress

from ..models import MonthlyProgress, Project, ProjectYear
from .figures import ZERO


@dataclass
class ProjectMonth:
    month: int
    record: MonthlyProgress | None
    cumulative: Decimal
    completion_rate: Decimal | None
    time_progress: Decimal


def project_months(*, project: Project, year: int, annual_plan: Decimal | None) -> list[ProjectMonth]:
    """Months 1..12 of `year` for one project: the reported row (or None), cumulative and rate. One query."""
    records = {
        r.month: r for r in MonthlyProgress.objects.filter(project=project, year=year).select_related("reported_by")
    }
    months: list[ProjectMonth] = []
    cumulative = ZERO
    for m in range(1, 13):
        record = records.get(m)
        if record is not None:
            cumulative += record.completed
        months.append(
            ProjectMonth(
                month=m,
                record=record,
                cumulative=cumulative,
                completion_rate=rate(cumulative, annual_plan) if annual_plan is not None else None,
                time_progress=time_progress(m),
            )
        )
    return months


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: User | None
    subject: str
    action: str  # "+" created, "~" changed, "-" deleted
    changes: list[Change]


_PROJECT_HISTORY_FIELDS = [
    "name",
    "code",
    "owner",
    "scope",
    "total_investment",
    "township",
    "responsible_unit",
    "liaison_leader",
    "industry",
    "planned_start",
    "planned_completion",
    "actual_start",
    "actual_completion",
    "status",
    "remarks",
]
_LISTING_HISTORY_FIELDS = ["tier", "nature", "annual_plan", "seq"]
_PROGRESS_HISTORY_FIELDS = ["completed", "physical_progress", "problems"]


def _concrete_field(model: type[Model], name: str) -> Field:
    field_obj = model._meta.get_field(name)
    if not isinstance(field_obj, Field):  # the history lists name the model's own columns only
        raise TypeError(f"{model.__name__}.{name} is not a concrete field")
    return field_obj


def _display(model: type[Model], field_name: str, value: object, units: dict[int, Unit]) -> str:
    field_obj = _concrete_field(model, field_name)
    if value is None or value == "":
        return "—"
    if field_obj.is_relation:
        unit = units.get(value) if isinstance(value, int) else None
        return unit.name if unit else str(value)
    if field_obj.choices:
        return str(dict(field_obj.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return f"{value:,.2f}"  # amounts in 万元, as the tables show them
    return str(value)


def _history_entries(
    records: list[Any],
    model: type[Model],
    fields: list[str],
    subject: Callable[[Any], str],
    units: dict[int, Unit],
    *,
    show_initial: bool = True,
) -> list[HistoryEntry]:
    """Turn simple-history records (oldest first) into entries with field-by-field changes.

    A record with no earlier one (a creation, or a change to a row bulk-loaded without history) lists
    the values it holds, unless `show_initial` is off for a creation.
    """
    entries: list[HistoryEntry] = []
    previous: dict[int, object] = {}
    for record in records:
        prior = previous.get(record.id)
        previous[record.id] = record
        changes: list[Change] = []
        if record.history_type != "-" and (prior is not None or show_initial or record.history_type == "~"):
            for name in fields:
                field_obj = _concrete_field(model, name)
                new = getattr(record, field_obj.attname)
                if prior is None:
                    if new not in (None, ""):
                        changes.append(Change(str(field_obj.verbose_name), "", _display(model, name, new, units)))
                    continue
                old = getattr(prior, field_obj.attname)
                if old != new:
                    changes.append(
                        Change(
                            str(field_obj.verbose_name),
                            _display(model, name, old, units),
                            _display(model, name, new, units),
                        )
                    )
        if record.history_type == "~" and prior is not None and not changes:
            continue  # a save that changed nothing a reader cares about
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user,
                subject=subject(record),
                action=record.history_type,
                changes=changes,
            )
        )
    return entries


def project_history(*, project: Project, limit: int = 50) -> list[HistoryEntry]:
    """Who changed what about the project, its yearly listings and its monthly progress, newest first.

    Four queries whatever the project's history holds (units are looked up once).
    """
    project_records = list(
        Project.history.filter(id=project.pk).select_related("history_user").order_by("history_date", "history_id")
    )
    listing_records = list(
        ProjectYear.history.filter(project_id=project.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    progress_records = list(
        MonthlyProgress.history.filter(project_id=project.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    unit_ids = {r.township_id for r in project_records} | {r.responsible_unit_id for r in project_records}
    unit_ids.discard(None)
    units = Unit.objects.in_bulk(list(unit_ids)) if unit_ids else {}
    entries = (
        _history_entries(
            project_records,
            Project,
            _PROJECT_HISTORY_FIELDS,
            lambda r: gettext("Project record"),
            units,
            show_initial=False,
        )
        + _history_entries(
            listing_records,
            ProjectYear,
            _LISTING_HISTORY_FIELDS,
            lambda r: gettext("%(year)s key list") % {"year": r.year},
            units,
        )
        + _history_entries(
            progress_records,
            MonthlyProgress,
            _PROGRESS_HISTORY_FIELDS,
            lambda r: gettext("Progress %(year)s, month %(month)s") % {"year": r.year, "month": r.month},
            units,
        )
    )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
