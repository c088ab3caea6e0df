"""Excel files in the county's shape: the key-project list (any filtered part of it), the blank
template, and the monthly progress form prefilled with the year's projects.

The shape is the one counties circulate and the importer reads: a merged title, a unit row
(单位：万元), one header row, 合计 first, then the tier sections 一、省级重点工程（N项）with a
小计 after each. Sums are written as values, not formulas: a file that openpyxl writes holds no
calculated results, and the importer would rightly refuse a formula without one. The column
headers, section titles and nature words are the county's own format (the importer reads them
back), so they are written as they are rather than translated. Everything is written through
core.xlsx, so a project named like a formula (=HYPERLINK(...)) is stored as the text it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone
from openpyxl.styles import Font

from core.xlsx import BOLD_FONT, Book, SheetWriter, XlsxColumn, set_cell

from ..models import Nature, ProjectYear, Tier

COUNTY = "阳城县"
TIER_TITLES: dict[str, str] = {Tier.PROVINCE: "省级重点工程", Tier.CITY: "市级重点工程", Tier.COUNTY: "县级重点工程"}
NATURE_WORDS: dict[str, str] = {Nature.NEW: "新建", Nature.CONTINUING: "续建", Nature.PRELIMINARY: "前期"}
CN_NUMBERS = "一二三四五六七八九十"
UNIT_NOTE = "单位：万元"
_NOTE_FONT = Font(name="宋体", size=9, color="666666")
_INSTRUCTIONS_FONT = Font(name="宋体", size=11)
_INSTRUCTIONS_TITLE_FONT = Font(name="宋体", size=11, bold=True)


def project_columns(year: int) -> list[XlsxColumn]:
    return [
        XlsxColumn("序号", 6),
        XlsxColumn("项目名称", 30, "wrap"),
        XlsxColumn("项目编码", 18),
        XlsxColumn("建设性质", 9),
        XlsxColumn("建设单位", 22, "wrap"),
        XlsxColumn("建设内容及规模", 36, "wrap"),
        XlsxColumn("总投资", 13, "money"),
        XlsxColumn(f"{year}年计划投资", 13, "money"),
        XlsxColumn("计划开工时间", 12, "date"),
        XlsxColumn("计划竣工时间", 12, "date"),
        XlsxColumn("所在乡镇", 12),
        XlsxColumn("责任单位", 18, "wrap"),
        XlsxColumn("包联领导", 12),
        XlsxColumn("备注", 16, "wrap"),
    ]


def progress_columns(year: int, month: int) -> list[XlsxColumn]:
    return [
        XlsxColumn("序号", 6),
        XlsxColumn("项目名称", 32, "wrap"),
        XlsxColumn("项目编码", 18),
        XlsxColumn(f"{year}年计划投资", 13, "money"),
        XlsxColumn("本月完成投资", 13, "money"),
        XlsxColumn(f"1-{month}月累计完成投资", 15, "money"),
        XlsxColumn("形象进度", 30, "wrap"),
        XlsxColumn("存在问题", 30, "wrap"),
    ]


def _list_sheet(book: Book, name: str, title: str, columns: list[XlsxColumn]) -> SheetWriter:
    """A sheet in the county's shape: the merged title, the unit row, the header (names stay in view)."""
    sheet = book.sheet(name, columns)
    sheet.title(title, note=UNIT_NOTE)
    sheet.header(freeze_columns=2)
    return sheet


def _note(sheet: SheetWriter, text: str) -> None:
    """A small grey note one row below the table, in its first cell only (the importer skips it)."""
    sheet.skip()
    set_cell(sheet.ws, sheet.next_row, 1, text).font = _NOTE_FONT
    sheet.skip()


def _by_tier(listings: Iterable[ProjectYear]) -> list[tuple[str, list[ProjectYear]]]:
    """The listings grouped by tier (province, city, county), each in the list's order; empty tiers left out."""
    by_tier: dict[str, list[ProjectYear]] = {tier.value: [] for tier in Tier}
    for listing in listings:
        by_tier[listing.tier].append(listing)
    for rows in by_tier.values():
        rows.sort(key=lambda py: (py.seq or 10**9, py.project.name, py.pk))
    return [(tier, rows) for tier, rows in by_tier.items() if rows]


def _sums(rows: list[ProjectYear]) -> tuple[Decimal, Decimal]:
    """Total investment and annual plan of the rows, in 万元."""
    total = sum((py.project.total_investment for py in rows), Decimal("0"))
    plan = sum((py.annual_plan for py in rows), Decimal("0"))
    return total, plan


def _sum_row(columns: list[XlsxColumn], label: str, total: Decimal, plan: Decimal) -> list[object]:
    values: list[object] = [None] * len(columns)
    values[1] = label
    values[6], values[7] = total, plan
    return values


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
    book = Book()
    sheet = _list_sheet(book, f"{year}年重点工程", title or f"{COUNTY}{year}年重点工程项目表", columns)
    present = _by_tier(listings)
    everything = [py for _tier, rows in present for py in rows]
    sheet.row(_sum_row(columns, f"合计（{len(everything)}项）", *_sums(everything)), bold=True)
    for number, (tier, rows) in enumerate(present):
        sheet.section(f"{CN_NUMBERS[number]}、{TIER_TITLES[tier]}（{len(rows)}项）")
        sheet.rows(_listing_values(listing) for listing in rows)
        sheet.row(_sum_row(columns, "小计", *_sums(rows)), bold=True)
    _note(sheet, f"注：导出时间 {timezone.localtime():%Y-%m-%d %H:%M}。金额单位为万元。")
    return book.to_bytes()


_INSTRUCTIONS = [
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
_EXAMPLE: list[object] = [
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


def project_list_template(*, year: int) -> bytes:
    """The blank list: title, unit row, header and the three tier sections, plus a sheet of notes
    with an example row (kept out of the list itself, so it is never imported by accident)."""
    columns = project_columns(year)
    book = Book()
    sheet = _list_sheet(book, f"{year}年重点工程", f"{COUNTY}{year}年重点工程项目表", columns)
    for number, tier in enumerate(Tier):
        sheet.section(f"{CN_NUMBERS[number]}、{TIER_TITLES[tier]}")
        sheet.row([None] * len(columns))
    _instructions(book.sheet("填写说明", []), columns)
    return book.to_bytes()


def _instructions(notes: SheetWriter, columns: list[XlsxColumn]) -> None:
    """Plain text lines, then the list's headers with an example row under them (no table styling)."""
    ws = notes.ws
    for index, line in enumerate(_INSTRUCTIONS, start=1):
        set_cell(ws, index, 1, line).font = _INSTRUCTIONS_TITLE_FONT if index == 1 else _INSTRUCTIONS_FONT
    example_row = len(_INSTRUCTIONS) + 1
    for index, column in enumerate(columns, start=1):
        set_cell(ws, example_row, index, column.header).font = BOLD_FONT
    for index, value in enumerate(_EXAMPLE, start=1):
        set_cell(ws, example_row + 1, index, value)
    ws.column_dimensions["A"].width = 12


def progress_template(*, listings: Iterable[ProjectYear], year: int, month: int) -> bytes:
    """The month's progress form, one row per listed project: fill 本月完成投资 or the cumulative figure."""
    columns = progress_columns(year, month)
    book = Book()
    sheet = _list_sheet(book, f"{year}年{month}月", f"{COUNTY}{year}年1-{month}月重点工程项目进展情况表", columns)
    for number, (tier, rows) in enumerate(_by_tier(listings)):
        sheet.section(f"{CN_NUMBERS[number]}、{TIER_TITLES[tier]}（{len(rows)}项）")
        sheet.rows(
            [listing.seq or None, listing.project.name, listing.project.code or None, listing.annual_plan] + [None] * 4
            for listing in rows
        )
    _note(sheet, "注：本月完成投资与累计完成投资填写其中一项即可；金额单位为万元。")
    return book.to_bytes()
