"""Reading a monthly progress list: project (name or code), this month's completed investment or
the cumulative Jan..M figure, physical progress and problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from .cells import compact, is_blank, one_line, text
from .fields import PROGRESS_FIELDS, PROJECT_FIELDS
from .layout import Column, Layout, header_variants, match_field
from .problems import Problems
from .project_list import name_key
from .reading import ListResult, SheetContext, only_numbered, read_list, report_duplicate
from .workbook import Sheet

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
class ProgressList(ListResult):
    rows: list[ProgressRow] = field(default_factory=list)


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
    def check_layout(sheet: Sheet, layout: Layout, problems: Problems) -> None:
        # A progress form repeats project facts (计划投资, 总投资, 所在乡镇…), ours included: they are
        # known columns this import has no use for, not unrecognised ones worth a note.
        layout.ignored = [
            (letter, header)
            for letter, header in layout.ignored
            if match_field(header_variants(header)[0], PROJECT_FIELDS) is None
        ]

        def refuse(column: Column | None, message: str) -> None:
            problems.error(
                message, sheet=sheet.title, row=max(layout.header_rows), column=column.letter if column else ""
            )

        if "completed" not in layout.columns and "cumulative" not in layout.columns:
            refuse(
                None,
                _("No completed-investment column: add 本月完成投资 or 1-%(month)s月累计完成投资") % {"month": month},
            )
        for key in AMOUNT_FIELDS:
            column = layout.columns.get(key)
            if column is not None and column.month is not None and column.month != month:
                refuse(
                    column,
                    _("The column “%(header)s” is for month %(column_month)s but the import is for month %(month)s")
                    % {"header": column.header, "column_month": column.month, "month": month},
                )
            if column is not None and column.year is not None and column.year != year:
                refuse(
                    column,
                    _("The column “%(header)s” is for %(column_year)s but the import is for %(year)s")
                    % {"header": column.header, "column_year": column.year, "year": year},
                )

    result = ProgressList()
    read_list(
        source,
        result,
        fields=PROGRESS_FIELDS,
        amount_keys=AMOUNT_FIELDS,
        read_row=_read_row,
        check_layout=check_layout,
        check_duplicates=_check_duplicates,
        max_bytes=max_bytes,
    )
    return result


def _check_duplicates(result: ProgressList) -> None:
    seen: dict[str, ProgressRow] = {}
    for item in result.rows:
        keys = [f"code:{compact(item.code).upper()}"] if item.code else []
        keys += [f"name:{item.key}"] if item.name else []
        earlier = next((seen[k] for k in keys if k in seen), None)
        if earlier is not None:
            report_duplicate(result, item, earlier, name=item.name or item.code, column=item.letters.get("name", ""))
            continue
        for key in keys:
            seen[key] = item
