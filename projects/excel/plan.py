"""The plan of an import: what it would create, update and leave unchanged, and every problem.

An import has two steps, both from the same file: a *plan* that writes nothing (plan_projects.py for
the key-project list, plan_progress.py for a month's progress), then *apply* (apply.py), which re-reads
the file, re-plans inside one transaction and writes only if the plan has no error and is the one the
user saw (its fingerprint). The web flow keeps the file in an ImportBatch between the two
(batches.py); the management commands do both in one go.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal, Protocol, TypeVar

from django.db.models import Field, Model

from .reader.problems import Problem, Problems, RowProblems

Action = Literal["create", "update", "unchanged"]
ZERO = Decimal("0.00")  # two places, so a tier's empty sums read "0.00" in --json like the others
Source = bytes | str | Path | IO[bytes]
# A tier's figures: "count" (int) and sums in 万元 ("total_investment", "annual_plan", "completed").
TierFigures = dict[str, Decimal | int]


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
    values: dict[str, Any] = field(default_factory=dict)  # what will be written, JSON-able
    changes: list[Change] = field(default_factory=list)
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
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
    tiers: dict[str, TierFigures] = field(default_factory=dict)
    not_in_file: list[str] = field(default_factory=list)  # the year's listed projects the file leaves out
    ignored_columns: list[str] = field(default_factory=list)
    rows_read: int = 0
    skipped: int = 0  # rows with nothing filled in (progress forms prefilled with every project)

    @property
    def errors(self) -> list[Problem]:
        return self.problems.errors

    @property
    def warnings(self) -> list[Problem]:
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

    def summary(self) -> dict[str, Any]:
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


class SkipRow(Exception):  # noqa: N818  # not an error: the row is left out of the plan, its problem already noted
    """Raised by a planning step once it has noted why the row cannot be planned (or that it is empty)."""


class _ReadRow(Protocol):
    sheet: str
    row: int
    letters: dict[str, str]
    bad: bool


RowT = TypeVar("RowT", bound=_ReadRow)


def plan_each(plan: ImportPlan, rows: Sequence[RowT], plan_row: Callable[[RowT, RowProblems], None]) -> None:
    """Plan the rows the reader could read, in the file's order; a row a step skips leaves the rest planned."""
    for item in rows:
        if item.bad:
            continue
        try:
            plan_row(item, RowProblems(plan.problems, item.sheet, item.row, item.letters))
        except SkipRow:
            continue


def field_label(model: type[Model], name: str) -> str:
    """A model field's label in the reader's language, for the preview's list of changes."""
    field_obj = model._meta.get_field(name)
    if not isinstance(field_obj, Field):  # the planners name the models' own columns only
        raise TypeError(f"{model.__name__}.{name} is not a concrete field")
    return str(field_obj.verbose_name)


def max_length(model: type[Model], name: str) -> int:
    field_obj = model._meta.get_field(name)
    if not isinstance(field_obj, Field) or field_obj.max_length is None:
        raise TypeError(f"{model.__name__}.{name} is not a text column with a maximum length")
    return field_obj.max_length
