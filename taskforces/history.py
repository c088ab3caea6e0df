"""Readable change history of ledger entries (django-simple-history): who, when, what changed.

    lines = entry_history(entry)                       # one entry, newest first
    lines = history_lines(SomeModel.history.filter(...)) # any historical queryset, e.g. a ledger's recent changes
    {% include "taskforces/includes/history_panel.html" with history=lines %}

Queries are fixed: one for the history rows (users joined) and one per foreign-key target model
mentioned in the changes, whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from files.models import Attachment

from .common.models import LedgerEntry

# Bookkeeping fields that change on every save and say nothing to a reviewer.
IGNORED_FIELDS = {"id", "created_at", "updated_at", "created_by"}
# django-simple-history's history_type: created, changed, deleted.
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
ACTION_LABELS = {"+": gettext_lazy("Created"), "~": gettext_lazy("Changed"), "-": gettext_lazy("Deleted")}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryLine:
    when: datetime
    who: str
    action: str  # "created", "changed", "deleted"
    action_label: str
    entry_id: int
    entry_label: str = ""
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


def _tracked_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f for f in model._meta.concrete_fields if f.name not in IGNORED_FIELDS and not isinstance(f, models.FileField)
    ]


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral() else str(value)
    return str(value)


def history_lines(
    records: QuerySet | list[Any],
    *,
    limit: int = 50,
    model: type[models.Model] | None = None,
    label: Callable[[Any], str] | None = None,
    hide_created: bool = False,
) -> list[HistoryLine]:
    """Readable lines for historical records, newest first.

    `records` are historical rows of ONE model (e.g. `entry.history.all()` or `Lead.history.filter(...)`).
    Each line is diffed against the previous version of the same entry found among the rows; rows
    are fetched `limit + 1`-deep per call, so the oldest shown "changed" line may lack its diff only
    when more than `limit` versions exist. `label(row)` names the entry of each row (for a ledger-wide
    change log); it must not query (use fields of the historical row itself). `hide_created` leaves
    out the "created" lines (their rows still serve as the base of the first change).
    """
    if isinstance(records, QuerySet):
        model = model or records.model.instance_type
        rows = list(records.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    else:
        rows = list(records)
        if model is None and rows:
            model = type(rows[0]).instance_type
    if not rows or model is None:
        return []
    shown = rows[:limit]
    diffs = _diffs(shown, previous=_previous_versions(rows), fields=_tracked_fields(model))
    names = _related_names(diffs)
    return [
        _line(row, diffs.get(row.history_id, []), names=names, label=label)
        for row in shown
        if not (hide_created and row.history_type == "+")
    ]


# A change of one field: (the field, its old value, its new value), values as stored (ids for relations).
FieldChange = tuple[models.Field, Any, Any]


def _previous_versions(rows: list[Any]) -> dict[int, Any]:
    """For each history row, the previous version of the same entry: the next older row of the same object."""
    previous: dict[int, Any] = {}
    last_seen: dict[Any, Any] = {}
    for row in reversed(rows):
        older = last_seen.get(row.id)
        if older is not None:
            previous[row.history_id] = older
        last_seen[row.id] = row
    return previous


def _diffs(rows: list[Any], *, previous: dict[int, Any], fields: list[models.Field]) -> dict[int, list[FieldChange]]:
    """The fields each "changed" row changed, by history id."""
    diffs: dict[int, list[FieldChange]] = {}
    for row in rows:
        old = previous.get(row.history_id)
        if row.history_type != "~" or old is None:
            continue
        diffs[row.history_id] = [
            (f, a, b) for f in fields if (a := getattr(old, f.attname, None)) != (b := getattr(row, f.attname, None))
        ]
    return diffs


def _related_names(diffs: dict[int, list[FieldChange]]) -> dict[type[models.Model], dict[Any, str]]:
    """The names of the objects that changed foreign keys point to: one query per target model."""
    wanted: dict[type[models.Model], set[Any]] = {}
    for changes in diffs.values():
        for f, a, b in changes:
            if f.is_relation and isinstance(f.related_model, type):
                wanted.setdefault(f.related_model, set()).update(v for v in (a, b) if v is not None)
    return {
        target: {pk: str(obj) for pk, obj in target._default_manager.in_bulk(list(pks)).items()}
        for target, pks in wanted.items()
    }


def _shown(f: models.Field, value: Any, names: dict[type[models.Model], dict[Any, str]]) -> str:
    if value is None or value == "":
        return "—"
    if f.is_relation and isinstance(f.related_model, type):
        return names.get(f.related_model, {}).get(value, f"#{value}")
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    return _plain(value)


def _line(
    row: Any,
    changes: list[FieldChange],
    *,
    names: dict[type[models.Model], dict[Any, str]],
    label: Callable[[Any], str] | None,
) -> HistoryLine:
    user = row.history_user
    return HistoryLine(
        when=row.history_date,
        who=(user.full_name or user.username) if user else _("system"),
        action=ACTIONS.get(row.history_type, "changed"),
        action_label=str(ACTION_LABELS.get(row.history_type, row.history_type)),
        entry_id=row.id,
        entry_label=label(row) if label else "",
        changes=[
            Change(label=str(f.verbose_name), old=_shown(f, a, names), new=_shown(f, b, names)) for f, a, b in changes
        ],
        reason=row.history_change_reason or "",
    )


def entry_history(entry: LedgerEntry, *, limit: int = 50, with_attachments: bool = False) -> list[HistoryLine]:
    """The history of one ledger entry, newest first; with its photos and documents added and removed."""
    lines = history_lines(entry.history.all(), limit=limit, model=type(entry))
    if with_attachments:
        files = Attachment.history.filter(
            content_type_id=ContentType.objects.get_for_model(type(entry)).pk, object_id=entry.pk
        )
        lines += history_lines(files, limit=limit, model=Attachment, label=lambda row: row.original_name)
        lines.sort(key=lambda line: line.when, reverse=True)
    return lines[:limit]
