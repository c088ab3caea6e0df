"""Export a (filtered) ledger to .xlsx with Chinese headers: officials forward ledgers as Excel.

    columns = model_columns(Lead, ["name", "investor", "source_region", "industry", "intended_investment"])
    columns.append(Column(_("Overdue"), lambda obj: obj.is_overdue))
    content = ledger_workbook(title=_("Investment leads"), columns=columns, rows=queryset)
    return xlsx_response(content, "招商线索")                          # core.xlsx

What is ledger-specific lives here: columns read from the models (headers are the lazy, translated
verbose names, so they come out in Chinese under the active language; choice fields show their
label, foreign keys their `str()`). Writing the sheet is `core.xlsx`'s, as for every export of the
system: booleans 是/否, dates as Excel dates, money as numbers, and text that looks like a formula
kept as text. Join what the columns read (`select_related`) to keep queries fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from core.xlsx import Book, Kind, XlsxColumn


@dataclass
class Column:
    header: Any  # str or lazy str
    value: Callable[[Any], Any]
    width: int = 14
    kind: Kind = "text"  # how core.xlsx formats the column's cells ("date", "money", "number", ...)


def field_value(obj: models.Model, name: str) -> Any:
    """A field's value as a reader sees it: choice label, related object's name, plain value.

    `name` may follow relations with "__" ("project__township"), or name an annotation or property.
    """
    *path, last = name.split("__")
    target: Any = obj
    for part in path:
        target = getattr(target, part, None)
        if target is None:
            return None
    try:
        field = target._meta.get_field(last)
    except FieldDoesNotExist:  # an annotation or a property
        field = None
    if getattr(field, "choices", None):
        return getattr(target, f"get_{last}_display")()
    value = getattr(target, last)
    return None if value is None else (value if not isinstance(value, models.Model) else str(value))


def model_field(model: type[models.Model], name: str) -> models.Field:
    """The model field `name` names, following relations with "__"."""
    *path, last = name.split("__")
    for part in path:
        related = model._meta.get_field(part).related_model
        if not isinstance(related, type):  # "self" relations are resolved by Django before this runs
            raise FieldDoesNotExist(f"{model.__name__}.{part} is not a relation")
        model = related
    field = model._meta.get_field(last)
    if not isinstance(field, models.Field):
        raise FieldDoesNotExist(f"{model.__name__}.{last} is not a field")
    return field


def _kind_and_width(field: models.Field) -> tuple[Kind, int]:
    if isinstance(field, models.TextField):
        return "wrap", 30
    if isinstance(field, models.DateTimeField):  # before DateField: a DateTimeField is one
        return "datetime", 16
    if isinstance(field, models.DateField):
        return "date", 12
    if isinstance(field, models.DecimalField):
        return "money", 12
    return "text", 18


def _reader(name: str) -> Callable[[Any], Any]:
    return lambda obj: field_value(obj, name)


def model_columns(model: type[models.Model], names: Iterable[str]) -> list[Column]:
    """Columns for fields of `model`, headed by their verbose names."""
    columns = []
    for name in names:
        field = model_field(model, name)
        kind, width = _kind_and_width(field)
        columns.append(Column(field.verbose_name, _reader(name), width, kind))
    return columns


def ledger_workbook(*, title: str, columns: list[Column], rows: Iterable[Any]) -> bytes:
    """One sheet named `title`: a header row of the columns' headers, then one row per object of `rows`."""
    book = Book()
    sheet = book.sheet(str(title), [XlsxColumn(str(c.header), c.width, c.kind) for c in columns])
    sheet.header()
    sheet.rows([column.value(obj) for column in columns] for obj in rows)
    return book.to_bytes()
