"""The bulletin's tables as an Excel workbook through `core.xlsx`: exact 万元 amounts, two-decimal rates.

One sheet per table: the caption (row 1), the document number and title (row 2), the headers (row 3),
then the rows; warning colours and the total row shaded as in the documents.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from core.xlsx import Book, Kind, XlsxColumn

from .documents import DocumentMeta
from .schema import BulletinFigures
from .tables import Cell, CellKind, Table, bulletin_tables

# The spreadsheet kind of each kind of cell: amounts with thousands separators, rates and points as numbers
# with two decimals (their headers say % or points), counts as whole numbers.
SHEET_KINDS: dict[CellKind, Kind] = {
    "text": "text",
    "int": "number",
    "money": "money",
    "rate": "decimal",
    "points": "decimal",
}
# Row marks → core.xlsx fills: the warning colours, and the total row shaded like a section.
FILLS = {"red": "red", "yellow": "yellow", "green": "green", "total": "section"}


def cell_value(cell: Cell) -> object:
    """Numbers as numbers (amounts in 万元, rates in %), None as empty."""
    if cell.value is None:
        return None
    if cell.kind in ("money", "rate", "points"):
        return Decimal(str(cell.value))
    return cell.value


def bulletin_xlsx(figures: BulletinFigures, meta: DocumentMeta) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        book = Book()
        used: set[str] = set()
        for table in bulletin_tables(figures).values():
            _sheet(book, table, _sheet_name(table, used), subtitle=_subtitle(table, meta, figures))
        book.workbook.properties.title = meta.title
        book.workbook.properties.creator = meta.issuer
    return book.to_bytes()


def _sheet_name(table: Table, used: set[str]) -> str:
    """The tab's name, unique in the workbook (core.xlsx keeps it to Excel's rules)."""
    name = table.sheet or table.key
    if name in used:
        name = f"{name[:28]}_{len(used)}"
    used.add(name)
    return name


def _subtitle(table: Table, meta: DocumentMeta, figures: BulletinFigures) -> str:
    subtitle = meta.doc_number + "  " + figures["text"]["title"]
    if table.money_unit_note:
        subtitle += "  " + _("Unit: 10,000 yuan")
    return subtitle


def _widths(table: Table) -> list[float]:
    """Column widths from the longest content; the second column (names) gets more room."""
    widths = [len(str(header)) for header in table.headers]
    for row in table.rows:
        for index, value in enumerate(row):
            widths[index] = max(
                widths[index], len(value.shown) if value.kind == "text" else len(str(value.value or ""))
            )
    return [min(60, max(8, width * 1.8 if index == 1 else width + 4)) for index, width in enumerate(widths)]


def _sheet(book: Book, table: Table, name: str, *, subtitle: str) -> None:
    first_row = table.rows[0] if table.rows else []
    columns = [
        XlsxColumn(header, width, SHEET_KINDS[first_row[index].kind] if first_row else "text")
        for index, (header, width) in enumerate(zip(table.headers, _widths(table), strict=True))
    ]
    sheet = book.sheet(name, columns)
    sheet.title(table.caption)
    sheet.line(subtitle)
    sheet.header()
    for row, mark in zip(table.rows, table.highlight, strict=True):
        sheet.row(
            [cell_value(cell) for cell in row],
            bold=mark == "total",
            fill=FILLS.get(mark),
            kinds=[SHEET_KINDS[cell.kind] for cell in row],
        )
