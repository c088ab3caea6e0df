"""Walking a sheet's rows below the header: sections, projects, subtotals and their checks.

Shared by the project-list reader and the monthly-progress reader; each supplies its fields and
what to do with a project row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from .cells import UNIT_FACTORS, CellError, decimals_shown, display, is_blank, money, parse_amount
from .layout import FieldSpec, Group, Layout, RowKind, classify_row, find_layout, within_tolerance
from .problems import ImportFileError, Problems
from .workbook import Sheet, column_letter, open_sheets


@dataclass
class SheetContext:
    """What the walker knows at a data row: the sheet, its layout and the sections around it."""

    sheet: Sheet
    layout: Layout
    problems: Problems
    tier: str | None = None
    nature: str | None = None
    section_row: int | None = None
    section_count_rows: dict[int, int] = field(default_factory=dict)

    def cell(self, row: int, key: str) -> object:
        column = self.layout.columns.get(key)
        return self.sheet.value(row, column.index) if column else None

    def error(self, row: int, key: str, message: str) -> None:
        self.problems.error(message, sheet=self.sheet.title, row=row, column=self.layout.letter(key))

    def warning(self, row: int, key: str, message: str) -> None:
        self.problems.warning(message, sheet=self.sheet.title, row=row, column=self.layout.letter(key))

    def uncached(self, row: int, key: str) -> bool:
        """A formula cell Excel never calculated: report it, and treat the value as unusable."""
        column = self.layout.columns.get(key)
        if column and (row, column.index) in self.sheet.uncached_formulas:
            self.error(
                row,
                key,
                _(
                    "“%(header)s” is a formula without a calculated value. Open the file in Excel or WPS, save it (so the results are stored) and upload it again."
                )
                % {"header": column.header},
            )
            return True
        return False

    def amount(self, row: int, key: str) -> tuple[Decimal | None, bool]:
        """(amount in 万元 or None, ok). Reports the cell's problem and returns ok=False on a bad value."""
        column = self.layout.columns.get(key)
        if column is None:
            return None, True
        if self.uncached(row, key):
            return None, False
        value = self.sheet.value(row, column.index)
        try:
            amount = parse_amount(value, unit=column.unit)
        except CellError as exc:
            self.error(row, key, f"{column.header}：{exc.message}")
            return None, False
        if amount is None:
            return None, True
        if amount.rounded:
            self.warning(
                row,
                key,
                _("“%(header)s” %(value)s was rounded to %(amount)s (10k yuan, two decimals)")
                % {"header": column.header, "value": display(value), "amount": money(amount.value)},
            )
        return amount.value, True


@dataclass
class WalkResult:
    data_rows: list[int] = field(default_factory=list)


_INSTRUCTIONS = re.compile(r"填写说明|填表说明|填报说明|^说明$|instructions", re.IGNORECASE)

RowHandler = Callable[[SheetContext, int], dict[str, Decimal | None] | None]


def walk_sheet(
    sheet: Sheet,
    layout: Layout,
    problems: Problems,
    *,
    amount_keys: list[str],
    handle_row: RowHandler,
    default_tier: str | None = None,
) -> WalkResult:
    """Visit every row below the header, hand project rows to `handle_row` and check every subtotal.

    `handle_row` returns the row's amounts by key (None for a bad or blank value) so the subtotals
    can be checked, or None when the row is not a project after all.
    """
    walk = _SheetWalk(SheetContext(sheet=sheet, layout=layout, problems=problems, tier=default_tier), amount_keys)
    for row in range(layout.first_data_row, len(sheet.rows) + 1):
        kind = classify_row(sheet, layout, row)
        if kind.kind in ("blank", "note"):
            continue
        if kind.kind == "section":
            walk.section(row, kind)
        elif kind.kind == "subtotal":
            walk.subtotal(row, kind)
        elif kind.kind == "total":
            walk.sheet_group.checks.append((row, kind.label))
            walk.totals.append((row, kind.label, kind.count))
        else:
            walk.project(row, handle_row(walk.ctx, row))
    walk.check_groups()
    walk.check_totals()
    return walk.result


class _SheetWalk:
    """The sections open at the current row, every section seen, and each project row's amounts."""

    def __init__(self, ctx: SheetContext, amount_keys: list[str]) -> None:
        self.ctx = ctx
        self.amount_keys = amount_keys
        self.sheet_group = Group(row=0, label="", level=0)
        self.open_groups: list[Group] = []
        self.all_groups: list[Group] = []
        self.amounts_by_row: dict[int, dict[str, Decimal | None]] = {}
        self.totals: list[tuple[int, str, int | None]] = []
        self.result = WalkResult()

    def section(self, row: int, kind: RowKind) -> None:
        """A section row closes the sections at its level or below and opens its own; a tier section
        starts over the nature. Amounts on the section row are its subtotal."""
        ctx, open_groups = self.ctx, self.open_groups
        while open_groups and open_groups[-1].level >= kind.level:
            open_groups.pop()
        group = Group(
            row=row, label=kind.label, level=kind.level, tier=kind.tier, nature=kind.nature, count=kind.count
        )
        if kind.tier:
            ctx.tier = kind.tier
            ctx.nature = None
        if kind.nature:
            ctx.nature = kind.nature
        open_groups.append(group)
        self.all_groups.append(group)
        if any(not is_blank(ctx.cell(row, key)) for key in self.amount_keys):
            group.checks.append((row, kind.label))

    def subtotal(self, row: int, kind: RowKind) -> None:
        target = _subtotal_target(self.open_groups, kind.tier, kind.nature)
        if target is None:
            self.sheet_group.checks.append((row, kind.label))
        else:
            target.checks.append((row, kind.label))
            target.rows_since_check = 0

    def project(self, row: int, amounts: dict[str, Decimal | None] | None) -> None:
        if amounts is None:
            return
        self.result.data_rows.append(row)
        self.amounts_by_row[row] = amounts
        self.sheet_group.members.append(row)
        for group in self.open_groups:
            group.members.append(row)
            group.rows_since_check += 1

    def check_groups(self) -> None:
        """Every 小计 / 合计 against its projects, and each section's stated count of projects."""
        ctx = self.ctx
        layout = ctx.layout
        for group in [self.sheet_group, *self.all_groups]:
            for check_row, label in group.checks:
                _check_sums(
                    ctx,
                    group,
                    check_row=check_row,
                    label=label,
                    amount_keys=self.amount_keys,
                    amounts_by_row=self.amounts_by_row,
                )
            if group.count is not None and group.level and group.count != len(group.members):
                ctx.problems.warning(
                    _("The section “%(label)s” says %(stated)s projects but lists %(actual)s")
                    % {"label": group.label, "stated": group.count, "actual": len(group.members)},
                    sheet=ctx.sheet.title,
                    row=group.row,
                    column=column_letter(layout.columns["name"].index) if "name" in layout.columns else "",
                )

    def check_totals(self) -> None:
        """A 合计 that states a number of projects against the sheet's."""
        listed = len(self.sheet_group.members)
        for row, label, count in self.totals:
            if count is not None and count != listed:
                self.ctx.problems.warning(
                    _("“%(label)s” says %(stated)s projects but the sheet lists %(actual)s")
                    % {"label": label, "stated": count, "actual": listed},
                    sheet=self.ctx.sheet.title,
                    row=row,
                    column=self.ctx.layout.letter("name"),
                )


def _subtotal_target(open_groups: list[Group], tier: str | None, nature: str | None) -> Group | None:
    """Which open section a 小计 row sums: the one its label names, else the innermost still open."""
    if tier:
        for group in reversed(open_groups):
            if group.tier == tier:
                return group
    if nature:
        for group in reversed(open_groups):
            if group.nature == nature:
                return group
    for group in reversed(open_groups):
        # A second 小计 straight after the first closes the enclosing section.
        if group.checks and group.rows_since_check == 0 and group is not open_groups[0]:
            continue
        return group
    return None


def _check_sums(
    ctx: SheetContext,
    group: Group,
    *,
    check_row: int,
    label: str,
    amount_keys: list[str],
    amounts_by_row: dict[int, dict[str, Decimal | None]],
) -> None:
    for key in amount_keys:
        column = ctx.layout.columns.get(key)
        if column is None:
            continue
        if (check_row, column.index) in ctx.sheet.uncached_formulas:
            # Only a check is lost, no figure: say so, but do not refuse the file for it.
            ctx.warning(
                check_row,
                key,
                _(
                    "“%(label)s”: “%(header)s” is a formula without a calculated value, so it was not checked against its projects. Save the file in Excel or WPS to have it checked."
                )
                % {"label": label, "header": column.header},
            )
            continue
        raw = ctx.sheet.value(check_row, column.index)
        if is_blank(raw):
            continue
        try:
            stated = parse_amount(raw, unit=column.unit)
        except CellError as exc:
            ctx.error(check_row, key, f"{column.header}：{exc.message}")
            continue
        if stated is None:
            continue
        values = [amounts_by_row[r].get(key) for r in group.members]
        if any(amounts_by_row[r].get(key, None) is None and not _blank_ok(ctx, r, key) for r in group.members):
            continue  # a member's value is already reported as wrong; the sum would mislead
        actual = sum((v for v in values if v is not None), Decimal("0"))
        if not within_tolerance(stated.value, actual, decimals=decimals_shown(raw), factor=UNIT_FACTORS[column.unit]):
            ctx.error(
                check_row,
                key,
                _(
                    "“%(label)s” states %(header)s %(stated)s (10k yuan) but its %(count)s projects add up to %(actual)s (10k yuan), a difference of %(diff)s"
                )
                % {
                    "label": label,
                    "header": column.header,
                    "stated": money(stated.value),
                    "count": len(group.members),
                    "actual": money(actual),
                    "diff": money(stated.value - actual),
                },
            )


def _blank_ok(ctx: SheetContext, row: int, key: str) -> bool:
    """A member's amount is None because its cell is blank (counts as 0), not because it was bad."""
    column = ctx.layout.columns.get(key)
    if column is None:
        return True
    if (row, column.index) in ctx.sheet.uncached_formulas:
        return False
    value = ctx.sheet.value(row, column.index)
    if is_blank(value):
        return True
    try:
        parse_amount(value, unit=column.unit)
    except CellError:
        return False
    return True


def locate_layout(sheets: list[Sheet], fields: list[FieldSpec], problems: Problems) -> list[tuple[Sheet, Layout]]:
    """The sheets that hold a list, with their layouts. Reports empty files and sheets without a header.

    Empty sheets beside a filled one (Excel's Sheet2, Sheet3) are passed over quietly; a sheet with
    content but no header is a warning when another sheet holds the list, an error otherwise.
    """
    found: list[tuple[Sheet, Layout]] = []
    headless: list[Sheet] = []
    if not sheets:
        problems.error(_("The workbook has no worksheet."))
        return found
    for sheet in sheets:
        if sheet.is_empty or _INSTRUCTIONS.search(sheet.title):
            continue  # Excel's empty Sheet2/Sheet3, and a template's 填写说明
        layout = find_layout(sheet, fields)
        if layout is None:
            headless.append(sheet)
            continue
        found.append((sheet, layout))
    if not found and not headless:
        for sheet in sheets:
            problems.error(_("The sheet “%(sheet)s” is empty.") % {"sheet": sheet.title}, sheet=sheet.title)
        return found
    names = "、".join(f"“{spec.label}”" for spec in fields if spec.key in ("name",))
    for sheet in headless:
        message = _(
            "No header row found in the first 15 rows of this sheet. The header must name the %(name)s column and at least one other known column."
        ) % {"name": names}
        if found:
            problems.warning(message + " " + _("The sheet was skipped."), sheet=sheet.title)
        else:
            problems.error(message, sheet=sheet.title)
    return found


def report_columns(sheet: Sheet, layout: Layout, problems: Problems) -> None:
    """Duplicate columns are warnings (the first one counts)."""
    for letter, kept in layout.duplicates:
        problems.warning(
            _("Another “%(header)s” column; only column %(kept)s is read")
            % {"header": kept.header, "kept": kept.letter},
            sheet=sheet.title,
            row=max(layout.header_rows),
            column=letter,
        )


def only_numbered(ctx: SheetContext, row: int) -> bool:
    """Nothing in the row but its number: an empty line of a template, not a project."""
    seq = ctx.layout.columns.get("seq")
    values = ctx.sheet.rows[row - 1] if row <= len(ctx.sheet.rows) else []
    return all(is_blank(v) for i, v in enumerate(values, start=1) if not (seq and i == seq.index))


# --- the shell both readers share -----------------------------------------------------------------


@dataclass
class ListResult:
    """What a reader found: the rows (ProjectRow or ProgressRow), every problem, each sheet's layout."""

    rows: list[Any] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    layouts: list[tuple[str, Layout]] = field(default_factory=list)

    @property
    def ignored_columns(self) -> list[str]:
        return [f"{title} {letter}：{header}" for title, layout in self.layouts for letter, header in layout.ignored]


RowReader = Callable[[SheetContext, int, list[Any]], dict[str, Decimal | None] | None]


def _collecting(read_row: RowReader, rows: list[Any]) -> RowHandler:
    """`read_row` bound to the list it appends one sheet's rows to."""

    def handle(ctx: SheetContext, row: int) -> dict[str, Decimal | None] | None:
        return read_row(ctx, row, rows)

    return handle


def read_list(
    source: bytes | str | Path | IO[bytes],
    result: ListResult,
    *,
    fields: list[FieldSpec],
    amount_keys: list[str],
    read_row: RowReader,
    check_layout: Callable[[Sheet, Layout, Problems], None],
    check_duplicates: Callable[[Any], None],
    default_tier: Callable[[Sheet], str | None] = lambda sheet: None,
    max_bytes: int | None = None,
) -> None:
    """Open the file, find each sheet's list and walk it, filling `result`; then look for a project
    named twice and for a list without any project. Never raises for a bad file: a file that cannot
    be read at all becomes the result's one error."""
    problems = result.problems
    try:
        sheets = open_sheets(source, max_bytes=max_bytes)
    except ImportFileError as exc:
        problems.items.append(exc.problem())
        return
    for sheet, layout in locate_layout(sheets, fields, problems):
        result.layouts.append((sheet.title, layout))
        report_columns(sheet, layout, problems)
        check_layout(sheet, layout, problems)
        sheet_rows: list[Any] = []
        walk_sheet(
            sheet,
            layout,
            problems,
            amount_keys=amount_keys,
            handle_row=_collecting(read_row, sheet_rows),
            default_tier=default_tier(sheet),
        )
        result.rows.extend(sheet_rows)
    check_duplicates(result)
    if not result.rows and not problems.errors:
        problems.error(_("No project rows were found below the header."))


def report_duplicate(result: ListResult, item: Any, earlier: Any, *, name: str, column: str) -> None:
    """The second row naming a project already named higher up (on this sheet or another)."""
    where = (
        _("row %(row)s") % {"row": earlier.row}
        if earlier.sheet == item.sheet
        else _("sheet “%(sheet)s” row %(row)s") % {"sheet": earlier.sheet, "row": earlier.row}
    )
    result.problems.error(
        _("“%(name)s” appears twice in the file (also %(where)s)") % {"name": name, "where": where},
        sheet=item.sheet,
        row=item.row,
        column=column,
    )
