"""Reading a county-format key-project list into rows, with every problem placed.

This knows nothing of the database: it reads what the file says. Matching rows to stored projects,
units and townships is the planner's job (projects/excel/plan_projects.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from .cells import (
    CellError,
    DateValue,
    compact,
    display,
    is_ambiguous_month,
    is_blank,
    money,
    one_line,
    parse_date,
    parse_span,
    text,
)
from .fields import PROJECT_FIELDS
from .layout import Layout, nature_from_text, tier_from_text
from .problems import Problems
from .reading import ListResult, SheetContext, only_numbered, read_list, report_duplicate
from .workbook import Sheet

TEXT_FIELDS = ("owner", "scope", "liaison_leader", "remarks")
AMOUNT_FIELDS = ["total_investment", "annual_plan"]


@dataclass
class ProjectRow:
    """One project as the file gives it. None means "the file says nothing": keep what is stored."""

    sheet: str
    row: int
    name: str
    code: str = ""
    seq: int | None = None
    tier: str | None = None
    nature: str | None = None
    owner: str | None = None
    scope: str | None = None
    liaison_leader: str | None = None
    remarks: str | None = None
    total_investment: Decimal | None = None
    annual_plan: Decimal | None = None
    planned_start: DateValue | None = None
    planned_completion: DateValue | None = None
    township: str | None = None
    responsible_unit: str | None = None
    letters: dict[str, str] = field(default_factory=dict)  # field → column letter, for later messages
    bad: bool = False  # a cell of this row has an error

    @property
    def key(self) -> str:
        return name_key(self.name)


def name_key(name: str) -> str:
    """Names compared the way a person would: full-/half-width and spaces do not matter."""
    return compact(name).replace("“", '"').replace("”", '"')


@dataclass
class ProjectList(ListResult):
    rows: list[ProjectRow] = field(default_factory=list)


def _sheet_default_tier(sheet: Sheet) -> str | None:
    return tier_from_text(sheet.title)


def _read_row(ctx: SheetContext, row: int, rows: list[ProjectRow]) -> dict[str, Decimal | None] | None:
    """One row below the header: appended to `rows` when it names a project; returns its amounts (for
    the sums of its section), or None for an empty pre-numbered row. Problems are noted in the order of
    the row's columns as a reader would check them."""
    raw_name = ctx.cell(row, "name")
    amounts: dict[str, Decimal | None] = {}
    bad = False
    for key in AMOUNT_FIELDS:
        amounts[key], ok = ctx.amount(row, key)
        bad = bad or not ok
    if is_blank(raw_name):
        if only_numbered(ctx, row):
            return None  # a pre-numbered empty row of a template
        ctx.error(row, "name", _("The project name is missing"))
        return amounts
    if ctx.uncached(row, "name"):
        return amounts
    item = ProjectRow(sheet=ctx.sheet.title, row=row, name=one_line(raw_name))
    item.letters = {key: column.letter for key, column in ctx.layout.columns.items()}
    item.total_investment = amounts["total_investment"]
    item.annual_plan = amounts["annual_plan"]
    _read_texts(ctx, row, item)
    _read_seq(ctx, row, item)
    bad = _read_tier(ctx, row, item, bad=bad)
    bad = _read_nature(ctx, row, item) or bad
    bad = _read_dates(ctx, row, item) or bad
    if item.annual_plan is not None and item.total_investment is not None and item.annual_plan > item.total_investment:
        ctx.warning(
            row,
            "annual_plan",
            _("The annual plan %(plan)s is above the total investment %(total)s (10k yuan)")
            % {"plan": money(item.annual_plan), "total": money(item.total_investment)},
        )
    # A row with a cell error is still listed (so duplicates are found) but marked: any error stops
    # the whole import anyway.
    item.bad = bad
    rows.append(item)
    return amounts


def _read_texts(ctx: SheetContext, row: int, item: ProjectRow) -> None:
    for key in ("code", "owner", "scope", "liaison_leader", "remarks", "township", "responsible_unit"):
        if key not in ctx.layout.columns or ctx.uncached(row, key):
            continue
        value = ctx.cell(row, key)
        if is_blank(value):
            continue
        setattr(item, key, text(value) if key in {"scope", "remarks"} else one_line(value))


def _read_seq(ctx: SheetContext, row: int, item: ProjectRow) -> None:
    """The number in the list; none for 0 or for text that is not a number (it is then given one)."""
    seq_value = ctx.cell(row, "seq")
    if isinstance(seq_value, (int, float)) and not isinstance(seq_value, bool) and float(seq_value).is_integer():
        item.seq = int(seq_value) if int(seq_value) > 0 else None
    elif isinstance(seq_value, str) and compact(seq_value).isdigit():
        item.seq = int(compact(seq_value)) or None


def _read_tier(ctx: SheetContext, row: int, item: ProjectRow, *, bad: bool) -> bool:
    """The row's own tier cell, else its section's, else the sheet name's; whether the row is now bad.
    A row already bad is not also told its tier is unknown."""
    tier_cell = ctx.cell(row, "tier")
    if not is_blank(tier_cell):
        tier = tier_from_text(str(tier_cell), loose=True)
        if tier is None:
            ctx.error(
                row, "tier", _("Unknown tier “%(value)s” (write 省级, 市级 or 县级)") % {"value": display(tier_cell)}
            )
            bad = True
        elif ctx.tier and tier != ctx.tier:
            ctx.error(
                row,
                "tier",
                _("The tier “%(value)s” contradicts the section above the row") % {"value": display(tier_cell)},
            )
            bad = True
        item.tier = tier
    else:
        item.tier = ctx.tier
    if item.tier is None and not bad:
        ctx.error(
            row,
            "tier" if "tier" in ctx.layout.columns else "name",
            _(
                "The tier is unknown: put the project under a section row such as “一、省级重点工程” or add a 层级 column"
            ),
        )
        bad = True
    return bad


def _read_nature(ctx: SheetContext, row: int, item: ProjectRow) -> bool:
    """The row's nature cell, else its section's; True when the cell cannot be read."""
    nature_cell = ctx.cell(row, "nature")
    if is_blank(nature_cell):
        item.nature = ctx.nature
        return False
    item.nature = nature_from_text(str(nature_cell))
    if item.nature is None:
        ctx.error(
            row,
            "nature",
            _("Unknown nature “%(value)s” (write 新建, 续建 or 前期)") % {"value": display(nature_cell)},
        )
        return True
    return False


def _read_dates(ctx: SheetContext, row: int, item: ProjectRow) -> bool:
    """Planned start and completion: separate columns win over a construction period (建设起止年限).
    True when a date cannot be read or the two are the wrong way round."""
    layout = ctx.layout
    bad = False
    if "span" in layout.columns and not ctx.uncached(row, "span"):
        value = ctx.cell(row, "span")
        try:
            start, end = parse_span(value, number_format=_format(ctx, row, "span"))
        except CellError as exc:
            ctx.error(row, "span", exc.message)
            bad = True
        else:
            item.planned_start, item.planned_completion = start, end
            _warn_ambiguous(ctx, row, "span", value)
    for key in ("planned_start", "planned_completion"):
        if key not in layout.columns or ctx.uncached(row, key):
            continue
        value = ctx.cell(row, key)
        try:
            parsed = parse_date(value, number_format=_format(ctx, row, key))
        except CellError as exc:
            ctx.error(row, key, exc.message)
            bad = True
            continue
        if parsed is not None:
            setattr(item, key, parsed)
            _warn_ambiguous(ctx, row, key, value)
    if item.planned_start and item.planned_completion and item.planned_completion.last < item.planned_start.first:
        ctx.error(
            row,
            "planned_completion" if "planned_completion" in layout.columns else "span",
            _("The planned completion is before the planned start"),
        )
        bad = True
    return bad


def _format(ctx: SheetContext, row: int, key: str) -> str:
    column = ctx.layout.columns.get(key)
    return ctx.sheet.number_formats.get((row, column.index), "") if column else ""


def _warn_ambiguous(ctx: SheetContext, row: int, key: str, value: object) -> None:
    if is_ambiguous_month(value, _format(ctx, row, key)):
        ctx.warning(
            row,
            key,
            _("“%(value)s” is read as January; if October is meant, type it as text 2024.10 or as 2024年10月")
            % {"value": display(value)},
        )


def read_project_list(
    source: bytes | str | Path | IO[bytes], *, year: int, max_bytes: int | None = None
) -> ProjectList:
    """Everything the file says, with every problem. Never raises for a bad file: reports it."""

    def check_layout(sheet: Sheet, layout: Layout, problems: Problems) -> None:
        plan = layout.columns.get("annual_plan")
        if plan is not None and plan.year is not None and plan.year != year:
            problems.error(
                _("The column “%(header)s” is for %(column_year)s but the import is for %(year)s")
                % {"header": plan.header, "column_year": plan.year, "year": year},
                sheet=sheet.title,
                row=max(layout.header_rows),
                column=plan.letter,
            )
        if plan is None:
            problems.warning(
                _("No annual plan column (年度计划投资 / %(year)s年计划投资): annual plans are left as they are")
                % {"year": year},
                sheet=sheet.title,
                row=max(layout.header_rows),
            )

    result = ProjectList()
    read_list(
        source,
        result,
        fields=PROJECT_FIELDS,
        amount_keys=AMOUNT_FIELDS,
        read_row=_read_row,
        check_layout=check_layout,
        check_duplicates=_check_duplicates,
        default_tier=_sheet_default_tier,
        max_bytes=max_bytes,
    )
    return result


def _check_duplicates(result: ProjectList) -> None:
    by_code: dict[str, ProjectRow] = {}
    by_name: dict[str, ProjectRow] = {}
    for item in result.rows:
        earlier = None
        column = ""
        if item.code:
            earlier = by_code.get(compact(item.code).upper())
            column = item.letters.get("code", "")
        if earlier is None:
            earlier = by_name.get(item.key)
            column = item.letters.get("name", "")
        if earlier is not None:
            report_duplicate(result, item, earlier, name=item.name, column=column)
            continue
        if item.code:
            by_code[compact(item.code).upper()] = item
        by_name[item.key] = item
