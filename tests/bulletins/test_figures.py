"""The bulletin's figures against cases computed by hand (the arithmetic is in the comments).

The county of tests/bulletins/conftest.py unless a test builds its own.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bulletins.figures import bulletin_figures
from bulletins.models import BulletinOptions
from bulletins.text import chinese_numeral
from projects.models import Nature, Tier
from tests import factories

pytestmark = pytest.mark.django_db


def test_issue_keys_are_all_present(county):
    f = bulletin_figures(year=2024, month=10)
    assert {
        "year",
        "month",
        "time_progress",
        "total",
        "tiers",
        "month_completed",
        "starts",
        "townships",
        "units",
    } <= set(f)
    block_keys = {"count", "total_investment", "annual_plan", "completed", "completion_rate", "vs_time_progress"}
    assert block_keys <= set(f["total"])
    for tier in ("province", "city", "county"):
        assert block_keys <= set(f["tiers"][tier])
    assert {"name", "completion_rate", "rank"} <= set(f["townships"][0])
    assert {"name", "completion_rate", "rank"} <= set(f["units"][0])


def test_totals_of_month_ten(county):
    f = bulletin_figures(year=2024, month=10)
    assert (f["year"], f["month"]) == (2024, 10)
    # time progress 10 ÷ 12 = 83.333…
    assert f["time_progress"] == "83.33"
    # count 5; total 5000 + 8000 + 1200 + 3000 + 600 = 17800; plan 1000 + 2000 + 500 + 100 + 0 = 3600
    # completed Jan..10: 甲 100+200+300 = 600, 乙 500+700+450 = 1650, 丙 0, 丁 10, 戊 50+30 = 80 → 2340
    # rate 2340 ÷ 3600 = 65.00 %; gap 65 − 83.333… = −18.333…
    assert f["total"] == {
        "count": 5,
        "total_investment": "17800.00",
        "annual_plan": "3600.00",
        "completed": "2340.00",
        "completion_rate": "65.00",
        "vs_time_progress": "-18.33",
        "shown": {"completion_rate": "65.00", "vs_time_progress": "-18.33"},
    }
    # this month: 300 + 450 + 30 = 780; 780 ÷ 3600 = 21.666… %
    assert f["month_completed"] == "780.00"
    assert f["month_share_of_plan"] == "21.67"
    assert f["reporting"] == {"reported": 3, "listed": 5, "not_reported": []}


def test_tiers_and_kinds(county):
    f = bulletin_figures(year=2024, month=10)
    # province: 甲 600 ÷ 1000 = 60.00 %; 60 − 83.333… = −23.333…
    assert f["tiers"]["province"]["count"] == 1
    assert f["tiers"]["province"]["completion_rate"] == "60.00"
    assert f["tiers"]["province"]["vs_time_progress"] == "-23.33"
    # city: 乙 1650 ÷ 2000 = 82.50 %; 82.5 − 83.333… = −0.833…
    assert f["tiers"]["city"]["completion_rate"] == "82.50"
    assert f["tiers"]["city"]["vs_time_progress"] == "-0.83"
    # county: 丙 + 丁 + 戊: total 1200 + 3000 + 600 = 4800; plan 500 + 100 + 0 = 600; done 0 + 10 + 80 = 90 → 15.00 %
    county_tier = f["tiers"]["county"]
    assert (county_tier["count"], county_tier["total_investment"], county_tier["annual_plan"]) == (
        3,
        "4800.00",
        "600.00",
    )
    assert (county_tier["completed"], county_tier["completion_rate"], county_tier["vs_time_progress"]) == (
        "90.00",
        "15.00",
        "-68.33",
    )
    # construction (甲 乙 丙 戊): plan 3500, done 2330 → 66.571… %, gap −16.761…
    construction = f["kinds"]["construction"]
    assert (construction["count"], construction["annual_plan"], construction["completed"]) == (4, "3500.00", "2330.00")
    assert (construction["completion_rate"], construction["vs_time_progress"]) == ("66.57", "-16.76")
    # preliminary (丁): 10 ÷ 100 = 10.00 %, gap −73.333…
    assert f["kinds"]["preliminary"]["completion_rate"] == "10.00"
    assert f["kinds"]["preliminary"]["vs_time_progress"] == "-73.33"
    # per tier and kind: the county tier's preliminary part is 丁 alone
    assert f["tiers_by_kind"]["county"]["preliminary"]["count"] == 1
    assert f["tiers_by_kind"]["county"]["construction"]["completed"] == "80.00"  # 丙 0 + 戊 80
    assert f["tiers_by_kind"]["province"]["preliminary"]["completion_rate"] is None
    assert f["natures"]["continuing"]["completed"] == "1650.00"


def test_starts_continuing_and_completions(county):
    f = bulletin_figures(year=2024, month=10)
    # planned to start in 2024: 甲 (03-01), 丙 (05-10), 戊 (08-01) → 3, all due by 10-31;
    # started: 甲 (02-20) and 戊 (08-05) → 2, 甲 early (February before March); 丙 not started → named.
    # start rate 2 ÷ 3 = 66.666…
    assert f["starts"] == {
        "planned_this_year": 3,
        "planned_by_month": 3,
        "started": 2,
        "started_early": 1,
        "start_rate": "66.67",
        "not_started_on_schedule": [{"name": "丙项目"}],
        "continuing": 1,
        "resumed": 1,
        "not_resumed": [],
        "terminated": 0,
    }
    # planned completion in 2024: 乙 (09-30), 戊 (12-31) → 2; due by 10-31: 乙 → 1 and not done → named;
    # 戊 done 10-15, before its planned month → early.
    assert f["completions"] == {
        "planned_this_year": 2,
        "planned_by_month": 1,
        "completed": 1,
        "completed_early": 1,
        "completed_late": 0,
        "not_completed_on_schedule": [{"name": "乙项目"}],
        "ahead_of_later_plan": [],
    }


def test_horse_race_ranks_townships_and_units(county):
    f = bulletin_figures(year=2024, month=10)
    # 北留镇: 乙 + 丁: plan 2100, done 1660 → 79.047…; 凤城镇: 甲 + 丙 + 戊: plan 1500, done 680 → 45.333…
    assert [(t["name"], t["completion_rate"], t["rank"]) for t in f["townships"]] == [
        ("北留镇", "79.05", 1),
        ("凤城镇", "45.33", 2),
    ]
    # 县交通运输局: 甲 + 乙: plan 3000, done 2250 → 75.00; 县水利局: 丙 丁 戊: plan 600, done 90 → 15.00
    assert [(u["name"], u["completion_rate"], u["rank"]) for u in f["units"]] == [
        ("县交通运输局", "75.00", 1),
        ("县水利局", "15.00", 2),
    ]
    assert f["horse_race"] == {
        "townships": {"first": ["北留镇"], "last": ["凤城镇"]},
        "units": {"first": ["县交通运输局"], "last": ["县水利局"]},
    }


def test_projects_behind_time_progress_are_coloured_by_the_thresholds(county):
    f = bulletin_figures(year=2024, month=10)
    # gaps: 丙 83.333 − 0 = 83.33, 丁 83.333 − 10 = 73.33, 甲 83.333 − 60 = 23.33, 乙 83.333 − 82.5 = 0.83;
    # 戊 has no plan and is left out. Red above 20 points, yellow above 10, green otherwise.
    behind = [(p["name"], p["behind_points"], p["colour"]) for p in f["behind"]["projects"]]
    assert behind == [
        ("丙项目", "83.33", "red"),
        ("丁项目", "73.33", "red"),
        ("甲项目", "23.33", "red"),
        ("乙项目", "0.83", "green"),
    ]
    assert f["behind"]["counts"] == {"red": 3, "yellow": 0, "green": 1}
    # With red above 30 points, 甲 (23.33) is yellow.
    options = BulletinOptions(red_points=Decimal("30"), yellow_points=Decimal("10"))
    f = bulletin_figures(year=2024, month=10, options=options)
    assert [p["colour"] for p in f["behind"]["projects"]] == ["red", "red", "yellow", "green"]
    assert f["behind"]["red_points"] == "30"


def test_month_with_no_progress_reported(county):
    # Nobody reported July. Jan..7: 甲 100 + 200 = 300, 乙 500, 丁 10 → 810; 810 ÷ 3600 = 22.50 %;
    # time progress 7 ÷ 12 = 58.333…; gap −35.833…; July's completion 0, share 0.00 %.
    f = bulletin_figures(year=2024, month=7)
    assert f["time_progress"] == "58.33"
    assert f["total"]["completed"] == "810.00"
    assert f["total"]["completion_rate"] == "22.50"
    assert f["total"]["vs_time_progress"] == "-35.83"
    assert f["month_completed"] == "0.00"
    assert f["month_share_of_plan"] == "0.00"
    # Under way in July and silent: 甲 (started in February) and 乙 (continuing); 戊 starts in August, 丙 never.
    assert f["reporting"] == {"reported": 0, "listed": 5, "not_reported": ["乙项目", "甲项目"]}
    # Due to start by 07-31: 甲 and 丙; started: 甲 only (戊 starts 08-05).
    assert (f["starts"]["planned_by_month"], f["starts"]["started"]) == (2, 1)
    assert "7月当月完成投资0.00亿元，占年度计划的0.00%。" in f["text"]["sections"][0]["paragraphs"][2]


def test_year_end_case_with_a_rate_above_one_hundred(county):
    factories.make_progress(county["a"], month=12, completed=500)
    f = bulletin_figures(year=2024, month=12)
    # time progress 12 ÷ 12 = 100
    assert f["time_progress"] == "100.00"
    # 甲: 600 + 500 = 1100 of 1000 → 110.00 %, 10 points ahead of time progress
    assert f["tiers"]["province"]["completion_rate"] == "110.00"
    assert f["tiers"]["province"]["vs_time_progress"] == "10.00"
    # total: 2340 + 500 = 2840 of 3600 → 78.888… %, gap −21.111…
    assert f["total"]["completion_rate"] == "78.89"
    assert f["total"]["vs_time_progress"] == "-21.11"
    assert f["text"]["title"] == "关于2024年1-12月全县重点工程建设进展情况的通报"
    tiers = next(p for p in f["text"]["sections"][0]["paragraphs"] if p.startswith("分层级看"))
    assert "省级重点工程1项，完成投资0.11亿元，占年度计划的110.00%，超过时间进度10.00个百分点。" in tiers


def test_the_domain_example_of_a_rate_above_one_hundred(db):
    # DOMAIN.md: 28.78 ÷ 19.00 = 151.47 %. In 万元: 287800 of 190000; gap 151.4736… − 83.3333… = 68.1403…
    project = factories.make_project(annual_plan=190000, total_investment=500000)
    factories.make_progress(project, month=10, completed=287800)
    f = bulletin_figures(year=2024, month=10)
    assert f["total"]["completion_rate"] == "151.47"
    assert f["total"]["vs_time_progress"] == "68.14"
    assert f["headline"] == "1-10月，全县重点工程完成投资28.78亿元，占年度计划的151.47%，超过时间进度68.14个百分点。"


def test_the_issue_example_rounds_half_up_from_unrounded_values(db):
    # 1165.90 ÷ 1200 = 97.158333… → 97.16; gap 97.158333… − 83.333333… = 13.825 exactly → 13.83 half up
    # (banker's rounding would give 13.82).
    project = factories.make_project(annual_plan=1200)
    factories.make_progress(project, month=10, completed="1165.90")
    f = bulletin_figures(year=2024, month=10)
    assert (f["total"]["completion_rate"], f["total"]["vs_time_progress"]) == ("97.16", "13.83")
    # One decimal, as the county may choose: 97.158… → 97.2 and 13.825 → 13.8 in the text; JSON keeps two.
    f = bulletin_figures(year=2024, month=10, options=BulletinOptions(decimals=1))
    assert f["total"]["completion_rate"] == "97.16"
    assert f["total"]["shown"] == {"completion_rate": "97.2", "vs_time_progress": "13.8"}
    assert f["headline"] == "1-10月，全县重点工程完成投资0.12亿元，占年度计划的97.2%，超过时间进度13.8个百分点。"


def test_the_gap_comes_from_unrounded_values_not_from_rounded_ones(db):
    # January: 100.06 ÷ 1000 = 10.006 % → 10.01; time progress 8.333… → 8.33;
    # gap 10.006 − 8.3333… = 1.6726… → 1.67 (subtracting the rounded values would give 1.68).
    project = factories.make_project(annual_plan=1000)
    factories.make_progress(project, month=1, completed="100.06")
    f = bulletin_figures(year=2024, month=1)
    assert (f["total"]["completion_rate"], f["time_progress"], f["total"]["vs_time_progress"]) == (
        "10.01",
        "8.33",
        "1.67",
    )
    assert f["headline"].startswith("1月，全县重点工程")


@pytest.mark.parametrize(
    ("plan", "done", "two", "one"),
    [
        (800, 1, "0.13", "0.1"),  # 0.125 → 0.13 half up (0.12 half even)
        (400, 389, "97.25", "97.3"),  # 97.25 → 97.3 half up (97.2 half even)
    ],
)
def test_rates_round_half_up(db, plan, done, two, one):
    project = factories.make_project(annual_plan=plan)
    factories.make_progress(project, month=10, completed=done)
    assert bulletin_figures(year=2024, month=10)["total"]["completion_rate"] == two
    assert (
        bulletin_figures(year=2024, month=10, options=BulletinOptions(decimals=1))["total"]["shown"]["completion_rate"]
        == one
    )


def test_a_project_with_no_annual_plan(db):
    township = factories.make_unit("润城镇")
    project = factories.make_project("无计划项目", annual_plan=0, township=township)
    factories.make_progress(project, month=10, completed=100)
    f = bulletin_figures(year=2024, month=10)
    # completed counts; there is nothing to divide by: no rate, no gap, not ranked first or last, not "behind"
    assert f["total"]["completed"] == "100.00"
    assert f["total"]["completion_rate"] is None
    assert f["total"]["vs_time_progress"] is None
    assert f["month_share_of_plan"] is None
    assert f["townships"] == [
        {
            "name": "润城镇",
            "rank": 1,
            "count": 1,
            "total_investment": "5000.00",
            "annual_plan": "0.00",
            "completed": "100.00",
            "completion_rate": None,
            "vs_time_progress": None,
            "shown": {"completion_rate": None, "vs_time_progress": None},
        }
    ]
    assert f["horse_race"]["townships"] == {"first": [], "last": []}
    assert f["behind"]["projects"] == []
    assert f["headline"] == "1-10月，全县重点工程完成投资0.01亿元。"


def test_a_project_added_mid_year_counts_from_when_it_is_listed(county):
    before = bulletin_figures(year=2024, month=7)
    added = factories.make_project(
        "己项目",
        tier=Tier.COUNTY,
        nature=Nature.NEW,
        annual_plan=400,
        total_investment=900,
        planned_start=date(2024, 7, 1),
        actual_start=date(2024, 7, 10),
    )
    factories.make_progress(added, month=7, completed=40)
    after = bulletin_figures(year=2024, month=7)
    # 5 → 6 projects; plan 3600 + 400 = 4000; done 810 + 40 = 850 → 21.25 %
    assert before["total"]["count"] == 5
    assert (after["total"]["count"], after["total"]["annual_plan"], after["total"]["completed"]) == (
        6,
        "4000.00",
        "850.00",
    )
    assert after["total"]["completion_rate"] == "21.25"
    assert after["month_completed"] == "40.00"


def test_an_empty_year_gives_a_bulletin_without_rates(db):
    f = bulletin_figures(year=2030, month=3)
    assert f["total"]["count"] == 0
    assert f["total"]["completion_rate"] is None
    assert f["townships"] == [] and f["units"] == []
    assert f["text"]["sections"][0]["paragraphs"][1] == "1-3月，全县重点工程完成投资0.00亿元。"


def test_sentences_read_like_a_published_bulletin(county):
    text = bulletin_figures(year=2024, month=10)["text"]
    assert text["title"] == "关于2024年1-10月全县重点工程建设进展情况的通报"
    assert text["headline"] == "1-10月，全县重点工程完成投资0.23亿元，占年度计划的65.00%，低于时间进度18.33个百分点。"
    sections = {s["key"]: s for s in text["sections"]}
    assert [s["number"] for s in text["sections"]][:5] == ["一", "二", "三", "四", "五"]
    assert sections["starts"]["paragraphs"][0] == (
        "全年计划新开工项目3项，截至10月底应开工3项，已开工2项（其中提前开工1项），开工率66.67%。"
    )
    assert sections["starts"]["paragraphs"][1] == "未按期开工项目1项：丙项目。"
    assert sections["completions"]["paragraphs"][1] == "未按期竣工项目1项：乙项目。"
    assert sections["horse_race"]["paragraphs"][0] == (
        "从各乡（镇）看，投资完成率最高的是北留镇（79.05%），最低的是凤城镇（45.33%）。"
    )
    # No ledger has data: no task-force section.
    assert "taskforces" not in sections


def test_section_numbers_in_chinese():
    assert [chinese_numeral(n) for n in (1, 9, 10, 11, 20, 24)] == ["一", "九", "十", "十一", "二十", "二十四"]


def test_month_out_of_range_is_refused(db):
    with pytest.raises(ValueError, match=r"month must be 1\.\.12"):
        bulletin_figures(year=2024, month=13)
