"""Score tables: the five-batches assessment, the county's weighted assessment (the horse race) with
ties, and the published ranking that does not move afterwards."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import UnitKind
from campaigns.engine import Engine
from campaigns.models import Decision, IndicatorUnitTarget, RankingPublication, Scheme, ScoringItem
from campaigns.services import ranking_publish
from tests import factories

pytestmark = pytest.mark.django_db


def _rows(table):
    return [(row.rank, row.unit.name, row.score, row.met) for row in table.rows]


@pytest.fixture
def five_batches(township, other_township):
    """Signed ≥ 2 (weight 50) and landed ≥ 1 (weight 50) a year.

    凤城镇 signs 2 in 2024 and lands one of them; 北留镇 signs 1 and lands none.
    """
    factories.make_industrial_project(township, signed_on=date(2024, 2, 1), landed_on=date(2024, 4, 1))
    factories.make_industrial_project(township, signed_on=date(2024, 3, 1))
    factories.make_industrial_project(other_township, signed_on=date(2024, 2, 15))
    signed = factories.make_indicator(
        "five-batches", "five_batches.signed", scope="townships", value=2, weights={Scheme.FIVE_BATCHES: 50}
    )
    landed = factories.make_indicator(
        "five-batches", "five_batches.landed", scope="townships", value=1, weights={Scheme.FIVE_BATCHES: 50}
    )
    return signed, landed


def test_five_batches_year_scores(five_batches):
    table = Engine(year=2024, month=12).score_table(Scheme.FIVE_BATCHES, over="year")
    # 凤城镇: 100% × 50 + 100% × 50 = 100. 北留镇: 50% × 50 + 0 = 25.
    assert _rows(table) == [(1, "凤城镇", Decimal("100.00"), 2), (2, "北留镇", Decimal("25.00"), 0)]


def test_five_batches_monthly_score_is_against_the_target_due_by_then(five_batches):
    # By June half of each yearly target is due: 1 signing and 0.5 landings.
    table = Engine(year=2024, month=6).score_table(Scheme.FIVE_BATCHES)
    assert _rows(table) == [(1, "凤城镇", Decimal("100.00"), 2), (2, "北留镇", Decimal("50.00"), 0)]


def test_the_score_of_a_stage_is_configurable(five_batches):
    _signed, landed = five_batches
    ScoringItem.objects.filter(indicator=landed).update(points=Decimal("150"))
    table = Engine(year=2024, month=12).score_table(Scheme.FIVE_BATCHES, over="year")
    # 北留镇: (50 × 50% + 150 × 0) ÷ 200 × 100 = 12.50.
    assert _rows(table)[1] == (2, "北留镇", Decimal("12.50"), 0)


def test_a_townships_own_targets_change_its_score(five_batches, other_township):
    signed, _landed = five_batches
    IndicatorUnitTarget.objects.create(indicator=signed, unit=other_township, target_value=1)
    table = Engine(year=2024, month=12).score_table(Scheme.FIVE_BATCHES, over="year")
    assert _rows(table)[1] == (2, "北留镇", Decimal("50.00"), 1)


@pytest.fixture
def horse_race():
    """Four townships; signed ≥ 2 and landed ≥ 4, weights 50/50 in the county assessment.

    甲镇 signs 2 (100%) and lands none: 50 points, 1 target met.
    乙镇 signs 1 (50%) and lands 2 signed last year (50%): 50 points, no target met.
    丙镇 (listed 5th) and 丁镇 (listed 3rd) do nothing: 0 points each.
    """
    units = {}
    for name, order in (("甲镇", 0), ("乙镇", 1), ("丙镇", 5), ("丁镇", 3)):
        units[name] = factories.make_unit(name, UnitKind.TOWNSHIP)
        units[name].sort_order = order
        units[name].save()
    factories.make_industrial_project(units["甲镇"], signed_on=date(2024, 3, 1))
    factories.make_industrial_project(units["甲镇"], signed_on=date(2024, 4, 1))
    factories.make_industrial_project(units["乙镇"], signed_on=date(2024, 5, 1))
    factories.make_industrial_project(units["乙镇"], signed_on=date(2023, 11, 1), landed_on=date(2024, 2, 1))
    factories.make_industrial_project(units["乙镇"], signed_on=date(2023, 12, 1), landed_on=date(2024, 3, 1))
    signed = factories.make_indicator(
        "five-batches", "five_batches.signed", scope="townships", value=2, weights={Scheme.COUNTY: 50}
    )
    landed = factories.make_indicator(
        "five-batches", "five_batches.landed", scope="townships", value=4, weights={Scheme.COUNTY: 50}
    )
    return units, signed, landed


def test_horse_race_ties_are_broken_by_targets_met_then_share_a_rank(horse_race):
    table = Engine(year=2024, month=12).score_table(Scheme.COUNTY, over="year")
    assert _rows(table) == [
        (1, "甲镇", Decimal("50.00"), 1),
        (2, "乙镇", Decimal("50.00"), 0),  # same score, fewer targets met
        (3, "丁镇", Decimal("0.00"), 0),  # a true tie: the same rank, in the county's unit order
        (3, "丙镇", Decimal("0.00"), 0),
    ]


def test_same_inputs_give_the_same_ranking(horse_race):
    first = _rows(Engine(year=2024, month=12).score_table(Scheme.COUNTY, over="year"))
    second = _rows(Engine(year=2024, month=12).score_table(Scheme.COUNTY, over="year"))
    assert first == second


def test_weights_decide_the_order(horse_race):
    _units, _signed, landed = horse_race
    ScoringItem.objects.filter(indicator=landed).update(points=Decimal("150"))
    table = Engine(year=2024, month=12).score_table(Scheme.COUNTY, over="year")
    # 甲镇: 50 × 100% ÷ 200 = 25; 乙镇: (50 × 50% + 150 × 50%) ÷ 200 = 50.
    assert _rows(table)[:2] == [(1, "乙镇", Decimal("50.00"), 0), (2, "甲镇", Decimal("25.00"), 1)]


def test_a_unit_without_data_for_an_indicator_is_scored_on_the_others(township, other_township):
    factories.make_industrial_project(township, signed_on=date(2024, 3, 1))
    factories.make_indicator(
        "five-batches", "five_batches.signed", scope="townships", value=1, weights={Scheme.COUNTY: 50}
    )
    # A percentage with nothing to divide (no cycle due) is "no data", not zero.
    factories.make_indicator(
        "scheduling",
        "register.completion_rate",
        scope="townships",
        unit="percent",
        value=100,
        weights={Scheme.COUNTY: 50},
    )
    table = Engine(year=2024, month=12).score_table(Scheme.COUNTY, over="year")
    first = table.rows[0]
    assert (first.unit, first.score) == (township, Decimal("100.00"))
    assert "无数据" in first.grounds()


def test_publishing_freezes_the_ranking_and_its_grounds(horse_race):
    units, signed, _landed = horse_race
    Decision.objects.create(
        campaign=signed.campaign,
        unit=units["甲镇"],
        year=2024,
        month=12,
        kind="commendation",
        grounds="排名第一",
        decided_on=date(2025, 1, 5),
    )
    publication = ranking_publish(year=2024, month=12, published_by=None)
    assert [(r["rank"], r["unit"], r["score"]) for r in publication.rows] == [
        (1, "甲镇", "50.00"),
        (2, "乙镇", "50.00"),
        (3, "丁镇", "0.00"),
        (3, "丙镇", "0.00"),
    ]
    assert "five_batches.signed" in publication.rows[0]["grounds"]  # the indicator's name, as the test named it
    assert publication.rows[0]["decisions"] == ["宣传奖励：排名第一"]
    assert "得分（百分制）" in publication.method
    # Later data does not move what was published.
    factories.make_industrial_project(units["丙镇"], signed_on=date(2024, 6, 1))
    factories.make_industrial_project(units["丙镇"], signed_on=date(2024, 7, 1))
    publication.refresh_from_db()
    assert publication.rows[2]["unit"] == "丁镇"
    with pytest.raises(ValidationError):
        ranking_publish(year=2024, month=12, published_by=None)
    assert RankingPublication.objects.count() == 1
