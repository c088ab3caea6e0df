"""Opening occurrences: one per duty and period, with catch-up, never twice (run twice or at once)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
import time_machine
from django.db import IntegrityError, connection
from django.utils import timezone

from cycles.models import Duty, Occurrence
from cycles.services import occurrences_open_due
from tests import factories
from tests.factories import at

pytestmark = pytest.mark.django_db


def keys(duty) -> list[str]:
    return list(Occurrence.objects.filter(duty=duty).order_by("period_start").values_list("period_key", flat=True))


def test_the_weekly_scheduling_opens_at_the_start_of_its_week_with_the_notice_title():
    duty = factories.make_duty("approvals-weekly", cadence="weekly", opens_from=date(2024, 5, 6))
    assert occurrences_open_due(now=at(2024, 5, 6, 0, 10)) == 1
    occurrence = Occurrence.objects.get(duty=duty)
    assert occurrence.title == "前期手续专班 2024年第19周调度"
    assert (occurrence.period_key, occurrence.due_date) == ("2024-W19", date(2024, 5, 10))
    duty.refresh_from_db()
    assert duty.next_due == at(2024, 5, 13)  # the next Monday, 00:00 in Yangcheng


def test_nothing_opens_before_the_period_begins_in_county_time():
    duty = factories.make_duty(cadence="monthly", opens_from=date(2024, 6, 1))
    # 23:59 on 31 May in Yangcheng is already 1 June in no time zone that matters here.
    assert occurrences_open_due(now=at(2024, 5, 31, 23, 59)) == 0
    assert occurrences_open_due(now=at(2024, 6, 1, 0, 0)) == 1
    assert keys(duty) == ["2024-06"]


@pytest.mark.parametrize(
    ("cadence", "year", "expected"),
    [
        ("weekly", 2024, 52),
        ("weekly", 2020, 53),
        ("semi_monthly", 2024, 24),
        ("monthly", 2024, 12),
        ("quarterly", 2024, 4),
        ("half_yearly", 2024, 2),
        ("yearly", 2024, 1),
    ],
)
def test_a_whole_year_opens_each_period_once(cadence, year, expected):
    first_day = date(year, 1, 1) if cadence != "weekly" else period_monday(year)
    duty = factories.make_duty(cadence=cadence, opens_from=first_day)
    # The last moment of the year's last period (for weeks: the Sunday ending ISO week 52/53).
    end = at(year, 12, 31, 23, 59) if cadence != "weekly" else at(*sunday_ending_last_iso_week(year), 23, 59)
    assert occurrences_open_due(now=end) == expected
    assert len(keys(duty)) == expected
    assert len(set(keys(duty))) == expected


def period_monday(year: int) -> date:
    return date.fromisocalendar(year, 1, 1)


def sunday_ending_last_iso_week(year: int) -> tuple[int, int, int]:
    last_week = date(year, 12, 28).isocalendar()[1]
    sunday = date.fromisocalendar(year, last_week, 7)
    return sunday.year, sunday.month, sunday.day


def test_catch_up_after_a_gap_opens_the_missed_periods_once():
    duty = factories.make_duty(cadence="monthly", opens_from=date(2024, 1, 1))
    assert occurrences_open_due(now=at(2024, 1, 15, 9)) == 1
    # Beat and the worker were down from mid-January to early May: the next run opens Feb..May.
    with time_machine.travel(at(2024, 5, 3, 9), tick=False):
        assert occurrences_open_due(now=timezone.now()) == 4
    assert keys(duty) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert occurrences_open_due(now=at(2024, 5, 3, 9, 10)) == 0


def test_run_twice_at_the_same_time_the_second_opens_nothing():
    factories.make_duty(cadence="weekly", opens_from=date(2024, 1, 1))
    factories.make_duty(cadence="semi_monthly", opens_from=date(2024, 1, 1))
    now = at(2024, 5, 6, 9)
    first = occurrences_open_due(now=now)
    assert first == 19 + 9
    assert occurrences_open_due(now=now) == 0
    assert Occurrence.objects.count() == first


def test_a_stale_next_due_does_not_open_a_period_twice():
    """Even if a duty's next_due were moved back (a restore, a hand edit), existing periods stay single."""
    duty = factories.make_duty(cadence="monthly", opens_from=date(2024, 1, 1))
    occurrences_open_due(now=at(2024, 3, 2, 9))
    Duty.objects.filter(pk=duty.pk).update(next_due=at(2024, 1, 1))
    assert occurrences_open_due(now=at(2024, 3, 2, 9)) == 0
    assert keys(duty) == ["2024-01", "2024-02", "2024-03"]


def test_the_database_refuses_a_second_occurrence_for_a_period():
    duty = factories.make_duty(cadence="monthly", opens_from=date(2024, 1, 1))
    occurrences_open_due(now=at(2024, 1, 2, 9))
    original = Occurrence.objects.get(duty=duty)
    with pytest.raises(IntegrityError):
        Occurrence.objects.create(
            duty=duty,
            period_key=original.period_key,
            period_start=original.period_start,
            period_end=original.period_end,
            due_date=original.due_date,
            title="x",
            opened_at=timezone.now(),
        )


def test_inactive_and_ad_hoc_duties_open_nothing_by_themselves():
    factories.make_duty(cadence="monthly", opens_from=date(2024, 1, 1), active=False)
    factories.make_duty(cadence="ad_hoc", opens_from=date(2024, 1, 1))
    assert occurrences_open_due(now=at(2024, 6, 1, 9)) == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_on_postgresql_open_each_period_exactly_once():
    duties = [
        factories.make_duty(cadence=c, opens_from=date(2024, 1, 1))
        for c in ("weekly", "semi_monthly", "monthly", "quarterly")
    ]
    now = at(2024, 12, 31, 23, 0)
    barrier = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(occurrences_open_due(now=now))
        except BaseException as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    # 2024-W01..W52 plus 2025-W01 (it starts on Monday 30 December 2024), 24 half months, 12 months, 4 quarters.
    expected = 53 + 24 + 12 + 4
    assert sum(results) == expected
    assert Occurrence.objects.count() == expected
    for duty in duties:
        assert (
            Occurrence.objects.filter(duty=duty).values("period_key").distinct().count()
            == Occurrence.objects.filter(duty=duty).count()
        )
