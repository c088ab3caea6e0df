"""Project reserve: the notice's ratios county-wide and per township, both readings of the planned pool,
and the planned → reserve → key-list transitions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from campaigns.engine import Engine
from campaigns.models import CampaignYear, PipelineStage
from campaigns.services import pipeline_approval_record, pipeline_project_start
from projects.models import Nature, ProjectStatus, ProjectYear, YearTarget
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reserve_case(township, other_township):
    """FAI target 100,000 万元; key plans 凤城镇 3,000 (2 new projects) and 北留镇 1,000 (1 new) → shares 75% / 25%.

    Pipeline: 凤城镇 planned 150,000 + 160,000, reserve 120,000; 北留镇 planned 50,000, reserve 10,000.
    """
    YearTarget.objects.create(year=2024, fai_target=Decimal("100000"), growth_rate=Decimal("10"))
    factories.make_project(township=township, annual_plan="2000", nature=Nature.NEW)
    factories.make_project(township=township, annual_plan="1000", nature=Nature.NEW)
    factories.make_project(township=other_township, annual_plan="1000", nature=Nature.NEW)
    factories.make_pipeline_project(township, "150000")
    factories.make_pipeline_project(township, "160000")
    factories.make_pipeline_project(township, "120000", approved_on=date(2024, 3, 1))
    factories.make_pipeline_project(other_township, "50000")
    factories.make_pipeline_project(other_township, "10000", approved_on=date(2024, 3, 1))
    planned_total = factories.make_indicator(
        "reserve",
        "reserve.planned_pool_total",
        code="planned-total",
        scope="county_townships",
        unit="yi",
        multiplier="4",
        base="register.fai_target",
    )
    planned_count = factories.make_indicator(
        "reserve",
        "reserve.planned_pool_count",
        code="planned-count",
        scope="county_townships",
        unit="count",
        multiplier="1.5",
        base="register.new_projects",
    )
    reserve_total = factories.make_indicator(
        "reserve",
        "reserve.reserve_total",
        code="reserve-total",
        scope="county_townships",
        unit="yi",
        multiplier="0.35",
        base="reserve.planned_pool_total",
    )
    return planned_total, planned_count, reserve_total


def _figures(engine: Engine, indicator, unit):
    ev = engine.evaluate(indicator, unit)
    return ev.target, ev.actual, ev.met


def test_reserve_ratios_county_wide_by_the_notices_definitions(reserve_case):
    planned_total, planned_count, reserve_total = reserve_case
    engine = Engine(year=2024, month=10)
    assert _figures(engine, planned_total, None) == (Decimal("400000"), Decimal("360000"), False)
    assert _figures(engine, planned_count, None) == (Decimal("4.5"), Decimal("3"), False)
    # 35% of the planned pool (360,000) = 126,000; the reserve holds 130,000.
    assert _figures(engine, reserve_total, None) == (Decimal("126000.00"), Decimal("130000"), True)
    assert engine.evaluate(planned_total, None).gap_text == "还差 4.00 亿元"
    assert engine.evaluate(planned_count, None).gap_text == "还差 2 个"  # 4.5 needs 5: two more
    assert engine.evaluate(reserve_total, None).gap_text == "超出 0.40 亿元"


def test_reserve_ratios_per_township_use_the_townships_share_of_the_fai_target(reserve_case, township, other_township):
    planned_total, planned_count, reserve_total = reserve_case
    engine = Engine(year=2024, month=10)
    # 凤城镇: 4 × 75,000 = 300,000 against 310,000; 1.5 × 2 = 3 against 2; 35% × 310,000 = 108,500 against 120,000.
    assert _figures(engine, planned_total, township) == (Decimal("300000"), Decimal("310000"), True)
    assert _figures(engine, planned_count, township) == (Decimal("3.0"), Decimal("2"), False)
    assert _figures(engine, reserve_total, township) == (Decimal("108500.00"), Decimal("120000"), True)
    # 北留镇: 100,000 against 50,000; 1.5 against 1; 17,500 against 10,000.
    assert _figures(engine, planned_total, other_township) == (Decimal("100000"), Decimal("50000"), False)
    assert _figures(engine, planned_count, other_township) == (Decimal("1.5"), Decimal("1"), False)
    assert _figures(engine, reserve_total, other_township) == (Decimal("17500.00"), Decimal("10000"), False)
    assert engine.evaluate(planned_total, other_township).gap_text == "还差 5.00 亿元"
    assert engine.evaluate(planned_count, other_township).gap_text == "还差 1 个"


def test_reading_with_reserve_in_the_planned_pool_counts_reserve_projects_twice(reserve_case, township):
    planned_total, planned_count, reserve_total = reserve_case
    CampaignYear.objects.create(year=2024, reserve_counts_in_planned_pool=True)
    engine = Engine(year=2024, month=10)
    assert _figures(engine, planned_total, None) == (Decimal("400000"), Decimal("490000"), True)
    assert _figures(engine, planned_count, None) == (Decimal("4.5"), Decimal("5"), True)
    # 35% of 490,000 = 171,500 against 130,000: the second reading is harder on the reserve.
    assert _figures(engine, reserve_total, None) == (Decimal("171500.00"), Decimal("130000"), False)
    assert _figures(engine, planned_count, township) == (Decimal("3.0"), Decimal("3"), True)
    assert engine.evaluate(reserve_total, None).gap_text == "还差 4.15 亿元"


def test_changing_the_multiplier_from_4_to_5_moves_the_target(reserve_case):
    planned_total, _count, _reserve = reserve_case
    planned_total.target_multiplier = Decimal("5")
    planned_total.save()
    assert Engine(year=2024, month=10).evaluate(planned_total, None).target == Decimal("500000")


def test_pipeline_figures_follow_the_month_asked_for(reserve_case, township):
    _total, _count, reserve_total = reserve_case
    # In February no approval had been recorded yet: the 120,000 project was still a planned project.
    february = Engine(year=2024, month=2)
    assert february.evaluate(reserve_total, township).actual == Decimal("0")
    assert Engine(year=2024, month=3).evaluate(reserve_total, township).actual == Decimal("120000")


def test_first_approval_makes_a_planned_project_a_reserve_project(township):
    project = factories.make_pipeline_project(township, "5000", entered_on=date(2024, 2, 1))
    assert project.stage == PipelineStage.PLANNED
    pipeline_approval_record(pipeline_project=project, name="可研批复", obtained_on=date(2024, 4, 9), recorded_by=None)
    assert (project.stage, project.reserve_on) == (PipelineStage.RESERVE, date(2024, 4, 9))
    # A second approval keeps the date it became a reserve project.
    pipeline_approval_record(pipeline_project=project, name="环评批复", obtained_on=date(2024, 5, 9), recorded_by=None)
    assert project.reserve_on == date(2024, 4, 9)
    assert project.approvals.count() == 2


def test_a_reserve_project_that_starts_joins_the_key_list(township, department):
    entry = factories.make_pipeline_project(township, "8000", approved_on=date(2024, 3, 1))
    project = pipeline_project_start(
        pipeline_project=entry,
        started_on=date(2024, 6, 18),
        tier="county",
        annual_plan=Decimal("2000"),
        responsible_unit=department,
    )
    entry.refresh_from_db()
    assert entry.stage == PipelineStage.STARTED and entry.project == project
    assert (project.name, project.township, project.total_investment) == (entry.name, township, Decimal("8000"))
    assert project.actual_start == date(2024, 6, 18) and project.status == ProjectStatus.UNDER_CONSTRUCTION
    listing = ProjectYear.objects.get(project=project, year=2024)
    assert (listing.nature, listing.annual_plan, listing.tier) == (Nature.NEW, Decimal("2000"), "county")
    # It left the pipeline's reserve from that day.
    reserve = factories.make_indicator("reserve", "reserve.reserve_count", scope="townships", value=1)
    assert Engine(year=2024, month=5).evaluate(reserve, township).actual == 1
    assert Engine(year=2024, month=6).evaluate(reserve, township).actual == 0


def test_a_reserve_project_can_be_linked_to_a_project_already_in_the_register(township):
    existing = factories.make_project(township=township, year=2024)
    entry = factories.make_pipeline_project(township, "8000", approved_on=date(2024, 3, 1))
    project = pipeline_project_start(
        pipeline_project=entry, started_on=date(2024, 7, 1), tier="city", annual_plan=Decimal("1"), project=existing
    )
    assert project == existing
    assert ProjectYear.objects.filter(project=existing).count() == 1  # the existing listing is kept


def test_a_planned_project_cannot_start_without_an_approval(township):
    entry = factories.make_pipeline_project(township, "8000")
    with pytest.raises(ValidationError):
        pipeline_project_start(
            pipeline_project=entry, started_on=date(2024, 6, 1), tier="county", annual_plan=Decimal("1")
        )
    entry.refresh_from_db()
    assert entry.stage == PipelineStage.PLANNED and entry.project is None


def test_a_started_project_cannot_start_again(township):
    entry = factories.make_pipeline_project(township, "8000", approved_on=date(2024, 3, 1))
    pipeline_project_start(
        pipeline_project=entry, started_on=date(2024, 6, 1), tier="county", annual_plan=Decimal("1")
    )
    with pytest.raises(ValidationError):
        pipeline_project_start(
            pipeline_project=entry, started_on=date(2024, 7, 1), tier="county", annual_plan=Decimal("1")
        )
