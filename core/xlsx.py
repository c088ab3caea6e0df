"""Writing .xlsx files the county's way, safely. Every export of the system goes through this module.

    book = Book()
    sheet = book.sheet("2024年重点工程", [XlsxColumn("项目名称", 40), XlsxColumn("总投资", 14, "money")])
    sheet.title("2024年重点工程项目表", note="单位：万元")
    sheet.header()
    sheet.row(["阳城县某项目", Decimal("1234.50")])
    return xlsx_response(book.to_bytes(), "重点工程项目表")

Text that Excel or WPS would read as a formula (it starts with =, +, -, @, a tab or a carriage return)
is stored as text with Excel's "quote prefix", so a project named `=HYPERLINK(...)` shows as typed and
is never run; the value reads back unchanged. Numbers, dates and Decimals stay numbers and dates.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_FORMAT = "#,##0.00"
NUMBER_FORMAT = "#,##0"
DECIMAL_FORMAT = "0.00"  # a rate or points whose header names the unit: 65.00, -14.52
PERCENT_FORMAT = '0.00"%"'
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"

# The first characters with which spreadsheet programs start a formula or a command (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Kind = Literal["text", "wrap", "money", "number", "decimal", "percent", "date", "datetime"]

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
BODY_FONT = Font(name="宋体", size=10)
BOLD_FONT = Font(name="宋体", size=10, bold=True)
TITLE_FONT = Font(name="黑体", size=16, bold=True)
# Light fills for a traffic-light column; they print as light greys, so the text also says the colour.
FILLS = {
    "red": PatternFill("solid", fgColor="F8D7DA"),
    "yellow": PatternFill("solid", fgColor="FFF3CD"),
    "green": PatternFill("solid", fgColor="D1E7DD"),
    "section": SECTION_FILL,
    "header": HEADER_FILL,
}


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def cell_value(value: Any) -> Any:
    """What a cell holds: numbers, dates and text as themselves; booleans as 是/否; aware times in county time."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (date, Decimal, int, float)):
        return value
    return str(value)


def set_cell(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write one value; text that would start a formula is kept as text (see the module docstring)."""
    value = cell_value(value)
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        cell.quotePrefix = True  # and Excel keeps it text even when the cell is edited
    return cell


@dataclass(frozen=True)
class XlsxColumn:
    header: str
    width: float = 14
    kind: Kind = "text"


class SheetWriter:
    """One sheet: an optional merged title, a header row, data rows, section rows. Rows are counted for you."""

    def __init__(self, ws: Worksheet, columns: Sequence[XlsxColumn]) -> None:
        self.ws = ws
        self.columns = list(columns)
        self.next_row = 1

    @property
    def width(self) -> int:
        return max(len(self.columns), 1)

    def title(self, text: str, *, note: str = "") -> None:
        """A merged, centred title row; `note` (e.g. 单位：万元) right-aligned on the row below."""
        row = self.next_row
        self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=self.width)
        cell = set_cell(self.ws, row, 1, text)
        cell.font = TITLE_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.ws.row_dimensions[row].height = 32
        self.next_row += 1
        if note:
            note_cell = set_cell(self.ws, self.next_row, self.width, note)
            note_cell.font = BODY_FONT
            note_cell.alignment = Alignment(horizontal="right")
            self.next_row += 1

    def line(self, text: str) -> None:
        """A line of text across the sheet (a caption, a remark)."""
        row = self.next_row
        self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=self.width)
        cell = set_cell(self.ws, row, 1, text)
        cell.font = BODY_FONT
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.next_row += 1

    def header(self, *, freeze_columns: int = 0, landscape: bool = True) -> None:
        """The header row, repeated on every printed page; the panes freeze below it."""
        row = self.next_row
        for index, column in enumerate(self.columns, start=1):
            cell = set_cell(self.ws, row, index, column.header)
            cell.font = BOLD_FONT
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        self.ws.row_dimensions[row].height = 30
        self.ws.freeze_panes = self.ws.cell(row=row + 1, column=freeze_columns + 1)
        self.ws.print_title_rows = f"{row}:{row}"
        setup = self.ws.page_setup
        setup.orientation = "landscape" if landscape else "portrait"
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.next_row += 1

    def row(
        self,
        values: Sequence[Any],
        *,
        bold: bool = False,
        fill: str | None = None,
        kinds: Sequence[Kind] | None = None,
    ) -> int:
        """A data row formatted by its columns' kinds, or by `kinds` cell by cell where a row differs from its
        columns; `fill` names one of FILLS. Returns its row number."""
        row = self.next_row
        pattern = FILLS.get(fill) if fill else None
        for index, value in enumerate(values, start=1):
            column = self.columns[index - 1] if index <= len(self.columns) else XlsxColumn("")
            cell = set_cell(self.ws, row, index, value)
            cell.border = BORDER
            cell.font = BOLD_FONT if bold else BODY_FONT
            if pattern is not None:
                cell.fill = pattern
            _format(cell, kinds[index - 1] if kinds is not None else column.kind)
        self.next_row += 1
        return row

    def rows(self, rows: Iterable[Sequence[Any]]) -> None:
        for values in rows:
            self.row(values)

    def section(self, label: str) -> int:
        """A bold, shaded row naming a group (一、省级重点工程), merged over the first two columns."""
        row = self.row([None] * self.width, bold=True, fill="section")
        set_cell(self.ws, row, 1, label).alignment = Alignment(horizontal="left", vertical="center")
        if self.width > 1:
            self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        return row

    def skip(self, lines: int = 1) -> None:
        self.next_row += lines


def _format(cell: Cell, kind: Kind) -> None:
    if kind == "money":
        cell.number_format = MONEY_FORMAT
        cell.alignment = Alignment(horizontal="right", vertical="center")
    elif kind == "number":
        cell.number_format = NUMBER_FORMAT
        cell.alignment = Alignment(horizontal="right", vertical="center")
    elif kind == "decimal":
        cell.number_format = DECIMAL_FORMAT
        cell.alignment = Alignment(horizontal="right", vertical="center")
    elif kind == "percent":
        cell.number_format = PERCENT_FORMAT
        cell.alignment = Alignment(horizontal="right", vertical="center")
    elif kind == "date":
        cell.number_format = DATE_FORMAT
        cell.alignment = Alignment(horizontal="center", vertical="center")
    elif kind == "datetime":
        cell.number_format = DATETIME_FORMAT
        cell.alignment = Alignment(horizontal="center", vertical="center")
    else:
        cell.alignment = Alignment(vertical="center", wrap_text=kind == "wrap")


class Book:
    """A workbook of one or more county-style sheets."""

    def __init__(self) -> None:
        self.workbook = Workbook()
        self._first = True

    def sheet(self, title: str, columns: Sequence[XlsxColumn]) -> SheetWriter:
        if self._first:
            ws = self.workbook.active
            if not isinstance(ws, Worksheet):  # a new Workbook always starts with one worksheet
                raise TypeError("the workbook has no first worksheet")
            ws.title = safe_sheet_title(title)
            self._first = False
        else:
            ws = self.workbook.create_sheet(safe_sheet_title(title))
        return SheetWriter(ws, columns)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def safe_sheet_title(title: str) -> str:
    """Excel's rules for a sheet name: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in str(title)).strip("'") or "Sheet"
    return cleaned[:31]


def xlsx_response(content: bytes, filename: str, *, dated: bool = True) -> HttpResponse:
    """A download of `content`; `filename` without extension (Chinese is fine), dated today unless told not to."""
    name = f"{filename}_{timezone.localdate():%Y%m%d}.xlsx" if dated else f"{filename}.xlsx"
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
