"""The land-use guarantee ledger (用地保障专班): access through the views, returned files standing out,
validation, history, documents, export and fixed query counts."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import Field
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from files.models import Attachment
from taskforces.models import (
    LandDemand,
    LandMeeting,
    LandMeetingDecision,
    LandProblem,
    LandProblemStatus,
    LandStage,
    LandType,
)
from tests import factories

from .ledger_cases import LedgerAccessCases, LedgerDocumentCases

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    user = factories.make_user("land_member_t", full_name="用地专班成员")
    factories.add_member(user, "land")
    return user


def industrial() -> LandType:
    return LandType.objects.get(name="工业用地")


def make_demand(project, **fields) -> LandDemand:
    fields.setdefault("area_mu", Decimal("120.50"))
    fields.setdefault("land_type", industrial())
    fields.setdefault("stage", LandStage.PREPARING)
    return LandDemand.objects.create(project=project, **fields)


def returned_demand(project) -> LandDemand:
    return make_demand(
        project,
        stage=LandStage.RETURNED,
        submitted_city_on=date(2024, 5, 2),
        returned_on=date(2024, 6, 1),
        returned_reason="勘测定界成果与规划红线不一致",
        stage_date=date(2024, 6, 1),
    )


def meeting(**fields) -> LandMeeting:
    fields.setdefault("year", 2024)
    fields.setdefault("quarter", 2)
    fields.setdefault("date", date(2024, 6, 25))
    return LandMeeting.objects.create(**fields)


# --- access, each entry type, through the views ---------------------------------------------------


class TestLandDemandAccess(LedgerAccessCases[LandDemand], LedgerDocumentCases[LandDemand]):
    slug, key, model_class = "land", "demands", LandDemand

    def make_entry(self, project):
        return make_demand(project)

    def create_data(self, project):
        return {"project": project.pk, "area_mu": "88.80", "land_type": industrial().pk, "stage": LandStage.PREPARING}

    def edit_data(self, entry):
        return {
            "project": entry.project_id,
            "area_mu": "120.50",
            "land_type": entry.land_type_id,
            "stage": LandStage.SUBMITTED_CITY,
            "submitted_city_on": "2024-07-01",
        }

    def edited(self, entry):
        return entry.stage == LandStage.SUBMITTED_CITY


class TestLandProblemAccess(LedgerAccessCases[LandProblem], LedgerDocumentCases[LandProblem]):
    slug, key, model_class = "land", "problems", LandProblem

    def make_entry(self, project):
        return LandProblem.objects.create(
            project=project, description="耕地占补平衡指标不足", deadline=date(2024, 9, 30)
        )

    def create_data(self, project):
        return {"project": project.pk, "description": "林地手续未办结", "status": LandProblemStatus.OPEN}

    def edit_data(self, entry):
        return {
            "project": entry.project_id,
            "description": entry.description,
            "status": LandProblemStatus.RESOLVED,
            "resolved_on": "2024-08-01",
        }

    def edited(self, entry):
        return entry.status == LandProblemStatus.RESOLVED


class TestLandMeetingDecisionAccess(LedgerAccessCases[LandMeetingDecision]):
    slug, key, model_class = "land", "decisions", LandMeetingDecision

    def make_entry(self, project):
        return LandMeetingDecision.objects.create(
            meeting=LandMeeting.objects.first() or meeting(), project=project, decision="限期完成组件报批"
        )

    def create_data(self, project):
        return {
            "meeting": (LandMeeting.objects.first() or meeting()).pk,
            "project": project.pk,
            "decision": "协调指标",
        }

    def edit_data(self, entry):
        return {"meeting": entry.meeting_id, "project": entry.project_id, "decision": entry.decision, "done": "on"}

    def edited(self, entry):
        return entry.done


class TestLandMeetingAccess:
    """Meetings are about no single project: members keep them, readers of all read them, reporters don't."""

    data = {
        "date": "2024-09-24",
        "year": "2024",
        "quarter": "3",
        "place": "县自然资源局三楼会议室",
        "summary": "调度三季度用地",
    }

    def test_member_records_a_meeting(self, client, member, all_taskforces):
        client.force_login(member)
        response = client.post("/taskforces/land/meetings/new/", self.data)
        assert response.status_code == 302
        assert LandMeeting.objects.get().quarter == 3

    def test_quarter_must_be_one_to_four(self, client, member, all_taskforces):
        client.force_login(member)
        response = client.post("/taskforces/land/meetings/new/", {**self.data, "quarter": "5"})
        assert response.status_code == 200 and "quarter" in response.context["form"].errors
        assert not LandMeeting.objects.exists()

    def test_readers_read_and_cannot_write(self, client, hq, leader, tf_member, all_taskforces):
        entry = meeting()
        for user in (hq, leader, tf_member):
            client.force_login(user)
            assert client.get(f"/taskforces/land/meetings/{entry.pk}/").status_code == 200
            assert client.post("/taskforces/land/meetings/new/", self.data).status_code == 403
            assert client.post(f"/taskforces/land/meetings/{entry.pk}/edit/", self.data).status_code == 403
        assert LandMeeting.objects.count() == 1

    def test_reporters_and_outsiders_never_see_meetings(self, client, reporter, outsider, all_taskforces):
        entry = meeting()
        for user, write_status in ((reporter, 403), (outsider, 404)):
            client.force_login(user)
            assert client.get("/taskforces/land/?tab=meetings").status_code == 404
            assert client.get(f"/taskforces/land/meetings/{entry.pk}/").status_code == 404
            assert client.post("/taskforces/land/meetings/new/", self.data).status_code == write_status
            assert client.post(f"/taskforces/land/meetings/{entry.pk}/edit/", self.data).status_code == 404
        assert LandMeeting.objects.count() == 1

    def test_meeting_page_lists_its_decisions(self, client, hq, township, all_taskforces):
        entry = meeting()
        project = factories.make_project("凤城物流园项目", township=township)
        LandMeetingDecision.objects.create(meeting=entry, project=project, decision="优先保障新增建设用地计划指标")
        client.force_login(hq)
        html = client.get(f"/taskforces/land/meetings/{entry.pk}/").content.decode()
        assert "优先保障新增建设用地计划指标" in html and "凤城物流园项目" in html


# --- returned files stand out ----------------------------------------------------------------------


@pytest.fixture
def project(township, all_taskforces):
    return factories.make_project("凤城陶瓷产业园项目", township=township)


def test_returned_file_is_red_in_the_ledger_with_its_reason(client, hq, project):
    returned = returned_demand(project)
    approved = make_demand(
        factories.make_project("北留光伏项目"), stage=LandStage.APPROVED, approved_on=date(2024, 4, 1)
    )
    client.force_login(hq)
    response = client.get("/taskforces/land/?tab=demands")
    rows = {row.obj.pk: row for row in response.context["rows"]}
    assert rows[returned.pk].css == "row-red"
    assert rows[approved.pk].css == ""
    stage_cell = next(c for c in rows[returned.pk].cells if c.badge)
    assert stage_cell.badge == ("text-bg-danger", str(LandStage.RETURNED.label))
    assert "勘测定界成果与规划红线不一致" in response.content.decode()


def test_an_open_problem_shows_its_status_badge_alone_without_a_dash(client, hq, project):
    LandProblem.objects.create(project=project, description="耕地占补平衡指标不足", deadline=date(2030, 1, 1))
    client.force_login(hq)
    for url in ("/taskforces/land/?tab=problems", f"/projects/{project.pk}/"):
        html = client.get(url).content.decode()
        assert "未解决</span>" in html and "— <span" not in html, url


def test_returned_files_are_listed_on_top_and_counted_red(client, hq, project):
    returned = returned_demand(project)
    client.force_login(hq)
    response = client.get("/taskforces/land/")
    assert response.context["page_context"]["returned"] == [returned]
    html = response.content.decode()
    assert 'id="returned"' in html and f"/taskforces/land/demands/{returned.pk}/" in html
    figure = next(f for f in response.context["figures"] if "stage=returned" in f.url)
    assert figure.value == 1 and figure.tone == "red"


def test_no_returned_file_is_green(client, hq, project):
    make_demand(project)
    client.force_login(hq)
    response = client.get("/taskforces/land/")
    assert response.context["page_context"]["returned"] == []
    figure = next(f for f in response.context["figures"] if "stage=returned" in f.url)
    assert figure.value == 0 and figure.tone == "green"
    assert 'id="returned"' not in response.content.decode()


def test_returned_file_stands_out_on_its_page_and_its_project_page(client, hq, project):
    returned = returned_demand(project)
    client.force_login(hq)
    page = client.get(f"/taskforces/land/demands/{returned.pk}/").content.decode()
    assert "alert-danger" in page and "勘测定界成果与规划红线不一致" in page
    project_page = client.get(f"/projects/{project.pk}/").content.decode()
    row_start = project_page.index(f"/taskforces/land/demands/{returned.pk}/")
    assert "row-red" in project_page[project_page.rindex("<tr", 0, row_start) : row_start]


def test_reporter_sees_the_returned_files_of_own_projects_only(client, reporter, project, other_township):
    own = returned_demand(project)
    returned_demand(factories.make_project("北留项目", township=other_township))
    client.force_login(reporter)
    assert client.get("/taskforces/land/").context["page_context"]["returned"] == [own]


# --- validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"stage": LandStage.RETURNED, "returned_on": "2024-06-01"}, "returned_reason"),
        ({"stage": LandStage.RETURNED, "returned_reason": "材料不全"}, "returned_on"),
        ({"stage": LandStage.APPROVED}, "approved_on"),
        ({"stage": LandStage.SUBMITTED_PROVINCE}, "submitted_province_on"),
    ],
)
def test_a_stage_needs_its_date_and_a_return_its_reason(client, member, project, extra, field):
    client.force_login(member)
    data = {"project": project.pk, "area_mu": "50", **extra}
    response = client.post("/taskforces/land/demands/new/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not LandDemand.objects.exists()


def test_stage_date_is_the_date_of_the_stage(client, member, project):
    client.force_login(member)
    client.post(
        "/taskforces/land/demands/new/",
        {"project": project.pk, "area_mu": "50", "stage": LandStage.APPROVED, "approved_on": "2024-08-08"},
    )
    assert LandDemand.objects.get().stage_date == date(2024, 8, 8)


def test_problem_linked_to_another_projects_demand_is_refused(client, member, project):
    other = make_demand(factories.make_project("别的项目"))
    client.force_login(member)
    response = client.post(
        "/taskforces/land/problems/new/",
        {"project": project.pk, "demand": other.pk, "description": "x", "status": LandProblemStatus.OPEN},
    )
    assert "demand" in response.context["form"].errors


# --- history ---------------------------------------------------------------------------------------


def test_history_on_the_page_says_who_changed_the_stage_from_what_to_what(client, member, hq, project):
    demand = make_demand(project)
    client.force_login(member)
    client.post(
        f"/taskforces/land/demands/{demand.pk}/edit/",
        {
            "project": project.pk,
            "area_mu": "120.50",
            "land_type": industrial().pk,
            "stage": LandStage.RETURNED,
            "returned_on": "2024-07-01",
            "returned_reason": "红线不一致",
        },
    )
    client.force_login(hq)
    response = client.get(f"/taskforces/land/demands/{demand.pk}/")
    latest = response.context["history"][0]
    assert latest.who == "用地专班成员" and latest.action == "changed"
    changes = {c.label: (c.old, c.new) for c in latest.changes}
    assert changes[str(LandDemand._meta.get_field("stage").verbose_name)] == (
        str(LandStage.PREPARING.label),
        str(LandStage.RETURNED.label),
    )
    html = response.content.decode()
    assert "用地专班成员" in html and "红线不一致" in html
    # and in the ledger's recent changes
    assert client.get("/taskforces/land/?tab=demands").context["changes"][0].who == "用地专班成员"


# --- documents -------------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_member_uploads_a_document_that_only_readers_of_the_entry_download(
    client, member, reporter, other_reporter, project, media
):
    demand = make_demand(project)
    client.force_login(member)
    pdf = SimpleUploadedFile("用地批复.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    response = client.post(f"/taskforces/land/demands/{demand.pk}/files/", {"files": [pdf], "caption": "批复"})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.mime_type == "application/pdf" and attachment.entry == demand
    assert str(media) in attachment.file.path
    client.force_login(reporter)
    download = client.get(f"/files/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert "attachment" in download["Content-Disposition"]
    client.force_login(other_reporter)
    assert client.get(f"/files/{attachment.pk}/").status_code == 404


def test_a_file_is_judged_by_its_content(client, member, project, media):
    demand = make_demand(project)
    client.force_login(member)
    fake = SimpleUploadedFile("批复.pdf", b"just text", content_type="application/pdf")
    client.post(f"/taskforces/land/demands/{demand.pk}/files/", {"files": [fake]})
    assert not Attachment.objects.exists()


def test_reader_cannot_upload(client, hq, project, media):
    demand = make_demand(project)
    client.force_login(hq)
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    assert client.post(f"/taskforces/land/demands/{demand.pk}/files/", {"files": [pdf]}).status_code == 403
    assert not Attachment.objects.exists()


# --- export ----------------------------------------------------------------------------------------


def test_export_is_the_filtered_ledger_with_chinese_headers(client, hq, project):
    returned_demand(project)
    make_demand(factories.make_project("北留光伏项目"), stage=LandStage.APPROVED, approved_on=date(2024, 4, 1))
    client.force_login(hq)
    response = client.get("/taskforces/land/demands/export.xlsx?stage=returned")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in headers), headers
    assert sheet.max_row == 2
    row = {h: c.value for h, c in zip(headers, sheet[2], strict=True)}

    def header(name: str) -> str:
        field = LandDemand._meta.get_field(name)
        assert isinstance(field, Field)  # the export's columns are the model's own fields
        return str(field.verbose_name)

    assert row["项目"] == "凤城陶瓷产业园项目"
    assert row[header("area_mu")] == 120.5
    assert row[header("stage")] == str(LandStage.RETURNED.label)
    assert row[header("returned_reason")] == "勘测定界成果与规划红线不一致"
    assert row["是否退件"] == "是"


# --- key figures and fixed queries --------------------------------------------------------------


def test_key_figures(client, hq, project):
    make_demand(project, area_mu=Decimal("100"))
    make_demand(
        project, area_mu=Decimal("50"), stage=LandStage.SUBMITTED_PROVINCE, submitted_province_on=date(2024, 7, 1)
    )
    make_demand(project, area_mu=Decimal("20"), stage=LandStage.APPROVED, approved_on=date(2024, 7, 1))
    LandProblem.objects.create(project=project, description="x", deadline=date(2000, 1, 1))
    client.force_login(hq)
    figures = client.get("/taskforces/land/").context["figures"]
    values = [f.value for f in figures]
    assert values[:5] == [3, 1, 1, 0, 1]
    assert figures[4].tone == "red"  # the open problem is overdue


@time_machine.travel(date(2024, 8, 15))
def test_quarterly_meeting_figure_says_whether_this_quarter_has_met(client, hq, all_taskforces):
    client.force_login(hq)
    assert client.get("/taskforces/land/").context["figures"][5].tone == "gold"
    meeting(year=2024, quarter=3, date=date(2024, 8, 1))
    assert client.get("/taskforces/land/").context["figures"][5].tone == "green"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("tab", ["demands", "problems", "meetings", "decisions"])
def test_ledger_page_runs_a_fixed_number_of_queries(client, hq, township, all_taskforces, tab):
    def add(n: int) -> None:
        for i in range(n):
            project = factories.make_project(township=factories.make_unit(f"测试乡{i % 5}"), responsible_unit=township)
            demand = returned_demand(project) if i % 2 else make_demand(project)
            LandProblem.objects.create(
                project=project, demand=demand, description=f"问题{i}", responsible_unit=township
            )
            held = meeting(year=2020 + i, quarter=1, date=date(2020 + i, 3, 1))
            LandMeetingDecision.objects.create(
                meeting=held, project=project, decision=f"决定{i}", responsible_unit=township
            )

    client.force_login(hq)
    add(2)
    few = _queries(client, f"/taskforces/land/?tab={tab}")
    add(20)
    assert _queries(client, f"/taskforces/land/?tab={tab}") == few
    assert few <= 25


@time_machine.travel(date(2026, 6, 1))
def test_an_old_ledger_is_judged_at_its_reference_date_not_today(client, hq, project):
    """The 2024 list is an archive in 2026: "overdue" means overdue at the end of 2024 (reference_date)."""
    late = LandProblem.objects.create(project=project, description="逾期问题", deadline=date(2024, 12, 1))
    not_yet = LandProblem.objects.create(project=project, description="未到期问题", deadline=date(2025, 1, 15))
    client.force_login(hq)
    response = client.get("/taskforces/land/?tab=problems")
    css = {row.obj.pk: row.css for row in response.context["rows"]}
    assert css == {late.pk: "row-overdue", not_yet.pk: ""}
    assert response.context["figures"][4].note == "逾期1个"
    overdue_only = client.get("/taskforces/land/?tab=problems&overdue=true")
    assert [row.obj.pk for row in overdue_only.context["rows"]] == [late.pk]


# --- a land problem onto the county's problem ledger ------------------------------------------------


def test_member_puts_a_land_problem_on_the_county_problem_ledger_once(client, member, project, department):
    from problems.models import Problem, ProblemLevel

    land_problem = LandProblem.objects.create(
        project=project, description="耕地占补平衡指标不足", responsible_unit=department, deadline=date(2024, 12, 1)
    )
    client.force_login(member)
    url = f"/taskforces/land/problems/{land_problem.pk}/to-ledger/"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # a double click adds nothing
    problem = Problem.objects.get()
    assert problem.source_taskforce is not None
    assert (problem.project, problem.source_taskforce.slug, problem.level) == (project, "land", ProblemLevel.TASKFORCE)
    assert (problem.description, problem.owner_unit, problem.deadline) == (
        "耕地占补平衡指标不足",
        department,
        date(2024, 12, 1),
    )
    assert problem.raised_by == member and problem.events.get().actor == member
    land_problem.refresh_from_db()
    assert land_problem.problem == problem
    html = client.get(f"/taskforces/land/problems/{land_problem.pk}/").content.decode()
    assert f"/problems/{problem.pk}/" in html


def test_only_land_members_put_problems_on_the_ledger(
    client, hq, leader, tf_member, reporter, other_reporter, outsider, project
):
    from problems.models import Problem

    land_problem = LandProblem.objects.create(project=project, description="林地手续未办结")
    url = f"/taskforces/land/problems/{land_problem.pk}/to-ledger/"
    for user, status in (
        (hq, 403),
        (leader, 403),
        (tf_member, 403),
        (reporter, 403),
        (other_reporter, 404),
        (outsider, 404),
    ):
        client.force_login(user)
        assert client.post(url).status_code == status, user
    assert not Problem.objects.exists()
    client.force_login(hq)
    assert url not in client.get(f"/taskforces/land/problems/{land_problem.pk}/").content.decode()
