"""The demo data reproduces the notice (阳政办函〔2024〕5号) exactly, and loading it twice changes nothing."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Campaign, TaskForce
from projects.models import MonthlyProgress, Nature, Project, ProjectYear, YearTarget
from projects.selectors.figures import investment_progress
from projects.selectors.starts import start_figures

pytestmark = pytest.mark.django_db

YI = Decimal("10000")  # 万元 per 亿元


@pytest.fixture
def demo(db):
    call_command("load_demo", "--allow-in-production", stdout=StringIO())


def test_demo_tiers_reproduce_the_notice_counts_totals_and_plans(demo):
    progress = investment_progress(year=2024, month=10)
    expected = {
        "province": (6, Decimal("106.99"), Decimal("17.61")),
        "city": (18, Decimal("709.40"), Decimal("26.97")),
        "county": (102, Decimal("313.06"), Decimal("78.56")),
    }
    for tier, (count, total_yi, plan_yi) in expected.items():
        figures = progress.tiers[tier]
        assert figures.count == count, tier
        assert figures.total_investment == total_yi * YI, tier
        assert figures.annual_plan == plan_yi * YI, tier
    assert progress.total.count == 126
    assert progress.total.total_investment == Decimal("1129.45") * YI
    assert progress.total.annual_plan == Decimal("123.14") * YI


def test_demo_has_113_planned_starts_and_9_preliminary_projects(demo):
    assert ProjectYear.objects.filter(year=2024, nature=Nature.PRELIMINARY).count() == 9
    assert start_figures(year=2024, month=12).planned_this_year == 113


def test_demo_target_is_160_05_yi_at_ten_percent(demo):
    target = YearTarget.objects.get(year=2024)
    assert target.fai_target == Decimal("1600500")
    assert target.growth_rate == Decimal("10")


def test_demo_names_six_task_forces_and_six_campaigns_by_their_slugs(demo):
    assert set(TaskForce.objects.values_list("slug", flat=True)) == {
        "investment",
        "approvals",
        "supervision",
        "land",
        "statistics",
        "funding",
    }
    assert set(Campaign.objects.values_list("slug", flat=True)) == {
        "reserve",
        "scheduling",
        "attraction",
        "service",
        "five-batches",
        "assessment",
    }


def test_loading_demo_twice_changes_nothing(demo):
    before = (Project.objects.count(), ProjectYear.objects.count(), MonthlyProgress.objects.count())
    sums = investment_progress(year=2024, month=10).total.completed
    call_command("load_demo", "--allow-in-production", stdout=StringIO())
    assert (Project.objects.count(), ProjectYear.objects.count(), MonthlyProgress.objects.count()) == before
    assert investment_progress(year=2024, month=10).total.completed == sums
