"""Turning one cell's value into an amount, a date, a span of years or a piece of text.

County lists are typed by hand: amounts arrive as numbers, as floats in 亿元, or as text with
thousands separators and full-width digits; dates as real dates, "2024年3月", "2024.03", or a span
"2024-2026". Everything here is exact: floats are read through their shortest repr (what Excel
shows), converted to 万元 and rounded to 0.01 万元 (100 元), below which county lists never go.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core.periods import month_end

from .problems import CellError

CENT = Decimal("0.01")
# Anything finer than this in 万元 is float noise (0.1 + 0.2 = 0.30000000000000004), not a figure.
NOISE = Decimal("0.000001")

UNIT_FACTORS: dict[str, Decimal] = {
    "万元": Decimal("1"),
    "亿元": Decimal("10000"),
    "元": Decimal("0.0001"),
}
_UNIT_SUFFIX = re.compile(r"(亿元|万元|元|亿|万)$")
_SUFFIX_UNIT = {"亿": "亿元", "万": "万元"}
# Cells that mean "nothing here" in hand-made lists.
BLANK_MARKS = {"", "-", "--", "—", "——", "–", "/", "\\", "无", "暂无", "空"}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
# Thousands separators group three digits: "1,234.5" is an amount, "1,1" a typo (1.1? 11?) to ask about.
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def normalize(text: str) -> str:
    """Full-width to half-width (（）：，１２), no surrounding whitespace, one kind of newline."""
    text = unicodedata.normalize("NFKC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def compact(text: str) -> str:
    """normalize() and no whitespace at all: for comparing names and header words."""
    return re.sub(r"\s+", "", normalize(text))


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return compact(value) in BLANK_MARKS
    return False


def display(value: object) -> str:
    """A cell value as the reader would recognise it in a message."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def text(value: object) -> str:
    """A text field: numbers without a spurious ".0" (codes typed as numbers), dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (datetime, date)):
        return display(value)
    result = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").strip()
    return "\n".join(line.rstrip() for line in result.split("\n"))


def money(value: Decimal) -> str:
    """An amount in 万元 as messages show it: 1,234,567.89."""
    return f"{value:,.2f}"


def one_line(value: object) -> str:
    """A name or a short field: one line, single spaces."""
    return re.sub(r"\s+", " ", text(value)).strip()


@dataclass(frozen=True)
class Amount:
    value: Decimal  # in 万元, two places
    rounded: bool  # digits below 0.01 万元 were dropped (worth a warning)


def _decimal(value: object) -> Decimal | None:
    """The number in a cell as an exact Decimal, or None when it holds none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return Decimal(repr(value))  # the shortest repr: what Excel displays, not the binary expansion
    return None


def parse_amount(value: object, *, unit: str = "万元") -> Amount | None:
    """An amount in 万元 from a cell in `unit`; None for a blank cell. Raises CellError."""
    if is_blank(value):
        return None
    factor = UNIT_FACTORS[unit]
    number = _decimal(value)
    if number is None:
        if isinstance(value, (datetime, date)):
            raise CellError(_("“%(value)s” is a date, not an amount") % {"value": display(value)})
        if not isinstance(value, str):
            raise CellError(_("“%(value)s” is not an amount") % {"value": display(value)})
        raw = compact(value).replace("'", ",")
        match = _UNIT_SUFFIX.search(raw)
        if match:
            suffix = match.group(1)
            factor = UNIT_FACTORS[_SUFFIX_UNIT.get(suffix, suffix)]
            raw = raw[: match.start()]
        if "," in raw:
            if not _GROUPED.match(raw):
                raise CellError(
                    _(
                        "“%(value)s” is not an amount: a thousands separator must stand before groups of three digits (write 1,234.5 or 1234.5)"
                    )
                    % {"value": display(value)}
                )
            raw = raw.replace(",", "")
        if not _NUMBER.match(raw):
            raise CellError(_("“%(value)s” is not an amount") % {"value": display(value)})
        try:
            number = Decimal(raw)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
            raise CellError(_("“%(value)s” is not an amount") % {"value": display(value)}) from None
    if number < 0:
        raise CellError(_("the amount may not be negative: %(value)s") % {"value": display(value)})
    exact = number * factor
    cleaned = exact.quantize(NOISE, rounding=ROUND_HALF_UP) if exact.adjusted() < 20 else exact
    result = exact.quantize(CENT, rounding=ROUND_HALF_UP)
    return Amount(value=result, rounded=cleaned != result)


def decimals_shown(value: object) -> int:
    """How many decimal places a typed figure has (for the tolerance of a hand-typed subtotal)."""
    number = _decimal(value)
    if number is None and isinstance(value, str):
        raw = _UNIT_SUFFIX.sub("", compact(value).replace(",", ""))
        try:
            number = Decimal(raw)
        except InvalidOperation:
            return 2
    if number is None:
        return 2
    # Float noise is not a typed decimal place.
    number = number.quantize(NOISE, rounding=ROUND_HALF_UP).normalize() if number.adjusted() < 20 else number
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 2


# --- dates ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the cell gave it: a day, a month or a whole year."""

    first: date
    last: date
    precision: str  # "day" | "month" | "year"

    def contains(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.last


def _make(year: int, month: int | None = None, day: int | None = None) -> DateValue:
    if not 1900 <= year <= 2100:
        raise ValueError(year)
    if month is None:
        return DateValue(date(year, 1, 1), date(year, 12, 31), "year")
    if not 1 <= month <= 12:
        raise ValueError(month)
    if day is None:
        return DateValue(date(year, month, 1), month_end(year, month), "month")
    exact = date(year, month, day)
    return DateValue(exact, exact, "day")


_DATE_PATTERNS = [
    re.compile(r"^(?P<y>\d{4})年?$"),
    re.compile(r"^(?P<y>\d{4})(?:年|[./-])(?P<m>\d{1,2})月?(?:份)?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})$"),  # 202403
    re.compile(r"^(?P<y>\d{4})(?:年|[./-])(?P<m>\d{1,2})(?:月|[./-])(?P<d>\d{1,2})日?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),  # 20240315
]
_SPAN_SEPARATORS = re.compile(r"(?:--|-|—+|–|~|至|到|—)")
# Serial numbers of days that Excel shows as dates when the cell is formatted as one.
_EXCEL_EPOCH = date(1899, 12, 30)


def _from_text(raw: str) -> DateValue | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.match(raw)
        if not match:
            continue
        parts = match.groupdict()
        try:
            return _make(
                int(parts["y"]),
                int(parts["m"]) if parts.get("m") else None,
                int(parts["d"]) if parts.get("d") else None,
            )
        except ValueError:
            return None
    return None


def parse_date(value: object, *, number_format: str = "") -> DateValue | None:
    """A date from a cell; None when blank. Raises CellError with the reason."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return _make(value.year, value.month, value.day)
    if isinstance(value, date):
        return _make(value.year, value.month, value.day)
    bad = CellError(
        _("“%(value)s” is not a date (write 2024-03-15, 2024年3月 or 2024.03)") % {"value": display(value)}
    )
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = _decimal(value)
        if number is None:
            raise bad
        if number == number.to_integral_value():
            whole = int(number)
            if 1900 <= whole <= 2100:
                return _make(whole)
            if 20000 <= whole <= 80000:  # a date serial number in a cell not formatted as a date
                day = _EXCEL_EPOCH + timedelta(days=whole)
                return _make(day.year, day.month, day.day)
            raise bad
        # 2024.03 typed into a number cell arrives as the float 2024.03; 2024.10 as 2024.1.
        shown = repr(float(number))
        year_part, _dot, month_part = shown.partition(".")
        if len(month_part) == 1 and re.search(r"0\.00", number_format or ""):
            month_part += "0"  # the cell displays two decimals: "2024.10" is October
        try:
            return _make(int(year_part), int(month_part))
        except ValueError:
            raise bad from None
    raw = compact(str(value))
    parsed = _from_text(raw)
    if parsed is None:
        raise bad
    return parsed


def parse_span(value: object, *, number_format: str = "") -> tuple[DateValue | None, DateValue | None]:
    """A construction period: "2024-2026", "2024.3-2025.12", "2024年3月至2026年" or a single date."""
    if is_blank(value):
        return None, None
    try:
        single = parse_date(value, number_format=number_format)
    except CellError:
        if not isinstance(value, str):
            raise
    else:
        return single, single
    raw = compact(value)
    for match in _SPAN_SEPARATORS.finditer(raw):
        left, right = raw[: match.start()], raw[match.end() :]
        first, last = _from_text(left), _from_text(right)
        if first is not None and last is not None:
            if last.last < first.first:
                raise CellError(_("the period “%(value)s” ends before it begins") % {"value": display(value)})
            return first, last
    raise CellError(
        _("“%(value)s” is not a period of construction (write 2024-2026 or 2024.03-2025.12)")
        % {"value": display(value)}
    )


def is_ambiguous_month(value: object, number_format: str = "") -> bool:
    """2024.1 in a number cell: January, or October that Excel shortened to one decimal?"""
    if not isinstance(value, float) or value.is_integer():
        return False
    shown = repr(value)
    return shown.endswith(".1") and not re.search(r"0\.00", number_format or "")
