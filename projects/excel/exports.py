"""Excel files in the county's shape: the key-project list (any filtered part of it), the blank
template, and the monthly progress form prefilled with the year's projects.

The shape is the one counties circulate and the importer reads: a merged title, a unit row
(单位：万元), one header row, 合计 first, then the tier sections 一、省级重点工程（N项）with a
小计 after each. Sums are written as values, not formulas: a file that openpyxl writes holds no
calculated results, and the importer would rightly refuse a formula without one. The column
headers, section titles and nature words are the county's own format (the importer reads them
back), so they are written as they are rather than translated.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..models import Nature, ProjectYear, Tier

COUNTY = "阳城县"
TIER_TITLES = {Tier.PROVINCE: "省级重点工程", Tier.CITY: "市级重点工程", Tier.COUNTY: "县级重点工程"}
NATURE_WORDS = {Nature.NEW: "新建", Nature.CONTINUING: "续建", Nature.PRELIMINARY: "前期"}
CN_NUMBERS = "一二三四五六七八九十"
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class ColumnSpec:
    header: str
    width: float
    kind: str = "text"  # text | money | date | wrap


def project_columns(year: int) -> list[ColumnSpec]:
    return [
        ColumnSpec("序号", 6),
        ColumnSpec("项目名称", 30, "wrap"),
        ColumnSpec("项目编码", 18),
        ColumnSpec("建设性质", 9),
        ColumnSpec("建设单位", 22, "wrap"),
        ColumnSpec("建设内容及规模", 36, "wrap"),
        ColumnSpec("总投资", 13, "money"),
        ColumnSpec(f"{year}年计划投资", 13, "money"),
        ColumnSpec("计划开工时间", 12, "date"),
        ColumnSpec("计划竣工时间", 12, "date"),
        ColumnSpec("所在乡镇", 12),
        ColumnSpec("责任单位", 18, "wrap"),
        ColumnSpec("包联领导", 12),
        ColumnSpec("备注", 16, "wrap"),
    ]


_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_BODY_FONT = Font(name="宋体", size=10)
_BOLD = Font(name="宋体", size=10, bold=True)


def _title(ws: Worksheet, text: str, width: int) -> None:
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    cell = ws.cell(row=1, column=1, value=text)
    cell.font = Font(name="黑体", size=16, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 32
    unit = ws.cell(row=2, column=width, value="单位：万元")
    unit.alignment = Alignment(horizontal="right")
    unit.font = _BODY_FONT


def _header(ws: Worksheet, row: int, columns: list[ColumnSpec]) -> None:
    for index, spec in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=index, value=spec.header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(index)].width = spec.width
    ws.row_dimensions[row].height = 30
    ws.freeze_panes = ws.cell(row=row + 1, column=3)
    ws.print_title_rows = f"{row}:{row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _write_row(
    ws: Worksheet, row: int, values: list[object], columns: list[ColumnSpec], *, bold: bool = False, fill=None
) -> None:
    for index, (value, spec) in enumerate(zip(values, columns, strict=True), start=1):
        cell = ws.cell(row=row, column=index, value=value)
        cell.border = _BORDER
        cell.font = _BOLD if bold else _BODY_FONT
        if fill is not None:
            cell.fill = fill
        if spec.kind == "money":
            cell.number_format = MONEY_FORMAT
            cell.alignment = Alignment(horizontal="right", vertical="center")
        elif spec.kind == "date":
            cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(horizontal="center", vertical="center")
        else:
            cell.alignment = Alignment(vertical="center", wrap_text=spec.kind == "wrap")


def _section_row(ws: Worksheet, row: int, label: str, columns: list[ColumnSpec]) -> None:
    _write_row(ws, row, [None] * len(columns), columns, bold=True, fill=_SECTION_FILL)
    ws.cell(row=row, column=1, value=label).alignment = Alignment(horizontal="left", vertical="center")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)


def _to_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _listing_values(listing: ProjectYear) -> list[object]:
    project = listing.project
    return [
        listing.seq or None,
        project.name,
        project.code or None,
        NATURE_WORDS.get(listing.nature, listing.nature),
        project.owner or None,
        project.scope or None,
        project.total_investment,
        listing.annual_plan,
        project.planned_start,
        project.planned_completion,
        project.township.name if project.township else None,
        project.responsible_unit.name if project.responsible_unit else None,
        project.liaison_leader or None,
        project.remarks or None,
    ]


def project_list_workbook(*, listings: Iterable[ProjectYear], year: int, title: str | None = None) -> bytes:
    """The listings (one year's, already filtered) as a county-format .xlsx, in tier order.

    `listings` should come with `project__township` and `project__responsible_unit` selected.
    """
    columns = project_columns(year)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年重点工程"
    _title(ws, title or f"{COUNTY}{year}年重点工程项目表", len(columns))
    _header(ws, 3, columns)
    by_tier: dict[str, list[ProjectYear]] = {tier.value: [] for tier in Tier}
    for listing in listings:
        by_tier[listing.tier].append(listing)
    for rows in by_tier.values():
        rows.sort(key=lambda py: (py.seq or 10**9, py.project.name, py.pk))
    present = [(tier, rows) for tier, rows in by_tier.items() if rows]
    count = sum(len(rows) for _tier, rows in present)
    total = sum((py.project.total_investment for _tier, rows in present for py in rows), Decimal("0"))
    plan = sum((py.annual_plan for _tier, rows in present for py in rows), Decimal("0"))

    row = 4
    blank = [None] * len(columns)
    total_values = list(blank)
    total_values[1] = f"合计（{count}项）"
    total_values[6], total_values[7] = total, plan
    _write_row(ws, row, total_values, columns, bold=True)
    row += 1
    for number, (tier, rows) in enumerate(present):
        _section_row(ws, row, f"{CN_NUMBERS[number]}、{TIER_TITLES[tier]}（{len(rows)}项）", columns)
        row += 1
        for listing in rows:
            _write_row(ws, row, _listing_values(listing), columns)
            row += 1
        subtotal = list(blank)
        subtotal[1] = "小计"
        subtotal[6] = sum((py.project.total_investment for py in rows), Decimal("0"))
        subtotal[7] = sum((py.annual_plan for py in rows), Decimal("0"))
        _write_row(ws, row, subtotal, columns, bold=True)
        row += 1
    note = ws.cell(
        row=row + 1, column=1, value=f"注：导出时间 {timezone.localtime():%Y-%m-%d %H:%M}。金额单位为万元。"
    )
    note.font = Font(name="宋体", size=9, color="666666")
    return _to_bytes(wb)


def project_list_template(*, year: int) -> bytes:
    """The blank list: title, unit row, header and the three tier sections, plus a sheet of notes
    with an example row (kept out of the list itself, so it is never imported by accident)."""
    columns = project_columns(year)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年重点工程"
    _title(ws, f"{COUNTY}{year}年重点工程项目表", len(columns))
    _header(ws, 3, columns)
    row = 4
    for number, tier in enumerate(Tier):
        _section_row(ws, row, f"{CN_NUMBERS[number]}、{TIER_TITLES[tier]}", columns)
        row += 1
        _write_row(ws, row, [None] * len(columns), columns)
        row += 1
    notes = wb.create_sheet("填写说明")
    lines = [
        "填写说明",
        "1. 每个项目填一行，填在所属层级（省级、市级、县级）的分组行下面；也可以增加“层级”列。",
        "2. 金额单位为万元（可在第2行改为“单位：亿元”），可填数字或带千分位的文本，不得为负数。",
        "3. 建设性质填“新建”“续建”或“前期”。",
        "4. 开工、竣工时间可填日期、“2024年3月”或“2024.03”；也可改用“建设起止年限”一列，填“2024-2026”。",
        "5. 所在乡镇、责任单位须与系统中的单位名称一致（导入时可选择自动新建未登记的单位）。",
        "6. 有项目编码的按编码对应已有项目，没有编码的按项目名称对应；同一项目在文件中只能出现一次。",
        "7. 可保留“小计”“合计”行，导入时会核对其金额与所列项目之和是否一致。",
        "",
        "示例（请填在第一个工作表中）：",
    ]
    for index, line in enumerate(lines, start=1):
        cell = notes.cell(row=index, column=1, value=line)
        cell.font = Font(name="宋体", size=11, bold=index == 1)
    example_row = len(lines) + 1
    for index, spec in enumerate(columns, start=1):
        notes.cell(row=example_row, column=index, value=spec.header).font = _BOLD
    example = [
        1,
        "凤城镇集中供热管网改造项目",
        "2024-140522-0001",
        "新建",
        "阳城县热力有限公司",
        "改造供热主管网12公里及换热站6座。",
        Decimal("12000"),
        Decimal("5000"),
        "2024年4月",
        "2025年10月",
        "凤城镇",
        "县住房和城乡建设局",
        "张副县长",
        None,
    ]
    for index, value in enumerate(example, start=1):
        notes.cell(row=example_row + 1, column=index, value=value)
    notes.column_dimensions["A"].width = 12
    return _to_bytes(wb)


def progress_columns(year: int, month: int) -> list[ColumnSpec]:
    return [
        ColumnSpec("序号", 6),
        ColumnSpec("项目名称", 32, "wrap"),
        ColumnSpec("项目编码", 18),
        ColumnSpec(f"{year}年计划投资", 13, "money"),
        ColumnSpec("本月完成投资", 13, "money"),
        ColumnSpec(f"1-{month}月累计完成投资", 15, "money"),
        ColumnSpec("形象进度", 30, "wrap"),
        ColumnSpec("存在问题", 30, "wrap"),
    ]


def progress_template(*, listings: Iterable[ProjectYear], year: int, month: int) -> bytes:
    """The month's progress form, one row per listed project: fill 本月完成投资 or the cumulative figure."""
    columns = progress_columns(year, month)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年{month}月"
    _title(ws, f"{COUNTY}{year}年1-{month}月重点工程项目进展情况表", len(columns))
    _header(ws, 3, columns)
    by_tier: dict[str, list[ProjectYear]] = {tier.value: [] for tier in Tier}
    for listing in listings:
        by_tier[listing.tier].append(listing)
    row = 4
    number = 0
    for tier, rows in by_tier.items():
        if not rows:
            continue
        rows.sort(key=lambda py: (py.seq or 10**9, py.project.name, py.pk))
        _section_row(ws, row, f"{CN_NUMBERS[number]}、{TIER_TITLES[tier]}（{len(rows)}项）", columns)
        number += 1
        row += 1
        for listing in rows:
            values = [
                listing.seq or None,
                listing.project.name,
                listing.project.code or None,
                listing.annual_plan,
                None,
                None,
                None,
                None,
            ]
            _write_row(ws, row, values, columns)
            row += 1
    ws.cell(
        row=row + 1, column=1, value="注：本月完成投资与累计完成投资填写其中一项即可；金额单位为万元。"
    ).font = Font(name="宋体", size=9, color="666666")
    return _to_bytes(wb)
