"""The per-task-force section: present where a ledger has data for the month, absent otherwise."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bulletins.documents import draft_meta
from bulletins.figures import bulletin_figures
from bulletins.sections import taskforce_sections
from bulletins.services import render_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def taskforces(all_taskforces):
    return all_taskforces


def test_no_ledger_data_no_section(county, taskforces):
    assert taskforce_sections(year=2024, month=10) == []
    f = bulletin_figures(year=2024, month=10)
    assert f["taskforces"] == []
    assert "taskforces" not in [s["key"] for s in f["text"]["sections"]]


def test_approvals_section(county, taskforces):
    from taskforces.models import ApprovalItem, ApprovalItemType

    kinds = [
        ApprovalItemType.objects.get_or_create(name=name)[0] for name in ("项目建议书审批", "用地预审", "环评审批")
    ]
    # 3 items of 2 projects: approved in October; blocked; in progress with a deadline of 10-15 (overdue at 10-31)
    ApprovalItem.objects.create(
        project=county["d"], item_type=kinds[0], status="approved", approved_on=date(2024, 10, 8)
    )
    ApprovalItem.objects.create(project=county["d"], item_type=kinds[1], status="blocked", blocked_reason="规划未批")
    ApprovalItem.objects.create(
        project=county["c"], item_type=kinds[2], status="in_progress", deadline=date(2024, 10, 15)
    )
    [section] = taskforce_sections(year=2024, month=10)
    assert (section["slug"], section["name"]) == ("approvals", "前期手续专班")
    assert section["figures"] == {
        "items": 3,
        "approved": 1,
        "approved_this_month": 1,
        "blocked": 1,
        "overdue": 1,
        "projects": 2,
        "projects_overdue": 1,
        "approval_rate": "33.33",  # 1 ÷ 3
    }
    assert section["paragraphs"] == [
        "审批事项清单共有2个项目的审批事项3项，已办结1项（本月办结1项），受阻1项，逾期未办结1项。"
    ]
    # at the end of September the in-progress item was not yet overdue and nothing was approved
    september = taskforce_sections(year=2024, month=9)[0]["figures"]
    assert (september["overdue"], september["approved"]) == (0, 0)


@pytest.fixture
def ledger_records(county, taskforces):
    """October's records in five ledgers, with the figures each section must show in the comments."""
    from taskforces.models import (
        FundingApplication,
        LandDemand,
        SiteVisit,
        StatisticsScreening,
        SupervisionCheck,
        SupervisionVisit,
        Trip,
    )

    # supervision: 2 visits in October to 甲 (twice) and 乙 → 2 of 5 key projects covered (40.00 %); one problem found
    v1 = SupervisionVisit.objects.create(project=county["a"], date=date(2024, 10, 3), inspectors="督导组")
    SupervisionVisit.objects.create(project=county["a"], date=date(2024, 10, 20), inspectors="督导组")
    SupervisionVisit.objects.create(project=county["b"], date=date(2024, 10, 9), inspectors="督导组")
    SupervisionVisit.objects.create(
        project=county["c"], date=date(2024, 9, 9), inspectors="督导组"
    )  # September: not counted
    SupervisionCheck.objects.create(visit=v1, aspect="progress", result="problem", note="进度滞后")
    # statistics: October screening of 3 projects, 2 eligible, 1 included in October
    StatisticsScreening.objects.create(
        project=county["a"], year=2024, month=10, eligible=True, included=True, included_on=date(2024, 10, 12)
    )
    StatisticsScreening.objects.create(project=county["b"], year=2024, month=10, eligible=True)
    StatisticsScreening.objects.create(project=county["c"], year=2024, month=10, eligible=False)
    # funding: two 2024 applications
    FundingApplication.objects.create(
        project=county["a"],
        fund_type="special_bond",
        year=2024,
        amount_applied=Decimal("1000"),
        amount_approved=Decimal("800"),
        amount_received=Decimal("200"),
        status="received",
    )
    FundingApplication.objects.create(
        project=county["b"], fund_type="central_budget", year=2024, amount_applied=Decimal("500"), status="applied"
    )
    # land: one approved, one returned
    LandDemand.objects.create(
        project=county["a"], area_mu=Decimal("12.5"), stage="approved", approved_on=date(2024, 8, 1)
    )
    LandDemand.objects.create(
        project=county["c"],
        area_mu=Decimal("7.5"),
        stage="returned",
        returned_on=date(2024, 9, 1),
        returned_reason="材料不全",
    )
    # investment: one trip and one site visit in October
    Trip.objects.create(date=date(2024, 10, 11), destination="深圳", unit=county["d1"], participants="招商组")
    SiteVisit.objects.create(project=county["a"], date=date(2024, 10, 15), visitors="招商专班")


def test_supervision_statistics_funding_land_and_investment_sections(ledger_records):
    sections = {s["slug"]: s for s in taskforce_sections(year=2024, month=10)}
    assert list(sections) == ["investment", "supervision", "land", "statistics", "funding"]
    assert sections["supervision"]["figures"] == {
        "visits": 3,
        "key_projects": 5,
        "covered": 2,
        "not_covered": 3,
        "coverage": "40.00",
        "problems_found": 1,
    }
    assert sections["statistics"]["figures"] == {
        "screened": 3,
        "eligible": 2,
        "included": 1,
        "included_this_month": 1,
        "not_included": 1,
        "documents_returned": 0,
        "inclusion_rate": "50.00",
    }
    # applied 1000 + 500 = 1500, approved 800, received 200 → 25.00 % of the approved funds in place
    assert sections["funding"]["figures"] == {
        "applications": 2,
        "applied": "1500.00",
        "approved": "800.00",
        "received": "200.00",
        "receipt_rate": "25.00",
    }
    assert sections["land"]["figures"] == {
        "demands": 2,
        "area": "20.00",
        "filed": 2,
        "approved": 1,
        "submitted": 0,
        "returned": 1,
    }
    assert sections["investment"]["figures"] == {"trips": 1, "site_visits": 1}
    assert sections["land"]["paragraphs"] == [
        "项目用地需求2宗（20.00亩），已组件报批2宗，在市、省审批0宗，已获批1宗，退件1宗。"
    ]

    f = bulletin_figures(year=2024, month=10)
    section = next(s for s in f["text"]["sections"] if s["key"] == "taskforces")
    assert (section["number"], section["heading"]) == ("六", "工作专班推进情况")
    assert [(sub["number"], sub["heading"]) for sub in section["subsections"]][:2] == [
        ("一", "招商引资专班"),
        ("二", "推进督导专班"),
    ]
    workbook = load_workbook(io.BytesIO(render_xlsx(f, draft_meta(f, sequence=1, issued_on=date(2024, 11, 1)))))
    rows = [[c.value for c in row] for row in workbook["工作专班推进情况"].iter_rows(min_row=4)]
    assert rows[0][0] == "招商引资专班"


def test_campaign_section_appears_with_the_campaigns_indicators(county):
    from tests import factories

    factories.make_indicator("reserve", "register.new_projects", name="新开工项目个数", value=3)
    f = bulletin_figures(year=2024, month=10)
    assert [c["name"] for c in f["campaigns"]] == ["项目储备"]
    section = next(s for s in f["text"]["sections"] if s["key"] == "campaigns")
    assert section["subsections"][0]["heading"] == "项目储备"
    assert "新开工项目个数" in section["subsections"][0]["paragraphs"][0]


def test_no_indicators_no_campaign_section(county):
    f = bulletin_figures(year=2024, month=10)
    assert f["campaigns"] == []
    assert not any(s["key"] == "campaigns" for s in f["text"]["sections"])
