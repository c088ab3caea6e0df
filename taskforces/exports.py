"""Export a (filtered) ledger to .xlsx with Chinese headers: officials forward ledgers as Excel.

    columns = model_columns(Lead, ["name", "investor", "source_region", "industry", "intended_investment"])
    columns.append(Column(_("Overdue"), lambda obj: obj.is_overdue))
    return xlsx_response(title=_("Investment leads"), columns=columns, rows=queryset, filename="招商线索")

Headers are the (lazy, translated) verbose names, so they come out in Chinese under the active
language. Choice fields show their label, foreign keys their `str()`, booleans 是/否, dates as
Excel dates, money as numbers. Join what the columns read (`select_related`) to keep queries fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Column:
    header: Any  # str or lazy str
    value: Callable[[Any], Any]
    width: int = 14


def field_value(obj: models.Model, name: str) -> Any:
    """A field's value as a reader sees it: choice label, related object's name, plain value.

    `name` may follow relations with "__" ("project__township"), or name an annotation or property.
    """
    *path, last = name.split("__")
    for part in path:
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    try:
        field = obj._meta.get_field(last)
    except FieldDoesNotExist:  # an annotation or a property
        field = None
    if getattr(field, "choices", None):
        return getattr(obj, f"get_{last}_display")()
    value = getattr(obj, last)
    return None if value is None else (value if not isinstance(value, models.Model) else str(value))


def _verbose(model: type[models.Model], name: str) -> Any:
    *path, last = name.split("__")
    for part in path:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(last).verbose_name


def model_columns(model: type[models.Model], names: Iterable[str]) -> list[Column]:
    """Columns for fields of `model`, headed by their verbose names."""
    columns = []
    for name in names:
        field = _field(model, name)
        width = (
            30
            if isinstance(field, models.TextField)
            else 12
            if isinstance(field, (models.DateField, models.DecimalField))
            else 18
        )
        columns.append(Column(_verbose(model, name), lambda obj, n=name: field_value(obj, n), width))
    return columns


def _field(model: type[models.Model], name: str) -> models.Field:
    *path, last = name.split("__")
    for part in path:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(last)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (date, Decimal, int, float)):
        return value
    return str(value)


def build_workbook(*, title: str, columns: list[Column], rows: Iterable[Any]) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:31]
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=str(column.header))
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row_number, obj in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = _cell(column.value(obj))
            cell = sheet.cell(row=row_number, column=index, value=value)
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
    sheet.freeze_panes = "A2"
    return workbook


def xlsx_response(*, title: str, columns: list[Column], rows: Iterable[Any], filename: str) -> HttpResponse:
    """An .xlsx download of `rows`; `filename` without extension (Chinese is fine), dated today."""
    buffer = BytesIO()
    build_workbook(title=title, columns=columns, rows=rows).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_MIME)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{filename}_{timezone.localdate():%Y%m%d}.xlsx"
    )
    return response
