"""Campaign pages: who may read and change what, exports, and fixed query counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accounts.models import Unit
from campaigns.models import (
    ApprovalFlowchart,
    BankEnterpriseMeeting,
    CampaignYear,
    Ceremony,
    Decision,
    Indicator,
    IndicatorUnitTarget,
    IndustrialProject,
    Inspection,
    PipelineProject,
    PipelineStage,
    RankingPublication,
    Scheme,
)
from campaigns.services import ranking_publish
from projects.models import YearTarget
from taskforces.models import Trip
from tests import factories

pytestmark = pytest.mark.django_db

SLUGS = factories.CAMPAIGN_SLUGS
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    township: Unit
    other_township: Unit
    indicator: Indicator
    pipeline: PipelineProject
    other_pipeline: PipelineProject
    industrial: IndustrialProject
    ceremony: Ceremony
    meeting: BankEnterpriseMeeting
    inspection: Inspection
    decision: Decision


@pytest.fixture
def world(township, other_township, department):
    for slug in SLUGS:
        factories.make_campaign(slug)
    YearTarget.objects.create(year=2024, fai_target=Decimal("100000"), growth_rate=Decimal("10"))
    factories.make_project(township=township, responsible_unit=department, annual_plan="1000")
    indicator = factories.make_indicator(
        "reserve",
        "reserve.planned_pool_total",
        code="planned-total",
        scope="county_townships",
        unit="yi",
        multiplier="4",
        base="register.fai_target",
        weights={Scheme.COUNTY: 10},
    )
    factories.make_indicator(
        "five-batches", "five_batches.signed", scope="townships", value=2, weights={Scheme.FIVE_BATCHES: 50}
    )
    factories.make_indicator(
        "attraction",
        "attraction.trips",
        scope="townships",
        period="month",
        unit="times",
        value=2,
        weights={Scheme.ATTRACTION: 40},
    )
    pipeline = factories.make_pipeline_project(township, "5000", name="凤城谋划项目", approved_on=date(2024, 3, 1))
    other_pipeline = factories.make_pipeline_project(other_township, "7000", name="北留秘密谋划项目")
    industrial = factories.make_industrial_project(township, signed_on=date(2024, 2, 1))
    ceremony = Ceremony.objects.create(held_on=date(2024, 3, 28), kind="start", place="开发区")
    meeting = BankEnterpriseMeeting.objects.create(held_on=date(2024, 5, 16), banks="工商银行", enterprises="甲公司")
    inspection = Inspection.objects.create(
        year=2024, month=5, unit=township, inspected_on=date(2024, 5, 20), findings="台账滞后"
    )
    decision = Decision.objects.create(
        campaign=indicator.campaign,
        unit=township,
        year=2024,
        month=5,
        kind="commendation",
        grounds="排名第一",
        decided_on=date(2024, 6, 5),
    )
    return World(
        township,
        other_township,
        indicator,
        pipeline,
        other_pipeline,
        industrial,
        ceremony,
        meeting,
        inspection,
        decision,
    )


# --- every view that changes data -----------------------------------------------------------------


@dataclass
class WriteCase:
    name: str
    url: Callable[[World], str]
    data: Callable[[World], dict[str, Any]]
    changed: Callable[[World], bool]
    multipart: bool = False


def _indicator_data(w: World, **extra) -> dict:
    data = {
        "year": 2024,
        "code": "new-ind",
        "name": "新指标",
        "metric": "reserve.reserve_count",
        "scope": "county",
        "period": "year",
        "comparison": "gte",
        "target_value": "3",
        "display_unit": "count",
        "sort_order": 0,
    }
    return data | extra


WRITES = [
    WriteCase(
        "indicator_create",
        lambda w: "/campaigns/reserve/indicators/new/",
        _indicator_data,
        lambda w: Indicator.objects.filter(code="new-ind").exists(),
    ),
    WriteCase(
        "indicator_edit",
        lambda w: f"/campaigns/indicators/{w.indicator.pk}/edit/",
        lambda w: _indicator_data(
            w,
            code="planned-total",
            metric="reserve.planned_pool_total",
            display_unit="yi",
            target_value="",
            target_multiplier="5",
            target_base="register.fai_target",
        ),
        lambda w: Indicator.objects.get(pk=w.indicator.pk).target_multiplier == Decimal("5"),
    ),
    WriteCase(
        "indicator_unit_target",
        lambda w: f"/campaigns/indicators/{w.indicator.pk}/unit-target/",
        lambda w: {"unit": w.township.pk, "target_value": "7"},
        lambda w: IndicatorUnitTarget.objects.filter(indicator=w.indicator).exists(),
    ),
    WriteCase(
        "settings",
        lambda w: "/campaigns/settings/2024/",
        lambda w: {"reserve_counts_in_planned_pool": "on", "yellow_ratio": "0.7"},
        lambda w: CampaignYear.objects.filter(year=2024).exists(),
    ),
    WriteCase(
        "create_pipeline",
        lambda w: "/campaigns/records/pipeline/new/",
        lambda w: {
            "name": "新谋划项目",
            "township": w.township.pk,
            "estimated_investment": "100",
            "entered_on": "2024-05-01",
        },
        lambda w: PipelineProject.objects.filter(name="新谋划项目").exists(),
    ),
    WriteCase(
        "create_industrial",
        lambda w: "/campaigns/records/industrial/new/",
        lambda w: {"name": "新产业项目", "township": w.township.pk, "investment": "100", "signed_on": "2024-05-01"},
        lambda w: IndustrialProject.objects.filter(name="新产业项目").exists(),
    ),
    WriteCase(
        "create_ceremony",
        lambda w: "/campaigns/records/ceremony/new/",
        lambda w: {"held_on": "2024-06-26", "kind": "production", "place": "北留镇", "projects": [w.industrial.pk]},
        lambda w: Ceremony.objects.filter(place="北留镇").exists(),
    ),
    WriteCase(
        "create_bank_meeting",
        lambda w: "/campaigns/records/bank-meeting/new/",
        lambda w: {
            "held_on": "2024-11-16",
            "banks": "农业银行",
            "enterprises": "乙公司",
            "financing_requested": "10",
            "financing_agreed": "5",
        },
        lambda w: BankEnterpriseMeeting.objects.filter(banks="农业银行").exists(),
    ),
    WriteCase(
        "create_inspection",
        lambda w: "/campaigns/records/inspection/new/",
        lambda w: {
            "year": 2024,
            "month": 6,
            "unit": w.township.pk,
            "inspected_on": "2024-06-18",
            "findings": "新发现",
        },
        lambda w: Inspection.objects.filter(findings="新发现").exists(),
    ),
    WriteCase(
        "create_decision",
        lambda w: "/campaigns/records/decision/new/",
        lambda w: {
            "campaign": w.indicator.campaign_id,
            "unit": w.township.pk,
            "year": 2024,
            "month": 6,
            "kind": "criticism",
            "grounds": "排名末位",
            "decided_on": "2024-07-05",
        },
        lambda w: Decision.objects.filter(grounds="排名末位").exists(),
    ),
    WriteCase(
        "edit_pipeline",
        lambda w: f"/campaigns/records/pipeline/{w.pipeline.pk}/edit/",
        lambda w: {
            "name": "改名项目",
            "township": w.township.pk,
            "estimated_investment": "5000",
            "entered_on": "2024-01-10",
        },
        lambda w: PipelineProject.objects.filter(name="改名项目").exists(),
    ),
    WriteCase(
        "edit_industrial",
        lambda w: f"/campaigns/records/industrial/{w.industrial.pk}/edit/",
        lambda w: {"name": "改名产业项目", "township": w.township.pk, "investment": "1", "signed_on": "2024-02-01"},
        lambda w: IndustrialProject.objects.filter(name="改名产业项目").exists(),
    ),
    WriteCase(
        "edit_ceremony",
        lambda w: f"/campaigns/records/ceremony/{w.ceremony.pk}/edit/",
        lambda w: {"held_on": "2024-03-28", "kind": "start", "place": "改地点"},
        lambda w: Ceremony.objects.filter(place="改地点").exists(),
    ),
    WriteCase(
        "edit_bank_meeting",
        lambda w: f"/campaigns/records/bank-meeting/{w.meeting.pk}/edit/",
        lambda w: {
            "held_on": "2024-05-16",
            "banks": "改银行",
            "enterprises": "甲公司",
            "financing_requested": "0",
            "financing_agreed": "0",
        },
        lambda w: BankEnterpriseMeeting.objects.filter(banks="改银行").exists(),
    ),
    WriteCase(
        "edit_inspection",
        lambda w: f"/campaigns/records/inspection/{w.inspection.pk}/edit/",
        lambda w: {
            "year": 2024,
            "month": 5,
            "unit": w.township.pk,
            "inspected_on": "2024-05-20",
            "findings": "改问题",
        },
        lambda w: Inspection.objects.filter(findings="改问题").exists(),
    ),
    WriteCase(
        "edit_decision",
        lambda w: f"/campaigns/records/decision/{w.decision.pk}/edit/",
        lambda w: {
            "campaign": w.indicator.campaign_id,
            "unit": w.township.pk,
            "year": 2024,
            "month": 5,
            "kind": "commendation",
            "grounds": "改依据",
            "decided_on": "2024-06-05",
        },
        lambda w: Decision.objects.filter(grounds="改依据").exists(),
    ),
    WriteCase(
        "pipeline_approval",
        lambda w: f"/campaigns/pipeline/{w.pipeline.pk}/approval/",
        lambda w: {"name": "环评批复", "obtained_on": "2024-04-02"},
        lambda w: w.pipeline.approvals.filter(name="环评批复").exists(),
    ),
    WriteCase(
        "pipeline_start",
        lambda w: f"/campaigns/pipeline/{w.pipeline.pk}/start/",
        lambda w: {"started_on": "2024-06-01", "tier": "county", "annual_plan": "100"},
        lambda w: PipelineProject.objects.get(pk=w.pipeline.pk).stage == PipelineStage.STARTED,
    ),
    WriteCase(
        "flowchart_upload",
        lambda w: "/campaigns/flowcharts/new/",
        lambda w: {"category": "政府投资项目", "title": "流程图", "file": SimpleUploadedFile("a.pdf", PDF)},
        lambda w: ApprovalFlowchart.objects.exists(),
        multipart=True,
    ),
    WriteCase(
        "ranking_publish",
        lambda w: "/campaigns/rankings/publish/",
        lambda w: {"year": 2024, "month": 5},
        lambda w: RankingPublication.objects.exists(),
    ),
]


def _post(client, case: WriteCase, w: World):
    return client.post(case.url(w), case.data(w))


@pytest.mark.parametrize("case", WRITES, ids=[c.name for c in WRITES])
def test_hq_office_can_make_each_change(client, hq, world, case):
    client.force_login(hq)
    response = _post(client, case, world)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert case.changed(world)


@pytest.mark.parametrize("case", WRITES, ids=[c.name for c in WRITES])
def test_outsider_is_refused_every_change(client, outsider, world, case):
    client.force_login(outsider)
    assert _post(client, case, world).status_code == 403
    assert not case.changed(world)


@pytest.mark.parametrize("case", WRITES, ids=[c.name for c in WRITES])
def test_township_reporter_cannot_change_campaign_records(client, reporter, world, case):
    client.force_login(reporter)
    assert _post(client, case, world).status_code in (403, 404)
    assert not case.changed(world)


@pytest.mark.parametrize("case", WRITES, ids=[c.name for c in WRITES])
def test_county_leader_reads_but_cannot_change(client, leader, world, case):
    client.force_login(leader)
    assert _post(client, case, world).status_code == 403
    assert not case.changed(world)


@pytest.mark.parametrize("case", WRITES, ids=[c.name for c in WRITES])
def test_task_force_member_without_a_unit_is_refused(client, tf_member, world, case):
    client.force_login(tf_member)
    assert _post(client, case, world).status_code == 403
    assert not case.changed(world)


def test_inspection_office_and_administrators_edit_too(client, inspector, admin, world):
    client.force_login(inspector)
    case = next(c for c in WRITES if c.name == "create_inspection")
    assert _post(client, case, world).status_code == 302 and case.changed(world)
    client.force_login(admin)
    case = next(c for c in WRITES if c.name == "indicator_unit_target")
    assert _post(client, case, world).status_code == 302 and case.changed(world)


def test_changing_the_target_in_the_browser_changes_the_figures(client, hq, world):
    client.force_login(hq)
    page = client.get("/campaigns/reserve/?year=2024&month=10").content.decode()
    assert "≥ 40.00 亿元" in page  # 4 × 100,000 万元 = 40 亿元
    case = next(c for c in WRITES if c.name == "indicator_edit")
    _post(client, case, world)
    page = client.get("/campaigns/reserve/?year=2024&month=10").content.decode()
    assert "≥ 50.00 亿元" in page and "≥ 40.00 亿元" not in page


def test_an_invalid_target_is_refused_with_a_message(client, hq, world):
    client.force_login(hq)
    response = client.post(
        f"/campaigns/indicators/{world.indicator.pk}/edit/",
        _indicator_data(
            world, code="planned-total", target_value="3", target_multiplier="4", target_base="register.fai_target"
        ),
    )
    assert response.status_code == 200
    assert "二者只能选其一" in response.content.decode()


def test_a_flowchart_must_really_be_a_pdf_or_image(client, hq, world):
    client.force_login(hq)
    response = client.post(
        "/campaigns/flowcharts/new/",
        {
            "category": "政府投资项目",
            "title": "伪装",
            "file": SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 200 and not ApprovalFlowchart.objects.exists()


# --- reading --------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_outsider_cannot_read_campaigns(client, outsider, world, slug):
    client.force_login(outsider)
    assert client.get("/campaigns/").status_code == 403
    assert client.get(f"/campaigns/{slug}/").status_code == 403
    assert client.get(f"/campaigns/{slug}/export.xlsx").status_code == 403


@pytest.mark.parametrize("slug", SLUGS)
def test_county_leader_reads_every_campaign_without_edit_links(client, leader, world, slug):
    client.force_login(leader)
    response = client.get(f"/campaigns/{slug}/?year=2024&month=5")
    assert response.status_code == 200
    assert "修改目标" not in response.content.decode()


def test_township_sees_its_own_figures_only(client, reporter, world):
    client.force_login(reporter)
    page = client.get("/campaigns/reserve/?year=2024&month=5").content.decode()
    assert "凤城谋划项目" in page
    assert "北留秘密谋划项目" not in page and "北留镇" not in page
    assert client.get(f"/campaigns/records/pipeline/{world.pipeline.pk}/").status_code == 200
    assert client.get(f"/campaigns/records/pipeline/{world.other_pipeline.pk}/").status_code == 404
    assert client.get(f"/campaigns/records/ceremony/{world.ceremony.pk}/").status_code == 404
    assert client.get(f"/campaigns/indicators/{world.indicator.pk}/?unit={world.township.pk}").status_code == 200
    assert client.get(f"/campaigns/indicators/{world.indicator.pk}/?unit={world.other_township.pk}").status_code == 404


def test_township_reads_the_published_ranking_in_full(client, reporter, world):
    publication = ranking_publish(year=2024, month=5, published_by=None)
    client.force_login(reporter)
    page = client.get(f"/campaigns/rankings/{publication.pk}/").content.decode()
    assert "凤城镇" in page and "北留镇" in page


def test_every_user_of_the_campaigns_may_open_a_flowchart(client, hq, reporter, outsider, world):
    client.force_login(hq)
    client.post(
        "/campaigns/flowcharts/new/",
        {"category": "政府投资项目", "title": "流程图", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    chart = ApprovalFlowchart.objects.get()
    client.force_login(reporter)
    response = client.get(f"/campaigns/flowcharts/{chart.pk}/file/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    client.force_login(outsider)
    assert client.get(f"/campaigns/flowcharts/{chart.pk}/file/").status_code == 403


@pytest.mark.parametrize("kind", ["pipeline", "industrial", "ceremony", "bank-meeting", "inspection", "decision"])
def test_record_pages_show_each_kind(client, hq, world, kind):
    pk = {
        "pipeline": world.pipeline,
        "industrial": world.industrial,
        "ceremony": world.ceremony,
        "bank-meeting": world.meeting,
        "inspection": world.inspection,
        "decision": world.decision,
    }[kind].pk
    client.force_login(hq)
    assert client.get(f"/campaigns/records/{kind}/{pk}/").status_code == 200
    assert client.get(f"/campaigns/records/{kind}/{pk}/edit/").status_code == 200


# --- exports --------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_every_campaign_page_exports_to_xlsx(client, hq, world, slug):
    client.force_login(hq)
    response = client.get(f"/campaigns/{slug}/export.xlsx?year=2024&month=5")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook["指标"]
    assert [c.value for c in sheet[1]][:5] == ["指标", "考核范围", "统计期间", "比较", "目标"]
    assert len(workbook.sheetnames) >= 2


def test_reserve_export_lists_the_pipeline(client, hq, world):
    client.force_login(hq)
    workbook = load_workbook(BytesIO(client.get("/campaigns/reserve/export.xlsx?year=2024&month=5").content))
    names = [row[0] for row in workbook["项目储备库"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["凤城谋划项目", "北留秘密谋划项目"]


# --- fixed query counts ---------------------------------------------------------------------------


def _populate(w: World, n: int) -> None:
    for i in range(n):
        for unit in (w.township, w.other_township):
            factories.make_pipeline_project(unit, 100 + i, approved_on=date(2024, 2, 1) if i % 2 else None)
            factories.make_industrial_project(unit, signed_on=date(2024, 1 + i % 5, 3), landed_on=date(2024, 6, 1))
            Trip.objects.create(unit=unit, date=date(2024, 5, 1 + i), destination="郑州", participants="3人")
            Inspection.objects.create(
                year=2024, month=5, unit=unit, inspected_on=date(2024, 5, 2), findings=f"问题{i}"
            )
            factories.make_problem(owner_unit=unit, deadline=date(2024, 5, 3))
        BankEnterpriseMeeting.objects.create(held_on=date(2024, 5, 1 + i), banks="甲\n乙", enterprises="丙")


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("slug", SLUGS)
def test_campaign_pages_run_a_fixed_number_of_queries(client, hq, world, slug):
    client.force_login(hq)
    url = f"/campaigns/{slug}/?year=2024&month=5"
    _populate(world, 2)
    few = _count(client, url)
    _populate(world, 12)
    assert _count(client, url) == few


def test_index_and_export_run_a_fixed_number_of_queries(client, hq, world):
    client.force_login(hq)
    _populate(world, 2)
    few = (
        _count(client, "/campaigns/?year=2024&month=5"),
        _count(client, "/campaigns/reserve/export.xlsx?year=2024&month=5"),
    )
    _populate(world, 12)
    assert (
        _count(client, "/campaigns/?year=2024&month=5"),
        _count(client, "/campaigns/reserve/export.xlsx?year=2024&month=5"),
    ) == few
