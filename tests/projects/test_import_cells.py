"""One cell at a time: amounts, dates and construction periods as county lists type them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from projects.excel.reader.cells import Amount, DateValue, parse_amount, parse_date, parse_span
from projects.excel.reader.problems import CellError


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1.23, "亿元", "12300.00"),  # the float 1.23 is 1.229999… in binary; read through its repr it is exact
        (0.1 + 0.2, "亿元", "3000.00"),  # float noise from a cached SUM
        (106.99, "亿元", "1069900.00"),
        (17.61, "亿元", "176100.00"),
        (1600500, "万元", "1600500.00"),
        ("1,234.56", "万元", "1234.56"),
        ("１２，３４５", "万元", "12345.00"),  # full-width digits and comma
        (" 12.5 ", "亿元", "125000.00"),
        ("3.5亿元", "万元", "35000.00"),  # a unit in the cell wins over the column's
        ("1200万元", "亿元", "1200.00"),
        ("5000000元", "万元", "500.00"),
        (Decimal("7.77"), "万元", "7.77"),
        (0, "万元", "0.00"),
    ],
)
def test_amounts_are_exact_decimals_in_wan(value, unit, expected):
    amount = parse_amount(value, unit=unit)
    assert amount is not None
    assert amount.value == Decimal(expected)
    assert str(amount.value) == expected


@pytest.mark.parametrize("value", [None, "", "  ", "-", "—", "/", "无"])
def test_blank_marks_are_no_amount(value):
    assert parse_amount(value) is None


def test_negative_amount_is_refused_in_chinese():
    with pytest.raises(CellError) as exc:
        parse_amount(-5, unit="万元")
    assert "不能为负数" in exc.value.message


@pytest.mark.parametrize("value", ["待定", "约5000", "12..3", datetime(2024, 3, 1)])  # noqa: DTZ001  # a cell value: Excel has no time zones
def test_non_numeric_amount_is_refused(value):
    with pytest.raises(CellError):
        parse_amount(value)


@pytest.mark.parametrize("value", ["1,1", "1,2345", "12,34.5", ",123"])
def test_a_comma_that_does_not_group_thousands_is_refused_not_dropped(value):
    # "1,1" once became 11: a typo for 1.1 silently read as ten times the amount.
    with pytest.raises(CellError) as exc:
        parse_amount(value, unit="亿元")
    assert "千分位" in exc.value.message


def _amount(value: object, *, unit: str) -> Amount:
    amount = parse_amount(value, unit=unit)
    assert amount is not None
    return amount


def _date(value: object, *, number_format: str = "") -> DateValue:
    parsed = parse_date(value, number_format=number_format)
    assert parsed is not None
    return parsed


def test_thousands_separators_in_groups_of_three_are_read():
    assert _amount("1,234,567.8", unit="万元").value == Decimal("1234567.80")
    assert _amount("12,345亿元", unit="万元").value == Decimal("123450000.00")


def test_digits_below_a_hundred_yuan_are_rounded_and_flagged():
    amount = _amount(1.234567, unit="亿元")
    assert amount.value == Decimal("12345.67")
    assert amount.rounded is False
    amount = _amount("12.345", unit="万元")
    assert amount.value == Decimal("12.35")
    assert amount.rounded is True


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        (datetime(2024, 3, 15), date(2024, 3, 15), date(2024, 3, 15)),  # noqa: DTZ001  # a cell value, zoneless
        (date(2024, 3, 15), date(2024, 3, 15), date(2024, 3, 15)),
        ("2024年3月", date(2024, 3, 1), date(2024, 3, 31)),
        ("2024年3月15日", date(2024, 3, 15), date(2024, 3, 15)),
        ("2024.03", date(2024, 3, 1), date(2024, 3, 31)),
        ("2024-3", date(2024, 3, 1), date(2024, 3, 31)),
        ("2024/03/15", date(2024, 3, 15), date(2024, 3, 15)),
        ("2024年", date(2024, 1, 1), date(2024, 12, 31)),
        (2024, date(2024, 1, 1), date(2024, 12, 31)),
        (2024.03, date(2024, 3, 1), date(2024, 3, 31)),  # "2024.03" typed into a number cell
        (2024.11, date(2024, 11, 1), date(2024, 11, 30)),
        (45366, date(2024, 3, 15), date(2024, 3, 15)),  # a date serial number without a date format
        ("２０２４年２月", date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_dates_in_every_form(value, first, last):
    parsed = _date(value)
    assert (parsed.first, parsed.last) == (first, last)


def test_number_cell_showing_two_decimals_reads_2024_1_as_october():
    assert _date(2024.1, number_format="0.00").first == date(2024, 10, 1)
    assert _date(2024.1).first == date(2024, 1, 1)


@pytest.mark.parametrize("value", ["明年", "2024年13月", "3月", 12.5])
def test_bad_dates_are_refused(value):
    with pytest.raises(CellError) as exc:
        parse_date(value)
    assert "不是有效的日期" in exc.value.message


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2024-2026", date(2024, 1, 1), date(2026, 12, 31)),
        ("2024—2026年", date(2024, 1, 1), date(2026, 12, 31)),
        ("2024～2025", date(2024, 1, 1), date(2025, 12, 31)),
        ("2024.03-2025.12", date(2024, 3, 1), date(2025, 12, 31)),
        ("2024年3月至2026年", date(2024, 3, 1), date(2026, 12, 31)),
        ("2024-03-2025-06", date(2024, 3, 1), date(2025, 6, 30)),
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-03", date(2024, 3, 1), date(2024, 3, 31)),  # one month, not a span
    ],
)
def test_construction_periods(value, start, end):
    first, last = parse_span(value)
    assert first is not None and last is not None
    assert first.first == start
    assert last.last == end


def test_period_ending_before_it_begins_is_refused():
    with pytest.raises(CellError) as exc:
        parse_span("2026-2024")
    assert "结束早于开始" in exc.value.message
