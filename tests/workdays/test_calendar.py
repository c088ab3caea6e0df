"""Working days as the State Council publishes them, with the county's overrides for unknown years."""

from __future__ import annotations

from datetime import date

import pytest

from core.workdays import Calendar, known_year
from workdays.models import DayOverride
from workdays.selectors import county_calendar, unknown_year_warning

CAL = Calendar()


def test_a_make_up_saturday_is_a_working_day_and_a_national_day_wednesday_is_not():
    assert CAL.is_workday(date(2024, 10, 12))  # Saturday, 调休 for 国庆 2024
    assert not CAL.is_workday(date(2024, 10, 2))  # Wednesday in the 国庆 holiday
    assert CAL.is_workday(date(2024, 2, 18))  # Sunday, 调休 after 春节 2024
    assert not CAL.is_workday(date(2024, 2, 14))  # Wednesday in 春节


def test_a_deadline_on_national_day_moves_to_the_first_working_day_after_it():
    assert CAL.next_workday(date(2024, 10, 1)) == date(2024, 10, 8)
    assert CAL.next_workday(date(2024, 10, 8)) == date(2024, 10, 8)


def test_a_problem_due_on_friday_is_one_working_day_overdue_on_monday_not_on_saturday():
    friday = date(2024, 5, 31)
    assert CAL.workdays_between(friday, date(2024, 6, 1)) == 0  # Saturday
    assert CAL.workdays_between(friday, date(2024, 6, 2)) == 0  # Sunday
    assert CAL.workdays_between(friday, date(2024, 6, 3)) == 1  # Monday


def test_working_days_are_counted_across_the_spring_festival_with_its_make_up_sunday():
    # 春节 2024: 10–17 February are holidays, Sunday 4 and Sunday 18 February working days.
    assert CAL.add_workdays(date(2024, 2, 9), 1) == date(2024, 2, 18)
    assert CAL.workdays_between(date(2024, 2, 9), date(2024, 2, 19)) == 2
    assert CAL.is_workday(date(2024, 2, 4))


def test_adding_zero_working_days_lands_on_a_working_day():
    assert CAL.add_workdays(date(2024, 10, 5), 0) == date(2024, 10, 8)
    assert CAL.add_workdays(date(2024, 10, 8), 0) == date(2024, 10, 8)


def test_a_year_the_library_does_not_know_counts_weekdays_until_overridden():
    assert not known_year(2099) and known_year(2024)
    assert CAL.is_workday(date(2099, 1, 1))  # a Thursday: unknown, so a weekday counts
    cal = Calendar(overrides={date(2099, 1, 1): False, date(2099, 1, 3): True})
    assert not cal.is_workday(date(2099, 1, 1)) and cal.is_workday(date(2099, 1, 3))  # 3 Jan 2099 is a Saturday


@pytest.mark.django_db
def test_overrides_from_the_database_win_over_the_national_calendar():
    DayOverride.objects.create(day=date(2024, 10, 12), is_workday=False, note="县里另行安排")
    assert not county_calendar().is_workday(date(2024, 10, 12))


@pytest.mark.django_db
def test_an_unknown_coming_year_without_overrides_is_warned_about_until_one_is_recorded():
    assert unknown_year_warning(today=date(2098, 12, 1)) == 2099
    DayOverride.objects.create(day=date(2099, 1, 1), is_workday=False, note="元旦")
    assert unknown_year_warning(today=date(2098, 12, 1)) is None
    assert unknown_year_warning(today=date(2024, 12, 1)) is None  # 2025 is published
