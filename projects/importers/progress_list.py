"""Reading a monthly progress list: project (name or code), this month's completed investment or
the cumulative Jan..M figure, physical progress and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from .cells import compact, is_blank, one_line, text
from .fields import PROGRESS_FIELDS
from .layout import Layout
from .problems import ImportFileError, Problems
from .project_list import name_key
from .reading import SheetContext, locate_layout, only_numbered, report_columns, walk_sheet
from .workbook import open_sheets

AMOUNT_FIELDS = ["completed", "cumulative"]


@dataclass
class ProgressRow:
    sheet: str
    row: int
    name: str
    code: str = ""
    completed: Decimal | None = None
    cumulative: Decimal | None = None
    physical_progress: str | None = None
    problems: str | None = None
    letters: dict[str, str] = field(default_factory=dict)
    bad: bool = False

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass
class ProgressList:
    rows: list[ProgressRow] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    layouts: list[tuple[str, Layout]] = field(default_factory=list)

    @property
    def ignored_columns(self) -> list[str]:
        return [f"{title} {letter}：{header}" for title, layout in self.layouts for letter, header in layout.ignored]


def _read_row(ctx: SheetContext, row: int, rows: list[ProgressRow]) -> dict[str, Decimal | None] | None:
    amounts: dict[str, Decimal | None] = {}
    bad = False
    for key in AMOUNT_FIELDS:
        amounts[key], ok = ctx.amount(row, key)
        bad = bad or not ok
    raw_name = ctx.cell(row, "name")
    raw_code = ctx.cell(row, "code")
    if is_blank(raw_name) and is_blank(raw_code):
        if only_numbered(ctx, row):
            return None
        ctx.error(row, "name", _("The project name is missing"))
        return amounts
    item = ProgressRow(
        sheet=ctx.sheet.title,
        row=row,
        name=one_line(raw_name) if not is_blank(raw_name) else "",
        code=one_line(raw_code) if not is_blank(raw_code) else "",
        completed=amounts["completed"],
        cumulative=amounts["cumulative"],
        letters={key: column.letter for key, column in ctx.layout.columns.items()},
    )
    for key in ("physical_progress", "problems"):
        if key in ctx.layout.columns and not ctx.uncached(row, key):
            value = ctx.cell(row, key)
            if not is_blank(value):
                setattr(item, key, text(value))
    item.bad = bad
    rows.append(item)
    return amounts


def read_progress_list(
    source: bytes | str | Path | IO[bytes], *, year: int, month: int, max_bytes: int | None = None
) -> ProgressList:
    result = ProgressList()
    problems = result.problems
    try:
        sheets = open_sheets(source, max_bytes=max_bytes)
    except ImportFileError as exc:
        problems.items.append(exc.problem())
        return result
    for sheet, layout in locate_layout(sheets, PROGRESS_FIELDS, problems):
        result.layouts.append((sheet.title, layout))
        report_columns(sheet, layout, problems)
        if "completed" not in layout.columns and "cumulative" not in layout.columns:
            problems.error(
                _("No completed-investment column: add 本月完成投资 or 1-%(month)s月累计完成投资") % {"month": month},
                sheet=sheet.title,
                row=max(layout.header_rows),
            )
        for key in AMOUNT_FIELDS:
            column = layout.columns.get(key)
            if column is None:
                continue
            if column.month is not None and column.month != month:
                problems.error(
                    _("The column “%(header)s” is for month %(column_month)s but the import is for month %(month)s")
                    % {"header": column.header, "column_month": column.month, "month": month},
                    sheet=sheet.title,
                    row=max(layout.header_rows),
                    column=column.letter,
                )
            if column.year is not None and column.year != year:
                problems.error(
                    _("The column “%(header)s” is for %(column_year)s but the import is for %(year)s")
                    % {"header": column.header, "column_year": column.year, "year": year},
                    sheet=sheet.title,
                    row=max(layout.header_rows),
                    column=column.letter,
                )
        sheet_rows: list[ProgressRow] = []
        walk_sheet(
            sheet,
            layout,
            problems,
            amount_keys=AMOUNT_FIELDS,
            handle_row=lambda ctx, row: _read_row(ctx, row, sheet_rows),
        )
        result.rows.extend(sheet_rows)
    _check_duplicates(result)
    if not result.rows and not problems.errors:
        problems.error(_("No project rows were found below the header."))
    return result


def _check_duplicates(result: ProgressList) -> None:
    seen: dict[str, ProgressRow] = {}
    for item in result.rows:
        keys = [f"code:{compact(item.code).upper()}"] if item.code else []
        keys += [f"name:{item.key}"] if item.name else []
        earlier = next((seen[k] for k in keys if k in seen), None)
        if earlier is not None:
            where = (
                _("row %(row)s") % {"row": earlier.row}
                if earlier.sheet == item.sheet
                else _("sheet “%(sheet)s” row %(row)s") % {"sheet": earlier.sheet, "row": earlier.row}
            )
            result.problems.error(
                _("“%(name)s” appears twice in the file (also %(where)s)") % {"name": item.name or item.code, "where": where},
                sheet=item.sheet,
                row=item.row,
                column=item.letters.get("name", ""),
            )
            continue
        for key in keys:
            seen[key] = item
