"""The bulletin's tables as an Excel workbook (openpyxl): exact 万元 amounts, two-decimal rates."""

from __future__ import annotations

import io
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .documents import DocumentMeta, Table, bulletin_tables

FILLS = {
    "red": PatternFill("solid", fgColor="F8D7DA"),
    "yellow": PatternFill("solid", fgColor="FFF3CD"),
    "green": PatternFill("solid", fgColor="D1E7DD"),
    "total": PatternFill("solid", fgColor="E9ECEF"),
}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Sheet names: at most 31 characters, none of []:*?/\
_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def _cell_value(cell):
    """Numbers as numbers (amounts in 万元, rates in %), None as empty."""
    if cell.value is None:
        return None
    if cell.kind in ("money", "rate", "points"):
        return Decimal(cell.value)
    return cell.value


def bulletin_xlsx(figures: dict, meta: DocumentMeta) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        tables = bulletin_tables(figures)
        workbook = Workbook()
        workbook.remove(workbook.active)
        for table in tables.values():
            _sheet(workbook, table, meta, figures)
        workbook.properties.title = meta.title
        workbook.properties.creator = meta.issuer
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(workbook: Workbook, table: Table, meta: DocumentMeta, figures: dict) -> None:
    name = (table.sheet or table.key).translate(_FORBIDDEN)[:31]
    if name in workbook.sheetnames:
        name = f"{name[:28]}_{len(workbook.sheetnames)}"
    sheet = workbook.create_sheet(name)
    sheet.append([table.caption])
    sheet["A1"].font = Font(bold=True, size=13)
    subtitle = meta.doc_number + "  " + figures["text"]["title"]
    if table.money_unit_note:
        subtitle += "  " + _("Unit: 10,000 yuan")
    sheet.append([subtitle])
    sheet.append(table.headers)
    for column, _header in enumerate(table.headers, start=1):
        cell = sheet.cell(row=3, column=column)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row, mark in zip(table.rows, table.highlight, strict=True):
        sheet.append([_cell_value(cell) for cell in row])
        excel_row = sheet.max_row
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=excel_row, column=column)
            cell.border = BORDER
            if value.kind == "money":
                cell.number_format = "#,##0.00"
            elif value.kind in ("rate", "points"):
                cell.number_format = "0.00"
            if mark in FILLS:
                cell.fill = FILLS[mark]
            if mark == "total":
                cell.font = Font(bold=True)
    widths = [max(len(str(h)) for h in [header]) for header in table.headers]
    for row in table.rows:
        for index, value in enumerate(row):
            widths[index] = max(
                widths[index], len(value.shown) if value.kind == "text" else len(str(value.value or ""))
            )
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            60, max(8, width * 1.8 if index == 2 else width + 4)
        )
    sheet.freeze_panes = "A4"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = "3:3"
