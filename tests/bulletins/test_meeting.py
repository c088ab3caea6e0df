"""The pack for the executive deputy county head's monthly progress meeting."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from docx import Document

from bulletins.meeting import meeting_pack
from bulletins.meeting_docx import meeting_docx
from problems.models import ProblemEvent, ProblemStatus
from tests import factories

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def problems(county):
    """An executive-level problem with its history, and problems the meeting must not list."""
    escalated = factories.make_problem(
        "乙项目征地拆迁推进缓慢", level="taskforce", project=county["b"], deadline=date(2024, 9, 30)
    )
    ProblemEvent.objects.create(
        problem=escalated,
        at=datetime(2024, 10, 2, 9, tzinfo=TZ),
        kind="escalated",
        from_level="taskforce",
        to_level="deputy",
        note="逾期未解决",
    )
    ProblemEvent.objects.create(
        problem=escalated,
        at=datetime(2024, 10, 20, 9, tzinfo=TZ),
        kind="escalated",
        from_level="deputy",
        to_level="executive",
        note="提交常务副县长",
    )
    escalated.level = "executive"
    escalated.owner_unit = county["d1"]
    escalated.save()
    factories.make_problem("低层级问题", level="deputy")
    factories.make_problem(
        "已解决的问题", level="executive", status=ProblemStatus.RESOLVED, resolved_at=timezone.now()
    )
    return escalated


def test_pack_gathers_the_meeting_subjects(county, problems):
    pack = meeting_pack(year=2024, month=10)
    assert pack["title"] == "2024年1-10月全县项目建设推进会汇报材料"
    # headline figures and starts come from the bulletin
    assert (
        pack["headline"][1] == "1-10月，全县重点工程完成投资0.23亿元，占年度计划的65.00%，低于时间进度18.33个百分点。"
    )
    assert pack["starts"][0].startswith("全年计划新开工项目3项")
    # provincial and city projects one by one, county projects left out
    rows = pack["key_projects"]
    assert [(r["name"], r["tier"]) for r in rows] == [("甲项目", "province"), ("乙项目", "city")]
    a = rows[0]
    # 甲: 600 of 1000 → 60.00 %, 23.33 points behind; the latest physical progress reported by October
    assert (a["completed"], a["completion_rate"], a["vs_time_progress"]) == ("600.00", "60.00", "-23.33")
    assert a["physical_progress"] == "甲项目10月形象进度"
    assert a["liaison_leader"] == "张副县长"
    # preliminary projects listed even without approval items
    assert [p["name"] for p in pack["approvals"]["projects"]] == ["丁项目"]
    assert pack["approvals"]["projects"][0]["items"] == []
    # only the open problems at the executive level, each with its history
    assert [p.description for p in pack["problems"]] == ["乙项目征地拆迁推进缓慢"]
    assert [e.kind for e in pack["problems"][0].events.all()] == ["raised", "escalated", "escalated"]
    assert pack["statistics"] is None  # no screening this month


def test_pack_uses_the_approvals_and_statistics_ledgers_when_they_have_data(county):
    from taskforces.models import ApprovalItem, ApprovalItemType, StatisticsScreening

    kind = ApprovalItemType.objects.get_or_create(name="项目建议书审批")[0]
    other = ApprovalItemType.objects.get_or_create(name="用地预审")[0]
    # 丁 (preliminary): one approved, one overdue at the end of October (deadline 10-15, not approved)
    ApprovalItem.objects.create(project=county["d"], item_type=kind, status="approved", approved_on=date(2024, 9, 1))
    ApprovalItem.objects.create(
        project=county["d"], item_type=other, status="in_progress", deadline=date(2024, 10, 15)
    )
    StatisticsScreening.objects.create(
        project=county["a"], year=2024, month=10, eligible=True, included=True, included_on=date(2024, 10, 20)
    )
    StatisticsScreening.objects.create(project=county["b"], year=2024, month=10, eligible=True)
    pack = meeting_pack(year=2024, month=10)
    row = pack["approvals"]["projects"][0]
    assert (len(row["items"]), row["approved"], row["overdue"]) == (2, 1, 1)
    assert [i["name"] for i in row["items"] if i["overdue"]] == ["用地预审"]
    # statistics: 2 screened, 2 eligible, 1 included (this month) → 50.00 %
    assert pack["statistics"]["figures"]["inclusion_rate"] == "50.00"
    assert pack["statistics"]["paragraphs"][0].startswith(
        "本月摸排项目2个，具备入库条件2个，已入库纳统1个（本月新增1个），入统率50.00%"
    )


def test_meeting_docx_reads_back(county, problems):
    pack = meeting_pack(year=2024, month=10)
    document = Document(io.BytesIO(meeting_docx(pack, issuer="阳城县项目建设指挥部办公室")))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "2024年1-10月全县项目建设推进会汇报材料"
    for heading in (
        "一、总体进展情况",
        "二、开复工情况",
        "三、入库纳统情况",
        "四、省市重点工程推进情况",
        "五、前期手续办理情况",
    ):
        assert heading in texts
    assert "（一）甲项目（省级）" in texts
    assert any(
        t.startswith("（一）乙项目征地拆迁推进缓慢（乙项目，县交通运输局，办结时限2024年9月30日）") for t in texts
    )
    assert "2024年10月20日 升级（副县长（分管） → 常务副县长）：提交常务副县长" in texts or any(
        t.startswith("2024年10月20日") and "提交常务副县长" in t for t in texts
    )
    assert document.sections[0].footer._element.xml.count("PAGE") >= 1


def test_meeting_page_and_download(client, county, problems, leader):
    client.force_login(leader)
    page = client.get("/bulletins/meeting/2024/10/").content.decode()
    assert "乙项目征地拆迁推进缓慢" in page and "提交常务副县长" in page and "甲项目10月形象进度" in page
    assert "低层级问题" not in page
    docx = client.get("/bulletins/meeting/2024/10/pack.docx")
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    printed = client.get("/bulletins/meeting/2024/10/print/").content.decode()
    assert "size: A4" in printed


@pytest.mark.parametrize("person", ["reporter", "tf_member"])
def test_meeting_pack_is_for_readers_of_everything(client, county, request, person):
    client.force_login(request.getfixturevalue(person))
    assert client.get("/bulletins/meeting/2024/10/").status_code == 403
    assert client.get("/bulletins/meeting/2024/10/pack.docx").status_code == 403


def test_outsider_cannot_see_the_meeting_pack(client, county, outsider):
    client.force_login(outsider)
    assert client.get("/bulletins/meeting/2024/10/").status_code == 404


def test_pack_for_a_meeting_occurrence(client, county, problems, hq):
    from cycles.models import Occurrence

    duty = factories.make_duty(
        "scheduling-monthly-progress-meeting",
        cadence="monthly",
        taskforce=None,
        campaign="scheduling",
        name="项目建设推进会",
        day=28,
        problem_level="executive",
    )
    occurrence = Occurrence.objects.create(
        duty=duty,
        period_key="2024-10",
        period_start=date(2024, 10, 1),
        period_end=date(2024, 10, 31),
        due_date=date(2024, 10, 28),
        title="项目建设推进会 2024年10月",
        opened_at=timezone.now(),
    )
    client.force_login(hq)
    page = client.get(f"/bulletins/meeting/occurrence/{occurrence.pk}/").content.decode()
    assert "项目建设推进会 2024年10月" in page
    assert "2024年1-10月全县项目建设推进会汇报材料" in page
    assert "乙项目征地拆迁推进缓慢" in page
    assert client.get("/bulletins/meeting/occurrence/999999/").status_code == 404
    # the occurrence's own .docx, and links both ways: the index and the month's pack lead to the occurrence
    docx = client.get(f"/bulletins/meeting/occurrence/{occurrence.pk}/pack.docx")
    assert "项目建设推进会 2024年10月" in [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert (
        f'href="/bulletins/meeting/occurrence/{occurrence.pk}/"'
        in client.get("/bulletins/?year=2024").content.decode()
    )
    month_page = client.get("/bulletins/meeting/2024/10/").content.decode()
    assert f'href="/cycles/occurrences/{occurrence.pk}/"' in month_page
