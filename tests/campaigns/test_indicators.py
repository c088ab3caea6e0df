"""Indicators against hand-computed cases: trips per month, events per year, colours and gaps,
unit targets, "≤" targets, the problem ledger's figures and the completion rate against time progress."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from campaigns.engine import Engine
from campaigns.models import CampaignYear, IndicatorUnitTarget
from campaigns.selectors import problem_figures_by_level
from problems.models import ProblemEvent
from taskforces.models import Industry, PromotionEvent, Trip
from tests import factories

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _trip(unit, day: date) -> Trip:
    return Trip.objects.create(unit=unit, date=day, destination="苏州", participants="镇长等3人")


@pytest.fixture
def trips(township, other_township):
    """凤城镇: two trips in May, one in June. 北留镇: none."""
    _trip(township, date(2024, 5, 6))
    _trip(township, date(2024, 5, 20))
    _trip(township, date(2024, 6, 11))
    return factories.make_indicator(
        "attraction", "attraction.trips", scope="townships", period="month", unit="times", value=2
    )


def test_trips_are_counted_per_township_per_month_against_two(trips, township, other_township):
    may = Engine(year=2024, month=5)
    ev = may.evaluate(trips, township)
    assert (ev.actual, ev.target, ev.met, ev.status, ev.gap_text) == (2, 2, True, "green", "恰好达标")
    ev = may.evaluate(trips, other_township)
    assert (ev.actual, ev.met, ev.status, ev.gap_text) == (0, False, "red", "还差 2 次")
    june = Engine(year=2024, month=6).evaluate(trips, township)
    # One trip is half of the two due: below the 80% yellow line.
    assert (june.actual, june.status, june.gap_text) == (1, "red", "还差 1 次")
    assert [r.when for r in may.evaluate(trips, township).records] == [date(2024, 5, 6), date(2024, 5, 20)]


def test_the_yellow_line_is_a_setting_of_the_year(trips, township):
    CampaignYear.objects.create(year=2024, yellow_ratio=Decimal("0.50"))
    assert Engine(year=2024, month=6).evaluate(trips, township).status == "yellow"


def test_a_monthly_rule_evaluated_over_a_quarter_asks_for_two_a_month(trips, township):
    engine = Engine(year=2024, month=5)
    ev = engine.evaluate(trips, township, over="quarter")  # April–May of the second quarter
    assert (ev.actual, ev.target, ev.due) == (2, 6, 4)
    assert ev.achievement == Decimal("0.5")


def test_promotion_events_per_year_compare_with_the_target_due_by_now():
    chain = Industry.objects.get_or_create(name="陶瓷琉璃", defaults={"group": "key_field"})[0]
    PromotionEvent.objects.create(
        kind="comprehensive", title="春季投资环境推介会", date=date(2024, 3, 20), place="太原"
    )
    for month in (4, 5, 6):
        PromotionEvent.objects.create(
            kind="industry_chain", chain=chain, title=f"陶瓷产业链推介{month}", date=date(2024, month, 9), place="佛山"
        )
    comprehensive = factories.make_indicator(
        "attraction", "attraction.promotions_comprehensive", unit="times", value=2
    )
    chain_events = factories.make_indicator("attraction", "attraction.promotions_chain", unit="times", value=5)
    june = Engine(year=2024, month=6)
    ev = june.evaluate(comprehensive, None)
    # One event by June against 2 a year: 1 due by now, so on track but not yet met.
    assert (ev.actual, ev.due, ev.met, ev.status, ev.status_label) == (1, 1, False, "green", "进度达标")
    ev = june.evaluate(chain_events, None)
    assert (ev.actual, ev.due, ev.met, ev.status) == (3, Decimal("2.5"), False, "green")
    assert ev.gap_text == "还差 2 次"
    december = Engine(year=2024, month=12)
    assert december.evaluate(comprehensive, None).status == "red"
    assert december.evaluate(chain_events, None).gap_text == "还差 2 次"


def test_a_units_own_target_replaces_the_general_one(township, other_township):
    factories.make_industrial_project(township, signed_on=date(2024, 2, 1))
    indicator = factories.make_indicator("five-batches", "five_batches.signed", scope="townships", value=3)
    IndicatorUnitTarget.objects.create(indicator=indicator, unit=township, target_value=1)
    engine = Engine(year=2024, month=12)
    assert (engine.evaluate(indicator, township).target, engine.evaluate(indicator, township).met) == (1, True)
    assert engine.evaluate(indicator, other_township).target == 3


def test_an_at_most_target_is_red_above_the_limit_and_says_so(township):
    factories.make_problem(deadline=date(2024, 5, 10), owner_unit=township)
    factories.make_problem(deadline=date(2024, 6, 30), owner_unit=township)
    indicator = factories.make_indicator(
        "scheduling", "problems.overdue", scope="townships", period="month", comparison="lte", value=0
    )
    ev = Engine(year=2024, month=5).evaluate(indicator, township)
    assert (ev.actual, ev.met, ev.status, ev.gap_text) == (1, False, "red", "超出上限 1 个")
    assert Engine(year=2024, month=7).evaluate(indicator, township).actual == 2


def test_problem_ledger_figures_by_level():
    resolved = factories.make_problem(level="taskforce", deadline=date(2024, 5, 20))
    resolved.status = "resolved"
    resolved.resolved_at = datetime(2024, 5, 13, 10, tzinfo=SHANGHAI)  # 12 days after 1 May
    resolved.save()
    factories.make_problem(level="taskforce", deadline=date(2024, 5, 10))  # overdue at the end of May
    escalated = factories.make_problem(level="deputy", deadline=date(2024, 6, 30))
    ProblemEvent.objects.create(
        problem=escalated,
        at=datetime(2024, 5, 21, 9, tzinfo=SHANGHAI),
        kind="escalated",
        from_level="taskforce",
        to_level="deputy",
    )
    levels = {f.level: f for f in problem_figures_by_level(year=2024, month=5)}
    assert (levels["taskforce"].open, levels["taskforce"].overdue, levels["taskforce"].resolved) == (1, 1, 1)
    assert levels["taskforce"].average_days == Decimal("12")
    assert (levels["deputy"].open, levels["deputy"].escalated, levels["deputy"].overdue) == (1, 1, 0)
    assert (levels[""].open, levels[""].resolved, levels[""].escalated) == (2, 1, 1)


def test_completion_rate_is_due_at_time_progress(township):
    project = factories.make_project(township=township, annual_plan="1200")
    for month in range(1, 6):
        factories.make_progress(project, month=month, completed="100")  # 500 of 1,200 by May: 41.67%
    indicator = factories.make_indicator(
        "assessment", "register.completion_rate", scope="county_townships", unit="percent", value=100
    )
    ev = Engine(year=2024, month=5).evaluate(indicator, township)
    assert ev.actual is not None and ev.due is not None
    assert ev.actual.quantize(Decimal("0.01")) == Decimal("41.67")
    assert ev.due.quantize(Decimal("0.01")) == Decimal("41.67")  # 5/12 of 100%
    assert ev.status == "green" and not ev.met
    ev = Engine(year=2024, month=6).evaluate(indicator, township)  # no progress in June: 41.67 against 50
    assert ev.status == "yellow" and ev.gap_text == "还差 58.33 个百分点"


def test_every_figure_lists_the_records_it_was_computed_from(trips, township):
    ev = Engine(year=2024, month=5).evaluate(trips, township)
    assert len(ev.records) == ev.actual == 2
    assert all(r.label.startswith(township.name) for r in ev.records)


def test_a_metric_whose_ledger_is_missing_answers_no_data(township):
    indicator = factories.make_indicator("attraction", "no.such_metric", scope="townships", value=1)
    ev = Engine(year=2024, month=5).evaluate(indicator, township)
    assert (ev.actual, ev.status, ev.met, ev.gap_text) == (None, "none", False, "无数据")
