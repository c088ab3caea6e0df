"""The calendar arithmetic of cadences: keys, bounds, due dates, labels (pure functions, no database)."""

from __future__ import annotations

from datetime import date

from django.utils import translation

from cycles.periods import due_date, next_period, period_containing, periods_between


def test_weekly_periods_are_iso_weeks_keyed_by_iso_year():
    period = period_containing("weekly", date(2024, 5, 8))
    assert (period.key, period.start, period.end) == ("2024-W19", date(2024, 5, 6), date(2024, 5, 12))
    # 30 Dec 2024 is a Monday that belongs to ISO week 1 of 2025.
    assert period_containing("weekly", date(2024, 12, 31)).key == "2025-W01"
    # 2020 had 53 ISO weeks; its last one runs into 2021.
    assert period_containing("weekly", date(2021, 1, 2)).key == "2020-W53"


def test_semi_monthly_periods_split_at_the_fifteenth():
    first = period_containing("semi_monthly", date(2024, 2, 15))
    second = next_period(first)
    assert (first.key, first.end) == ("2024-02-H1", date(2024, 2, 15))
    assert (second.key, second.start, second.end) == ("2024-02-H2", date(2024, 2, 16), date(2024, 2, 29))


def test_monthly_quarterly_half_yearly_and_yearly_keys():
    day = date(2024, 5, 20)
    assert period_containing("monthly", day).key == "2024-05"
    assert period_containing("quarterly", day).key == "2024-Q2"
    assert period_containing("quarterly", day).end == date(2024, 6, 30)
    assert period_containing("half_yearly", day).key == "2024-H1"
    assert period_containing("yearly", day).key == "2024"


def test_a_year_has_52_or_53_weeks_24_half_months_12_months_4_quarters():
    def count(cadence, year):
        return sum(
            1 for p in periods_between(cadence, date(year, 1, 1), date(year, 12, 31)) if p.key.startswith(str(year))
        )

    assert count("weekly", 2024) == 52
    assert count("weekly", 2020) == 53
    assert count("semi_monthly", 2024) == 24
    assert count("monthly", 2024) == 12
    assert count("quarterly", 2024) == 4
    assert count("half_yearly", 2024) == 2
    assert count("yearly", 2024) == 1


def test_due_dates_follow_the_duty_parameters_and_clamp_to_the_month_end():
    week = period_containing("weekly", date(2024, 5, 8))
    assert due_date(week, weekday=4) == date(2024, 5, 10)
    first, second = periods_between("semi_monthly", date(2024, 2, 1), date(2024, 2, 20))
    assert due_date(first, day=14, second_day=30) == date(2024, 2, 14)
    assert due_date(second, day=14, second_day=30) == date(2024, 2, 29)  # no 30 February
    assert due_date(period_containing("monthly", date(2024, 4, 3)), day=31) == date(2024, 4, 30)
    assert due_date(period_containing("quarterly", date(2024, 4, 3)), month_in_period=2, day=20) == date(2024, 5, 20)
    assert due_date(period_containing("half_yearly", date(2024, 8, 3)), month_in_period=4, day=30) == date(
        2024, 10, 30
    )
    assert due_date(period_containing("yearly", date(2024, 8, 3)), month_in_period=12, day=31) == date(2024, 12, 31)


def test_labels_read_as_the_county_writes_them():
    with translation.override("zh-hans"):
        assert period_containing("weekly", date(2024, 5, 8)).label == "2024年第19周"
        assert period_containing("semi_monthly", date(2024, 5, 20)).label == "2024年5月下半月"
        assert period_containing("monthly", date(2024, 5, 20)).label == "2024年5月"
        assert period_containing("quarterly", date(2024, 5, 20)).label == "2024年第2季度"
        assert period_containing("yearly", date(2024, 5, 20)).label == "2024年度"
