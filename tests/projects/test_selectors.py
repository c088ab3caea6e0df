"""The figures the dashboard and the list show, against cases computed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from accounts.models import UnitKind
from core.periods import time_progress
from projects.models import Nature, ProjectStatus, ProjectYear
from projects.selectors.dashboard import monthly_series
from projects.selectors.figures import investment_progress, key_projects, unit_ranking
from projects.selectors.listing import project_list_rows
from projects.selectors.periods import default_month, default_period
from projects.selectors.project import project_history, project_months
from projects.selectors.starts import projects_behind, start_figures
from projects.services import progress_record
from tests import factories

pytestmark = pytest.mark.django_db

D = Decimal


def test_time_progress_is_month_over_twelve():
    assert time_progress(3) == D("25")
    assert time_progress(12) == D("100")
    assert round(time_progress(10), 2) == D("83.33")


def test_investment_progress_per_tier_and_total(county):
    p = investment_progress(year=2024, month=3)
    assert (p.tiers["province"].count, p.tiers["province"].annual_plan, p.tiers["province"].completed) == (
        1,
        D("10000"),
        D("6000"),
    )
    assert p.tiers["province"].completion_rate == D("60")
    assert p.tiers["province"].vs_time_progress == D("35")
    # A rate above 100% is reported as it is, not capped.
    assert p.tiers["city"].completion_rate == D("120")
    assert p.tiers["city"].vs_time_progress == D("95")
    # The county tier holds the project without plan: its 500 counts towards completed, not the plan.
    assert (p.tiers["county"].count, p.tiers["county"].annual_plan, p.tiers["county"].completed) == (
        2,
        D("5000"),
        D("500"),
    )
    assert p.tiers["county"].completion_rate == D("10")
    assert p.tiers["county"].vs_time_progress == D("-15")
    assert p.total.count == 4
    assert p.total.total_investment == D("79000")
    assert p.total.annual_plan == D("20000")
    assert p.total.completed == D("12500")
    assert p.total.completion_rate == D("62.5")
    assert p.total.vs_time_progress == D("37.5")


def test_this_months_completion_and_reporting(county):
    p = investment_progress(year=2024, month=3)
    assert p.month_completed == D("3500")  # A's 3000 + C's 500
    assert p.reported_projects == 2
    assert p.month_share_of_plan == D("17.5")


def test_month_without_any_progress_keeps_the_cumulative_and_reports_nothing(county):
    p = investment_progress(year=2024, month=4)
    assert p.month_completed == D("0")
    assert p.reported_projects == 0
    assert p.total.completed == D("12500")
    assert p.total.vs_time_progress is not None
    assert round(p.total.vs_time_progress, 4) == round(D("62.5") - D("100") / 3, 4)


def test_completed_against_the_years_fai_target(county):
    p = investment_progress(year=2024, month=3)
    assert p.target is not None and p.target.fai_target == D("1600500")
    assert p.target_completion_rate is not None
    assert round(p.target_completion_rate, 4) == round(D("12500") * 100 / D("1600500"), 4)


def test_investment_progress_ignores_other_years(county):
    factories.make_progress(county["a"], year=2023, month=3, completed=99999)
    factories.make_project("2025项目", year=2025, annual_plan=777)
    p = investment_progress(year=2024, month=3)
    assert p.total.completed == D("12500")
    assert p.total.count == 4


def test_investment_progress_of_a_filtered_listing(county, township):
    listing = key_projects(year=2024).filter(project__township=township)
    p = investment_progress(year=2024, month=3, listing=listing)
    assert (p.total.count, p.total.annual_plan, p.total.completed) == (2, D("10000"), D("6500"))


def test_unit_ranking_by_township(county, township, other_township):
    ranking = unit_ranking(year=2024, month=3)
    assert [(r.rank, r.unit, r.figures.completion_rate) for r in ranking] == [
        (1, township, D("65")),  # (6000 + 500) / 10000
        (2, other_township, D("60")),  # 6000 / 10000
    ]


def test_unit_ranking_ties_share_a_rank_and_units_without_plan_come_last():
    units = [factories.make_unit(name, UnitKind.TOWNSHIP) for name in ("甲镇", "乙镇", "丙镇", "丁镇", "戊镇")]
    plans = {"甲镇": 1000, "乙镇": 2000, "丙镇": 1000, "丁镇": 1000, "戊镇": 0}
    done = {"甲镇": 500, "乙镇": 1000, "丙镇": 900, "丁镇": 100, "戊镇": 300}
    for unit in units:
        project = factories.make_project(annual_plan=plans[unit.name], township=unit)
        factories.make_progress(project, month=1, completed=done[unit.name])
    ranking = unit_ranking(year=2024, month=1)
    assert [(r.rank, r.unit.name) for r in ranking] == [
        (1, "丙镇"),  # 90%
        (2, "乙镇"),  # 50%, tied with 甲镇: same rank, by name within the tie
        (2, "甲镇"),
        (4, "丁镇"),  # 10%
        (5, "戊镇"),  # no plan: last, no rate
    ]
    assert ranking[-1].figures.completion_rate is None


def test_unit_ranking_by_responsible_unit(department, township):
    p1 = factories.make_project(annual_plan=1000, responsible_unit=department, township=township)
    factories.make_progress(p1, month=2, completed=250)
    ranking = unit_ranking(year=2024, month=2, by="responsible_unit")
    assert [(r.unit, r.figures.completed, r.figures.completion_rate) for r in ranking] == [
        (department, D("250"), D("25"))
    ]


def test_start_figures_counts_and_names():
    year = 2024
    factories.make_project("早开工", planned_start=date(year, 5, 10), actual_start=date(year, 3, 1))
    factories.make_project("按期开工", planned_start=date(year, 2, 1), actual_start=date(year, 2, 20))
    factories.make_project("未按期开工", planned_start=date(year, 3, 1))
    factories.make_project("6月计划开工", planned_start=date(year, 6, 1))  # planned after month 4
    # A preliminary project is not planned to start this year, even when its period reads 2024-2026.
    factories.make_project("前期项目", nature=Nature.PRELIMINARY, planned_start=date(year, 1, 1))
    factories.make_project("去年计划", planned_start=date(year - 1, 6, 1), actual_start=date(year - 1, 7, 1))
    factories.make_project("续建已复工", nature=Nature.CONTINUING, status=ProjectStatus.UNDER_CONSTRUCTION)
    factories.make_project("续建未复工", nature=Nature.CONTINUING, status=ProjectStatus.SUSPENDED)
    factories.make_project("续建终止", nature=Nature.CONTINUING, status=ProjectStatus.TERMINATED)
    s = start_figures(year=year, month=4)
    assert s.planned_this_year == 4
    assert s.planned_by_month == 2  # 按期开工 (Feb), 未按期开工 (Mar)
    assert s.started == 2  # 早开工 and 按期开工
    assert s.started_early == 1
    assert [p.name for p in s.not_started_on_schedule] == ["未按期开工"]
    assert s.start_rate == D("100")  # started 2 ÷ due 2
    assert (s.continuing, s.resumed, s.terminated) == (3, 1, 1)
    assert [p.name for p in s.not_resumed] == ["续建未复工"]


def test_projects_behind_are_coloured_and_worst_first(county):
    # month 3: time progress 25%. A 60% and B 120% are ahead; C has no plan; D 0% is 25 points behind.
    e = factories.make_project("E项目", annual_plan=1000)
    factories.make_progress(e, month=3, completed=100)  # 10%: 15 points behind -> yellow
    f = factories.make_project("F项目", annual_plan=1000)
    factories.make_progress(f, month=3, completed=200)  # 20%: 5 points behind -> green
    behind = projects_behind(year=2024, month=3)
    assert [(item[0].project.name, item[1], item[2]) for item in behind] == [
        ("D项目", D("25"), "red"),
        ("E项目", D("15"), "yellow"),
        ("F项目", D("5"), "green"),
    ]


def test_monthly_series_is_cumulative_with_rates(county):
    series = monthly_series(year=2024, month=4)
    assert [p.completed for p in series] == [D("4000"), D("5000"), D("3500"), D("0")]
    assert [p.cumulative for p in series] == [D("4000"), D("9000"), D("12500"), D("12500")]
    assert series[2].completion_rate == D("62.5")
    assert series[0].time_progress == time_progress(1)


def test_default_period_is_the_latest_year_with_progress_and_its_latest_month(county):
    factories.make_project("2025项目", year=2025)  # listed but no progress yet
    assert default_period() == (2024, 3)


@time_machine.travel(date(2025, 5, 20))
def test_default_month_of_a_year_without_reports():
    factories.make_project("2025项目", year=2025)
    assert default_period() == (2025, 5)  # this year: the current month
    assert default_month(year=2023) == 12  # a past year: December


def test_project_months_cumulate_and_leave_gaps(county):
    months = project_months(project=county["b"], year=2024, annual_plan=D("5000"))
    assert [m.cumulative for m in months[:3]] == [D("3000"), D("6000"), D("6000")]
    assert months[1].completion_rate == D("120")
    assert months[2].record is None
    assert len(months) == 12


def test_list_rows_carry_cumulative_and_sort_by_rate(county):
    listing = ProjectYear.objects.filter(year=2024)
    rows = list(project_list_rows(listing=listing, year=2024, month=3, sort="-rate"))
    assert [r.project.name for r in rows] == ["B项目", "A项目", "D项目", "C项目"]  # no plan last
    assert {r.project.name: r.cumulative for r in rows}["A项目"] == D("6000")
    assert {r.project.name: r.month_completed for r in rows}["B项目"] is None  # not reported in month 3
    default = [r.project.name for r in project_list_rows(listing=listing, year=2024, month=3)]
    assert default == ["A项目", "B项目", "C项目", "D项目"]  # province, city, county


def test_project_history_names_who_changed_what(county, reporter):
    progress_record(project=county["d"], year=2024, month=3, completed=D("100"), reported_by=reporter)
    progress_record(
        project=county["d"], year=2024, month=3, completed=D("150"), physical_progress="主体封顶", reported_by=reporter
    )
    entries = project_history(project=county["d"])
    latest = entries[0]
    assert latest.who == reporter
    assert latest.action == "~"
    changes = {c.field: (c.old, c.new) for c in latest.changes}
    assert changes["本月完成投资（万元）"] == ("100.00", "150.00")
    assert changes["形象进度"] == ("—", "主体封顶")
    assert entries[1].action == "+"


# --- presentation: projects/templatetags/money.py ---------------------------------------------------


def test_money_filters_format_yi_wan_and_rates():
    from projects.templatetags import money

    assert money.yi(D("1600500")) == "160.05"
    assert money.yi(D("11294500")) == "1,129.45"
    assert money.yi(D("125")) == "0.01"  # 0.0125 亿元, half up
    assert money.yi(None) == "—"
    assert money.wan(D("1234.5")) == "1,234.50"
    assert money.wan(D("-0.001")) == "0.00"  # never "-0.00"
    assert money.pct(D("151.47368")) == "151.47%"
    assert money.pct(None) == "—"
    assert money.rate_of(D("28.78"), D("19.00")) is not None
    assert money.pct(money.rate_of(D("28.78"), D("19.00"))) == "151.47%"  # DOMAIN.md's example
    assert money.rate_of(D("5"), D("0")) is None  # a project without plan


def test_money_filters_say_ahead_or_behind_time_progress_in_points():
    from projects.templatetags import money

    assert money.points(D("3.214")) == "+3.21个百分点"
    assert money.points(D("-3.215")) == "-3.22个百分点"
    assert money.signed(D("-14.5238")) == "-14.52"
    assert money.signed(D("0.001")) == "0.00"
    assert money.vs_time(D("3.214")) == "超过时间进度3.21个百分点"
    assert money.vs_time(D("-14.5238")) == "低于时间进度14.52个百分点"
    assert money.vs_time(D("0.004")) == "与时间进度持平"
    assert money.gap_class(D("-1")) == "text-danger"
    assert money.gap_class(D("1")) == "text-success"
