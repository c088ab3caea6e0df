"""The year-end projection, computed by hand.

June 2024 (M = 6, six months left), no 2023 data, so the run rate applies:
  P1 province, 凤城镇, 县交通运输局, plan 1000: months 1-3 100 each, 4: 200, 5: 300, 6: 800  -> 1600 (above plan)
  P2 county,   北留镇, 北留镇,       plan 3000: month 2: 100, month 5: 200                 ->  300
  total: plan 4000, completed 1900, remaining 2100, needed 2100 / 6 = 350,
         Jan..Mar 400, so last three months (1900 - 400) / 3 = 500, year to date 1900 / 6 = 316.67,
         projected 1900 / 6 x 12 = 3800, shortfall 4000 - 3800 = 200.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string

from projects.fai import FaiMonthly
from projects.models import Tier, YearTarget
from projects.projection import LAST_YEAR_PROFILE, RUN_RATE, projection_sentence, year_end_projection
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def june(township, other_township, department):
    p1 = factories.make_project(
        "P1", tier=Tier.PROVINCE, annual_plan=1000, township=township, responsible_unit=department
    )
    p2 = factories.make_project(
        "P2", tier=Tier.COUNTY, annual_plan=3000, township=other_township, responsible_unit=other_township
    )
    for month, amount in ((1, 100), (2, 100), (3, 100), (4, 200), (5, 300), (6, 800), (7, 999)):
        factories.make_progress(p1, month=month, completed=amount)  # July is after M: not counted
    for month, amount in ((2, 100), (5, 200)):
        factories.make_progress(p2, month=month, completed=amount)
    return p1, p2


def test_a_year_without_a_previous_one_is_projected_at_the_run_rate(june):
    projection = year_end_projection(year=2024, month=6)
    assert projection.method == RUN_RATE
    assert projection.as_json()["total"] == {
        "annual_plan": "4000.00",
        "completed": "1900.00",
        "remaining": "2100.00",
        "months_left": 6,
        "needed_per_month": "350.00",
        "achieved_per_month_3m": "500.00",
        "projected": "3800.00",
        "shortfall": "200.00",
    }
    assert projection.total.achieved_per_month_ytd.quantize(Decimal("0.01")) == Decimal("316.67")


def test_a_unit_already_above_plan_needs_nothing_more_and_shows_a_surplus(june, department):
    units = {item["name"]: item for item in year_end_projection(year=2024, month=6).as_json()["units"]}
    transport = units["县交通运输局"]
    assert transport["id"] == department.pk
    assert (transport["completed"], transport["remaining"], transport["needed_per_month"]) == (
        "1600.00",
        "0.00",
        "0.00",
    )
    # (1600 - 300) / 3 = 433.33; 1600 / 6 x 12 = 3200; 1000 - 3200 = -2200 (a surplus)
    assert (transport["achieved_per_month_3m"], transport["projected"], transport["shortfall"]) == (
        "433.33",
        "3200.00",
        "-2200.00",
    )


def test_tiers_and_townships_are_projected_on_their_own(june):
    data = year_end_projection(year=2024, month=6).as_json()
    county = data["tiers"]["county"]
    # plan 3000, completed 300, remaining 2700 / 6 = 450; (300 - 100) / 3 = 66.67; 300 / 6 x 12 = 600
    assert (county["needed_per_month"], county["achieved_per_month_3m"], county["projected"], county["shortfall"]) == (
        "450.00",
        "66.67",
        "600.00",
        "2400.00",
    )
    assert data["tiers"]["city"]["projected"] == "0.00"
    assert [t["name"] for t in data["townships"]] == sorted(["凤城镇", "北留镇"])


def test_last_years_monthly_profile_is_used_when_last_year_was_reported_through_december(june):
    """2023: months 1-6 50 each (300), months 7-12 150 each (900): Jan..Jun was 300 / 1200 = 25% of the year,
    so 1900 now projects to 1900 / 0.25 = 7600 (shortfall -3600), 县交通运输局's 1600 to 6400."""
    last_year = factories.make_project("P0", year=2023, annual_plan=1200)
    for month in range(1, 13):
        factories.make_progress(last_year, year=2023, month=month, completed=50 if month <= 6 else 150)
    projection = year_end_projection(year=2024, month=6)
    data = projection.as_json()
    assert data["method"] == LAST_YEAR_PROFILE
    assert (data["total"]["projected"], data["total"]["shortfall"]) == ("7600.00", "-3600.00")
    assert {u["name"]: u["projected"] for u in data["units"]}["县交通运输局"] == "6400.00"


def test_an_incomplete_previous_year_falls_back_to_the_run_rate(june):
    last_year = factories.make_project("P0", year=2023, annual_plan=1200)
    for month in range(1, 12):  # no December
        factories.make_progress(last_year, year=2023, month=month, completed=100)
    assert year_end_projection(year=2024, month=6).method == RUN_RATE


def test_in_december_nothing_is_left_to_do_month_by_month(june):
    data = year_end_projection(year=2024, month=12).as_json()["total"]
    # completed 1600 + 999 (July) + 300 = 2899 = projected; no month left
    assert data == {
        "annual_plan": "4000.00",
        "completed": "2899.00",
        "remaining": "1101.00",
        "months_left": 0,
        "needed_per_month": None,
        "achieved_per_month_3m": "0.00",  # months 10-12 brought nothing
        "projected": "2899.00",
        "shortfall": "1101.00",
    }


def test_the_dashboard_sentence_in_100m_yuan(june):
    projection = year_end_projection(year=2024, month=6)
    # 3800 万元 = 0.38 亿元; 200 万元 = 0.02; 350 万元 = 0.035 -> 0.04 (half up)
    assert (
        projection_sentence(projection.total)
        == "按目前进度，预计全年完成0.38亿元，缺口0.02亿元；后6个月需月均完成0.04亿元"
    )
    assert (
        projection_sentence(projection.units[1].figures)
        == "按目前进度，预计全年完成0.32亿元，超出计划0.22亿元；全年计划已完成"
    )
    december = year_end_projection(year=2024, month=12)
    assert projection_sentence(december.total) == "按目前进度，预计全年完成0.29亿元，缺口0.11亿元"


def test_the_fai_target_follows_the_bureaus_growth_rate(june):
    """Target 1,600,500 (growth 10%) on a base of 1,455,000. Published: Jan-Jun 700,000; Jan-Sep 1,200,000,
    up 8.5%. Last year's Jan-Sep = 1,200,000 / 1.085, so the year projects to 1,455,000 x 1.085 = 1,578,675,
    21,825 short; 400,500 remain over 3 months = 133,500 a month; (1,200,000 - 700,000) / 3 = 166,666.67."""
    YearTarget.objects.create(
        year=2024, fai_target=Decimal("1600500"), growth_rate=Decimal("10"), base=Decimal("1455000")
    )
    FaiMonthly.objects.create(year=2024, month=6, completed=Decimal("700000"), growth_rate=Decimal("7.2"))
    FaiMonthly.objects.create(year=2024, month=9, completed=Decimal("1200000"), growth_rate=Decimal("8.5"))
    FaiMonthly.objects.create(year=2024, month=11, completed=Decimal("1500000"), growth_rate=Decimal("9"))  # after M
    fai = year_end_projection(year=2024, month=10).as_json()["fai"]
    assert fai == {
        "target": "1600500.00",
        "target_growth_rate": "10.00",
        "base": "1455000.00",
        "month": 9,
        "growth_rate": "8.50",
        "projected_growth_rate": "8.50",
        "method": LAST_YEAR_PROFILE,
        "completed": "1200000.00",
        "remaining": "400500.00",
        "months_left": 3,
        "needed_per_month": "133500.00",
        "achieved_per_month_3m": "166666.67",
        "projected": "1578675.00",
        "shortfall": "21825.00",
    }


def test_the_fai_target_uses_last_years_published_figures_when_there_are_some(june):
    YearTarget.objects.create(
        year=2024, fai_target=Decimal("1600500"), growth_rate=Decimal("10"), base=Decimal("1455000")
    )
    FaiMonthly.objects.create(year=2023, month=9, completed=Decimal("1000000"))
    FaiMonthly.objects.create(year=2023, month=12, completed=Decimal("1400000"))
    FaiMonthly.objects.create(year=2024, month=9, completed=Decimal("1200000"))
    fai = year_end_projection(year=2024, month=9).as_json()["fai"]
    assert (fai["method"], fai["projected"], fai["achieved_per_month_3m"]) == (LAST_YEAR_PROFILE, "1680000.00", None)


def test_without_a_published_fai_figure_the_block_says_so(june):
    YearTarget.objects.create(year=2024, fai_target=Decimal("1600500"), growth_rate=Decimal("10"))
    fai = year_end_projection(year=2024, month=6).as_json()["fai"]
    assert fai["target"] == "1600500.00" and fai["completed"] is None and fai["method"] is None
    assert year_end_projection(year=2025, month=1).fai is None  # no target for 2025


def test_six_queries_whatever_the_register_holds(june, django_assert_num_queries):
    YearTarget.objects.create(year=2024, fai_target=Decimal("1600500"), growth_rate=Decimal("10"))
    with django_assert_num_queries(6):
        year_end_projection(year=2024, month=6)


def test_the_command_prints_the_issues_json_shape(june):
    out = io.StringIO()
    call_command("projection", "--year", "2024", "--month", "6", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert list(data) == ["year", "month", "method", "total", "tiers", "townships", "units", "fai"]
    assert list(data["total"]) == [
        "annual_plan",
        "completed",
        "remaining",
        "months_left",
        "needed_per_month",
        "achieved_per_month_3m",
        "projected",
        "shortfall",
    ]
    assert (data["year"], data["month"], data["method"], data["fai"]) == (2024, 6, "run_rate", None)
    assert set(data["tiers"]) == {"province", "city", "county"}


def test_the_include_renders_the_sentence_and_the_method(june):
    html = render_to_string("projects/includes/projection.html", {"year": 2024, "month": 6})
    assert "按目前进度，预计全年完成0.38亿元，缺口0.02亿元；后6个月需月均完成0.04亿元" in html
    assert "按今年1-6月的月均完成额推算" in html


def test_hq_enters_the_bureaus_figure_in_the_admin_site(client, hq, leader):
    hq.is_staff = True
    hq.save(update_fields=["is_staff"])
    client.force_login(hq)
    response = client.post(
        "/admin/register/faimonthly/add/", {"year": 2024, "month": 9, "completed": "1200000", "growth_rate": "8.5"}
    )
    assert response.status_code == 302
    row = FaiMonthly.objects.get()
    assert (row.completed, row.growth_rate, row.entered_by) == (Decimal("1200000"), Decimal("8.5"), hq)
    leader.is_staff = True
    leader.save(update_fields=["is_staff"])
    client.force_login(leader)
    assert client.get("/admin/register/faimonthly/add/").status_code == 403
