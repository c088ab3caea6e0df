"""The dashboard (home page): its figures, its period selector, who sees what, and a fixed query count."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Tier, YearTarget
from tests import factories

pytestmark = pytest.mark.django_db

D = Decimal


def _get(client, user, path="/"):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response


def test_dashboard_defaults_to_the_latest_reported_month(client, leader, county):
    response = _get(client, leader)
    figures = response.context["figures"]
    assert (figures.year, figures.month) == (2024, 3)
    html = response.content.decode()
    assert "阳城县2024年重点工程建设驾驶舱" in html
    assert "2024年1-3月" in html


def test_dashboard_shows_the_headline_figures_in_yi_yuan(client, leader, county):
    html = _get(client, leader).content.decode()
    assert "160.05" in html  # the FAI target, 1,600,500 万元
    assert '<div class="kpi-value" id="kpi-completed">1.25<small>' in html  # 12,500 万元
    assert '<b id="kpi-rate">62.50%</b>' in html  # 12,500 ÷ 20,000
    assert "25.00%" in html  # time progress at the end of March
    assert "超过时间进度37.50个百分点" in html
    assert "0.35" in html  # March's own completion, 3,500 万元
    assert "已报送2/4个" in html


def test_dashboard_tier_table_includes_rates_above_100_percent(client, leader, county):
    html = _get(client, leader).content.decode()
    assert "120.00%" in html  # the city tier
    assert "+95.00" in html
    assert "-15.00" in html  # the county tier, 10% against 25%


def test_dashboard_month_selector_shows_a_month_without_progress(client, leader, county):
    response = _get(client, leader, "/?year=2024&month=4")
    figures = response.context["figures"]
    assert (figures.year, figures.month) == (2024, 4)
    assert figures.progress.month_completed == D("0")
    assert figures.progress.total.completed == D("12500")
    html = response.content.decode()
    assert "33.33%" in html
    assert "已报送0/4个" in html


def test_dashboard_with_a_bad_period_falls_back_to_the_default(client, leader, county):
    response = _get(client, leader, "/?year=abc&month=99")
    assert (response.context["figures"].year, response.context["figures"].month) == (2024, 3)


def test_dashboard_ranks_townships_and_lists_projects_behind(client, leader, county, township, other_township):
    response = _get(client, leader)
    figures = response.context["figures"]
    assert [(r.rank, r.unit) for r in figures.townships] == [(1, township), (2, other_township)]
    assert [item[0].project.name for item in figures.behind] == ["D项目"]
    html = response.content.decode()
    assert "65.00%" in html and "60.00%" in html
    assert "D项目" in html


def test_dashboard_draws_charts_from_vendored_chartjs(client, leader, county):
    html = _get(client, leader).content.decode()
    assert "/static/vendor/chartjs/chart.umd.min.js" in html
    assert 'id="dashboard-data"' in html
    assert "cdn" not in html.lower()
    data = _get(client, leader).context["chart_data"]
    assert data["tiers"]["completed"] == [0.6, 0.6, 0.05, 1.25]
    assert data["months"]["rate"] == [20.0, 45.0, 62.5]


def test_dashboard_keeps_the_other_areas_panels(client, leader, county):
    templates = {t.name for t in _get(client, leader).templates}
    assert "cycles/includes/dashboard_compliance.html" in templates
    assert "campaigns/includes/dashboard_campaigns.html" in templates


def test_reporter_sees_the_county_figures_but_links_only_to_own_projects(client, reporter, county):
    html = _get(client, reporter).content.decode()
    assert "62.50%" in html
    # D项目 (behind) belongs to the other township: named, not linked.
    assert f'href="/projects/{county["d"].pk}/"' not in html
    assert "D项目" in html


def test_user_without_a_role_is_told_to_ask_for_one(client, outsider, county):
    response = _get(client, outsider)
    assert "figures" not in response.context
    assert "尚未分配角色" in response.content.decode()
    assert "A项目" not in response.content.decode()


def test_dashboard_of_an_empty_register_renders(client, admin):
    response = _get(client, admin)
    assert response.context["figures"].progress.total.count == 0


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path", ["/", "/?year=2024&month=2"])
def test_dashboard_runs_the_same_number_of_queries_for_2000_projects_as_for_20(client, leader, path):
    townships = [factories.make_unit(f"查询镇{i}") for i in range(5)]
    YearTarget.objects.create(year=2024, fai_target=D("1600500"), growth_rate=D("10"))
    factories.bulk_projects(20, townships=townships)
    client.force_login(leader)
    small = _queries(client, path)
    factories.bulk_projects(1980, townships=townships)
    large = _queries(client, path)
    assert small == large, f"{small} queries with 20 projects, {large} with 2,000"


def test_dashboard_lists_the_50_projects_furthest_behind_and_links_to_the_rest(client, leader):
    for i in range(60):
        project = factories.make_project(f"落后项目{i:02d}", annual_plan=1000)
        factories.make_progress(project, month=6, completed=i)  # all far behind 50% time progress
    response = _get(client, leader, "/?year=2024&month=6")
    assert len(response.context["figures"].behind) == 60
    html = response.content.decode()
    assert "落后项目00" in html  # the furthest behind (0%) is shown
    assert "落后项目59" not in html  # the 60th is not
    assert "共60个项目低于时间进度" in html
    assert "sort=rate" in html


def test_chart_figures_round_half_up_like_the_tables(client, leader):
    # 176,050 万元 is 17.605 亿元: the table shows 17.61, and so must the chart (round() would give 17.6).
    project = factories.make_project(
        "甲项目", tier=Tier.PROVINCE, annual_plan=D("176050"), total_investment=D("500000")
    )
    factories.make_progress(project, month=1, completed=D("176050"))
    response = _get(client, leader, "/?year=2024&month=1")
    tiers = response.context["chart_data"]["tiers"]
    assert tiers["plan"][0] == 17.61 and tiers["completed"][0] == 17.61
    assert "17.61" in response.content.decode()
