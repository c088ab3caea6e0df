"""Finding the header of a hand-made list and telling its rows apart.

A county list looks like this (any part may be missing or moved):

    阳城县2024年重点工程项目表                         ← merged title row
                                        单位：亿元     ← unit row
    序号 | 项目名称 | 建设性质 | 投资（万元）      | …   ← header, possibly two rows with merged cells
         |          |          | 总投资 | 2024年计划投资
         | 合计     |          | 1129.45 | 123.14      ← 合计: checked against all projects
    一、省级重点工程（6项）                            ← section row: sets the tier; may carry its subtotal
    1    | …        | 续建     | 12.3  | 4.5           ← a project
         | 小计     |          | …     | …             ← 小计: checked against its section's projects
    注：…                                              ← a note, ignored

The header is the first of the top rows that names the project column and at least one other known
column; the row below it belongs to the header when the name cell there is empty (merged) and it
holds header words. A column's unit comes from its own header (总投资(亿元)), else from a merged
group header above it (投资（亿元）), else from the sheet's unit row, else 万元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise

from .cells import compact, is_blank
from .workbook import Sheet, column_letter

HEADER_SEARCH_ROWS = 15
_UNIT_RE = re.compile(r"[(\[]?(?:金额)?(?:单位[:]?)?(亿元|万元|元)[)\]]?")
_SHEET_UNIT_RE = re.compile(r"单位[:]?(亿元|万元|元)")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})年")
_CN_NUMBERS = "一二三四五六七八九十"
_SECTION_L1 = re.compile(rf"^(?:[{_CN_NUMBERS}]+[、.]|第[{_CN_NUMBERS}]+(?:部分|类|批)[、.:]?)")
_SECTION_L2 = re.compile(rf"^\([{_CN_NUMBERS}]+\)[、.]?")
_SECTION_L3 = re.compile(r"^(?:\d{1,2}[、]|\(\d{1,2}\))")
_COUNT_RE = re.compile(r"(?:共|计)?(\d+)个?项(?:目)?")
_NOTE_RE = re.compile(r"^(?:(?:注|说明|备注)[\d一二三]*[:.、]|填报|制表|审核|联系人|联系电话|单位负责人|统计负责人)")
_UNNUMBERED_TIER = re.compile(r"^(?:省级|市级|县级)(?:重点)?(?:工程|项目)(?:项目)?(?:\(.*\))?[:]?$")
_UNNUMBERED_NATURE = re.compile(r"^(?:计划)?(?:新建|新开工|续建|前期)(?:项目|工程)?(?:\(.*\))?[:]?$")

TIER_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("province", ("省级", "省重点", "省")),
    ("city", ("市级", "市重点", "市")),
    ("county", ("县级", "县重点", "县")),
]
NATURE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("preliminary", ("前期",)),
    ("continuing", ("续建", "续")),
    ("new", ("新建", "新开工", "计划开工", "新")),
]


def tier_from_text(value: str, *, loose: bool = False) -> str | None:
    """The tier a label names: 省级重点工程 → province. `loose` also accepts a bare 省/市/县 (a tier cell)."""
    key = compact(value).lower()
    if key in ("province", "city", "county"):
        return key
    found = set()
    for tier, words in TIER_WORDS:
        for word in words:
            if len(word) == 1 and not (loose and key.startswith(word)):
                continue
            if word in key:
                found.add(tier)
                break
    return found.pop() if len(found) == 1 else None


def nature_from_text(value: str) -> str | None:
    key = compact(value).lower()
    if key in ("new", "continuing", "preliminary"):
        return key
    for nature, words in NATURE_WORDS:
        if any(word in key for word in words):
            return nature
    return None


@dataclass(frozen=True)
class FieldSpec:
    """A column the reader knows: its header words (compacted, units removed) and patterns."""

    key: str
    label: str | Promise
    words: frozenset[str]
    patterns: tuple[re.Pattern[str], ...] = ()
    amount: bool = False


@dataclass
class Column:
    index: int
    field: str
    header: str  # as the file shows it, e.g. "投资（万元）/总投资"
    unit: str = "万元"
    year: int | None = None
    month: int | None = None

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class Layout:
    header_rows: list[int]
    columns: dict[str, Column]
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (letter, header) not recognised
    duplicates: list[tuple[str, Column]] = field(default_factory=list)  # (letter of the ignored copy, kept column)
    sheet_unit: str | None = None
    skip_rows: set[int] = field(default_factory=set)  # column-number rows (1, 2, 3, …) under the header

    @property
    def first_data_row(self) -> int:
        return max(self.header_rows) + 1

    def letter(self, key: str) -> str:
        column = self.columns.get(key)
        return column.letter if column else ""


def header_variants(value: object) -> tuple[list[str], str | None]:
    """Ways to read one header cell, most literal first, and the unit it names (if any)."""
    if is_blank(value) or not isinstance(value, str):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return [str(value)], None
        return [], None
    key = compact(value).lstrip("*★").rstrip(":")
    unit = None
    match = _UNIT_RE.search(key)
    if match and (match.group(0).startswith(("(", "[")) or key.endswith(match.group(0)) or "单位" in match.group(0)):
        unit = match.group(1)
        key = (key[: match.start()] + key[match.end() :]).strip("/、,")
    variants = [key, re.sub(r"[()\[\]]", "", key), re.sub(r"\([^)]*\)|\[[^\]]*\]", "", key)]
    seen: list[str] = []
    for variant in variants:
        if variant and variant not in seen:
            seen.append(variant)
    return seen, unit


def match_field(variants: list[str], fields: list[FieldSpec]) -> tuple[FieldSpec, re.Match[str] | None] | None:
    for variant in variants:
        for spec in fields:
            if variant in spec.words:
                return spec, None
    for variant in variants:
        for spec in fields:
            for pattern in spec.patterns:
                match = pattern.match(variant)
                if match:
                    return spec, match
    return None


def _row_matches(sheet: Sheet, row: int, fields: list[FieldSpec]) -> dict[str, int]:
    found: dict[str, int] = {}
    width = len(sheet.rows[row - 1]) if row <= len(sheet.rows) else 0
    for col in range(1, width + 1):
        variants, _unit = header_variants(sheet.value(row, col))
        hit = match_field(variants, fields)
        if hit and hit[0].key not in found:
            found[hit[0].key] = col
    return found


def _is_unit_text(value: object) -> bool:
    if not isinstance(value, str):
        return False
    variants, unit = header_variants(value)
    return unit is not None and (not variants or variants == [""])


def _is_column_number_row(sheet: Sheet, row: int) -> bool:
    """A row of column numbers (1, 2, 3, …) under the header, as some lists print."""
    values = [v for v in (sheet.rows[row - 1] if row <= len(sheet.rows) else []) if not is_blank(v)]
    if len(values) < 3:
        return False
    numbers: list[int] = []
    for value in values:
        if isinstance(value, bool):
            continue
        if not isinstance(value, (int, float, str, Decimal)):
            return False  # a date or another value that is no number
        try:
            numbers.append(int(value))
        except ValueError:
            return False
    return len(numbers) == len(values) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def find_layout(sheet: Sheet, fields: list[FieldSpec], *, name_key: str = "name") -> Layout | None:
    """The header of the sheet and what each column holds, or None when no header is found."""
    header_row = _first_header_row(sheet, fields, name_key)
    if header_row is None:
        return None
    header_rows = _header_rows(sheet, fields, header_row, name_key)
    skip_rows = set()
    after = max(header_rows) + 1
    if after <= len(sheet.rows) and _is_column_number_row(sheet, after):
        skip_rows.add(after)
    sheet_unit = _sheet_unit(sheet, header_rows)
    layout = Layout(header_rows=header_rows, columns={}, sheet_unit=sheet_unit, skip_rows=skip_rows)
    width = max([len(sheet.rows[r - 1]) for r in header_rows] + [m[3] for m in sheet.merges if m[0] in header_rows])
    for col in range(1, width + 1):
        texts = _header_texts(sheet, header_rows, col)
        if not texts:
            continue
        hit, unit = _match_header(texts, fields)
        shown = re.sub(r"\s+", "", str(texts[-1]))
        if hit is None:
            if not all(_is_unit_text(t) for t in texts):
                layout.ignored.append((column_letter(col), shown))
            continue
        spec, match = hit
        year, month = _column_period(match, texts)
        column = Column(
            index=col,
            field=spec.key,
            header=shown,
            unit=unit or _group_unit(sheet, header_rows, col) or sheet_unit or "万元",
            year=year,
            month=month,
        )
        if spec.key in layout.columns:
            layout.duplicates.append((column.letter, layout.columns[spec.key]))
            continue
        layout.columns[spec.key] = column
    return layout


def _first_header_row(sheet: Sheet, fields: list[FieldSpec], name_key: str) -> int | None:
    """The first of the top rows naming the project column and at least one other known column."""
    for row in range(1, min(HEADER_SEARCH_ROWS, len(sheet.rows)) + 1):
        found = _row_matches(sheet, row, fields)
        if name_key in found and len(found) >= 2:
            return row
    return None


def _header_rows(sheet: Sheet, fields: list[FieldSpec], header_row: int, name_key: str) -> list[int]:
    """The header row, and the row below it when that belongs to the header: its name cell is empty
    and either merged into the header's or the row holds header words or units."""
    header_rows = [header_row]
    name_col = _row_matches(sheet, header_row, fields)[name_key]
    below = header_row + 1
    if below <= len(sheet.rows):
        merge = sheet.merge_at(header_row, name_col)
        name_merged_down = merge is not None and merge[0] == header_row and merge[2] >= below
        below_values = [v for v in sheet.rows[below - 1] if not is_blank(v)]
        headerish = bool(_row_matches(sheet, below, fields)) or any(_is_unit_text(v) for v in below_values)
        if below_values and is_blank(sheet.value(below, name_col)) and (name_merged_down or headerish):
            header_rows.append(below)
    return header_rows


def _sheet_unit(sheet: Sheet, header_rows: list[int]) -> str | None:
    """The sheet's unit: a "单位：亿元" anywhere above the data (title, unit row, a header corner); the last wins."""
    sheet_unit = None
    for row in range(1, max(header_rows) + 1):
        for value in sheet.rows[row - 1] if row <= len(sheet.rows) else []:
            if isinstance(value, str):
                match = _SHEET_UNIT_RE.search(compact(value))
                if match:
                    sheet_unit = match.group(1)
    return sheet_unit


def _header_texts(sheet: Sheet, header_rows: list[int], col: int) -> list[object]:
    """A column's header cells from top to bottom, a merged cell counted once."""
    texts: list[object] = []
    for row in header_rows:
        value = sheet.merged_value(row, col)
        if not is_blank(value) and (not texts or texts[-1] != value):
            texts.append(value)
    return texts


def _match_header(
    texts: list[object], fields: list[FieldSpec]
) -> tuple[tuple[FieldSpec, re.Match[str] | None] | None, str | None]:
    """The field a column's header names, and the unit the header itself gives.

    The lowest cell names the column, except a 合计 / 小计 under a group header (the group's figure);
    failing that, the group header and the cell read together (计划 over 投资: 计划投资)."""
    lower_variants, lower_unit = header_variants(texts[-1])
    upper_variants, upper_unit = header_variants(texts[0]) if len(texts) > 1 else ([], None)
    hit = None
    if lower_variants and lower_variants[0] in ("合计", "小计", "总计", "计") and upper_variants:
        hit = match_field(upper_variants, fields)
    if hit is None:
        hit = match_field(lower_variants, fields)
    if hit is None and upper_variants:
        hit = match_field([u + v for u in upper_variants[:1] for v in lower_variants[:1]], fields)
    return hit, lower_unit or upper_unit


def _group_unit(sheet: Sheet, header_rows: list[int], col: int) -> str | None:
    """The unit of a merged group header above the header rows, e.g. 投资（亿元） over two columns
    (a title merged across the whole sheet is not a group)."""
    full_width = max(sheet.width, 1)
    for row in range(min(header_rows) - 1, 0, -1):
        merge = sheet.merge_at(row, col)
        if merge is None or (merge[3] - merge[1] + 1) >= full_width:
            continue
        _v, group_unit = header_variants(sheet.merged_value(row, col))
        if group_unit:
            return group_unit
    return None


def _column_period(match: re.Match[str] | None, texts: list[object]) -> tuple[int | None, int | None]:
    """The year (and month) a column is for: from the field's pattern (2024年计划投资, 1-3月累计), else
    a year anywhere in its header."""
    year = None
    month = None
    if match is not None:
        groups = match.groupdict()
        year = int(groups["year"]) if groups.get("year") else None
        month = int(groups["month"]) if groups.get("month") else None
    if year is None:
        for text in texts:
            found_year = _YEAR_RE.search(compact(str(text)))
            if found_year:
                year = int(found_year.group(1))
                break
    return year, month


# --- rows ---------------------------------------------------------------------------------------


@dataclass
class RowKind:
    kind: str  # "blank" | "data" | "section" | "subtotal" | "total" | "note"
    label: str = ""
    level: int = 0
    tier: str | None = None
    nature: str | None = None
    count: int | None = None


_OTHER_TEXT_FIELDS = ("code", "owner", "scope", "township", "responsible_unit", "liaison_leader", "tier", "nature")


def classify_row(sheet: Sheet, layout: Layout, row: int) -> RowKind:
    """What a row below the header is."""
    values = sheet.rows[row - 1] if row <= len(sheet.rows) else []
    if row in layout.skip_rows or all(is_blank(v) for v in values):
        return RowKind("blank")
    name_column = layout.columns.get("name")
    name_col = name_column.index if name_column else 1
    label_value = _label_value(sheet, row, values, name_col)
    if not isinstance(label_value, str):
        return RowKind("data")
    name_cell = sheet.value(row, name_col)
    label, shown = _label_text(label_value, name_cell)
    # The label cell is the name cell (or merged over it) unless the seq column holds it.
    seq_column = layout.columns.get("seq")
    seq_value = sheet.value(row, seq_column.index) if seq_column else None
    if isinstance(seq_value, (int, float)) and not isinstance(seq_value, bool):
        return RowKind("data")  # a numbered row is a project, whatever its name says
    if len(label) <= 24 and any(word in label for word in ("小计", "合计", "总计")):
        return _sum_row(label, shown)
    if label.startswith("其中") or _NOTE_RE.match(label):
        return RowKind("note", label=label)
    others_blank = all(
        is_blank(sheet.value(row, layout.columns[key].index))
        for key in _OTHER_TEXT_FIELDS
        if key in layout.columns and layout.columns[key].index != name_col
    )
    name_is_label = is_blank(name_cell) or compact(str(name_cell)) in label
    if others_blank and name_is_label:
        return _section_row(label, shown)
    return RowKind("data")


def _label_value(sheet: Sheet, row: int, values: list[object], name_col: int) -> object:
    """The row's label: the first filled cell up to the name column, else any text in the row (a total
    typed under another column)."""
    for col in range(1, name_col + 1):
        value = sheet.value(row, col)
        if not is_blank(value):
            return value
    return next((value for value in values if isinstance(value, str) and not is_blank(value)), None)


def _label_text(label_value: str, name_cell: object) -> tuple[str, str]:
    """The label compacted (for matching) and as the file shows it (for messages)."""
    label = compact(label_value)
    shown = re.sub(r"\s+", " ", str(label_value)).strip()
    if re.fullmatch(rf"\(?[{_CN_NUMBERS}]+\)?", label) and isinstance(name_cell, str) and not is_blank(name_cell):
        # "一" in the number column and "省级重点工程" in the name column: one section label.
        joiner = "" if label.endswith(")") else "、"
        label = label + joiner + compact(name_cell)
        shown = shown + joiner + re.sub(r"\s+", " ", name_cell).strip()
    return label, shown


def _sum_row(label: str, shown: str) -> RowKind:
    """A 小计 of a tier or nature, or the 合计 of everything."""
    tier = tier_from_text(label)
    nature = nature_from_text(label.replace("合计", "").replace("小计", "").replace("总计", ""))
    if "小计" in label or tier or (nature and label != "合计"):
        return RowKind("subtotal", label=shown, tier=tier, nature=nature)
    return RowKind("total", label=shown, count=_count(label))


def _section_row(label: str, shown: str) -> RowKind:
    """A row holding only a label: a numbered section (一、 / （一）), an unnumbered tier or nature
    heading, or a third-level heading naming a tier or nature; anything else is a project."""
    level = 1 if _SECTION_L1.match(label) else 2 if _SECTION_L2.match(label) else 0
    body = _SECTION_L1.sub("", _SECTION_L2.sub("", label))
    tier = tier_from_text(body)
    nature = nature_from_text(body) if level or _UNNUMBERED_NATURE.match(label) else None
    if level:
        if tier:
            nature = nature if nature and any(w in body for w in ("新建", "续建", "前期", "新开工")) else None
        return RowKind("section", label=shown, level=level, tier=tier, nature=nature, count=_count(body))
    if tier and _UNNUMBERED_TIER.match(label):
        return RowKind("section", label=shown, level=1, tier=tier, count=_count(body))
    if _UNNUMBERED_NATURE.match(label):
        return RowKind("section", label=shown, level=2, nature=nature, count=_count(body))
    if _SECTION_L3.match(label) and (tier or nature):
        return RowKind("section", label=shown, level=3, tier=tier, nature=nature, count=_count(body))
    return RowKind("data")


def _count(label: str) -> int | None:
    match = _COUNT_RE.search(label)
    return int(match.group(1)) if match else None


# --- subtotal checks ----------------------------------------------------------------------------


@dataclass
class Group:
    """A section (or the whole sheet) whose projects a 小计/合计 or the section row itself sums."""

    row: int
    label: str
    level: int
    tier: str | None = None
    nature: str | None = None
    count: int | None = None
    members: list[int] = field(default_factory=list)  # data rows
    checks: list[tuple[int, str]] = field(default_factory=list)  # (row, label) of rows holding its sums
    rows_since_check: int = 0


def within_tolerance(stated: Decimal, actual: Decimal, *, decimals: int, factor: Decimal) -> bool:
    """A hand-typed subtotal rounded to `decimals` places of its unit still matches."""
    tolerance = (Decimal(1).scaleb(-decimals) / 2) * factor
    tolerance = max(tolerance, Decimal("0.005"))
    return abs(stated - actual) <= tolerance
