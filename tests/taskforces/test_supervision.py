"""The progress-supervision ledger (推进督导专班): access through the views, the ten supervisions with
problems going onto the county's problem ledger, phone photos keeping EXIF time and GPS, coverage."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from PIL import Image

from files.models import Attachment
from problems.models import Problem, ProblemSource, ProblemStatus
from taskforces.models import CheckResult, SupervisionAspect, SupervisionCheck, SupervisionVisit
from tests import factories

from .ledger_cases import LedgerAccessCases
from .test_framework import jpeg_with_exif

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime(2024, 10, 15, 10, 0, tzinfo=SHANGHAI), tick=False):
        yield


@pytest.fixture
def member(db):
    user = factories.make_user("supervision_lead_t", full_name="督导专班负责人")
    factories.add_member(user, "supervision", "lead")
    return user


def visit_data(project, *, problems: dict[str, str] | None = None, **fields) -> dict:
    data = {"project": project.pk, "date": "2024-10-10", "inspectors": "县发改局 王建国", "summary": "查看现场"}
    for aspect in SupervisionAspect.values:
        note = (problems or {}).get(aspect)
        data[f"result_{aspect}"] = CheckResult.PROBLEM if note else CheckResult.FINE
        data[f"note_{aspect}"] = note or ""
    data.update(fields)
    return data


def make_visit(project, day: date = date(2024, 10, 8), **fields) -> SupervisionVisit:
    fields.setdefault("inspectors", "县发改局 李红梅")
    visit = SupervisionVisit.objects.create(project=project, date=day, **fields)
    for aspect in SupervisionAspect.values:
        SupervisionCheck.objects.create(visit=visit, aspect=aspect)
    return visit


class TestSupervisionVisitAccess(LedgerAccessCases[SupervisionVisit]):
    slug, key, model_class = "supervision", "visits", SupervisionVisit

    def make_entry(self, project):
        return make_visit(project)

    def create_data(self, project):
        return visit_data(project)

    def edit_data(self, entry):
        return visit_data(entry.project, summary="整改到位", date="2024-10-08")

    def edited(self, entry):
        return entry.summary == "整改到位"


@pytest.fixture
def project(township, all_taskforces):
    return factories.make_project("凤城陶瓷产业园项目", township=township)


# --- the ten supervisions and the problem ledger -------------------------------------------------------


def test_visit_records_the_ten_checks_and_each_problem_goes_on_the_problem_ledger(client, member, project):
    client.force_login(member)
    problems = {"progress": "主体施工滞后一个月", "environment": "裸土未覆盖"}
    response = client.post("/taskforces/supervision/visits/new/", visit_data(project, problems=problems))
    assert response.status_code == 302
    visit = SupervisionVisit.objects.get()
    checks = {c.aspect: c for c in visit.checks.select_related("problem")}
    assert set(checks) == set(SupervisionAspect.values)
    assert {a for a, c in checks.items() if c.result == CheckResult.PROBLEM} == set(problems)
    raised = Problem.objects.order_by("id")
    assert raised.count() == 2
    for problem in raised:
        assert (
            problem.source == ProblemSource.SUPERVISION
            and problem.project == project
            and problem.supervision_check.visit == visit
        )
        assert problem.source_taskforce is not None
        assert problem.source_taskforce.slug == "supervision" and problem.status == ProblemStatus.OPEN
        assert problem.raised_by == member and problem.events.get().kind == "raised"
    assert checks["progress"].problem is not None
    assert checks["progress"].problem.description == "进度：主体施工滞后一个月"
    # Saving the visit again raises nothing twice; a new problem on edit is raised once.
    client.post(
        f"/taskforces/supervision/visits/{visit.pk}/edit/",
        visit_data(project, problems={**problems, "service": "用电接入慢"}),
    )
    assert Problem.objects.count() == 3
    client.post(
        f"/taskforces/supervision/visits/{visit.pk}/edit/",
        visit_data(project, problems={**problems, "service": "用电接入慢"}),
    )
    assert Problem.objects.count() == 3


def test_a_problem_needs_a_note(client, member, project):
    client.force_login(member)
    data = visit_data(project)
    data["result_investment"] = CheckResult.PROBLEM
    response = client.post("/taskforces/supervision/visits/new/", data)
    assert response.status_code == 200 and "note_investment" in response.context["form"].errors
    assert not SupervisionVisit.objects.exists() and not Problem.objects.exists()


def test_visit_page_shows_checks_problems_and_the_history_of_checks(client, member, hq, project):
    client.force_login(member)
    client.post("/taskforces/supervision/visits/new/", visit_data(project))
    visit = SupervisionVisit.objects.get()
    client.post(
        f"/taskforces/supervision/visits/{visit.pk}/edit/", visit_data(project, problems={"statistics": "未入库"})
    )
    client.force_login(hq)
    response = client.get(f"/taskforces/supervision/visits/{visit.pk}/")
    html = response.content.decode()
    assert "未入库" in html and "row-red" in html
    check_line = next(
        line for line in response.context["history"] if line.entry_label == "入统" and line.action == "changed"
    )
    assert check_line.who == "督导专班负责人"
    assert ("结果", "正常", "问题") in {(c.label, c.old, c.new) for c in check_line.changes}


# --- photos from a phone ---------------------------------------------------------------------------------


def test_phone_photos_keep_exif_time_and_gps_and_are_served_only_to_readers(
    client, member, hq, reporter, other_reporter, outsider, project
):
    client.force_login(member)
    photos = [
        SimpleUploadedFile("IMG_1.jpg", jpeg_with_exif(), "image/jpeg"),
        SimpleUploadedFile(
            "IMG_2.jpg",
            jpeg_with_exif(when="2024:10:10 15:04:05", lat=(35, 30, 0.0), lon=(112, 25, 0.0)),
            "image/jpeg",
        ),
    ]
    response = client.post("/taskforces/supervision/visits/new/", {**visit_data(project), "photos": photos})
    assert response.status_code == 302
    first, second = Attachment.objects.order_by("id")
    assert first.kind == "photo" and first.taken_at == datetime(2024, 5, 6, 10, 20, 30, tzinfo=SHANGHAI)
    assert (first.latitude, first.longitude) == (Decimal("35.490000"), Decimal("112.410000"))
    assert second.taken_at == datetime(2024, 10, 10, 15, 4, 5, tzinfo=SHANGHAI)
    assert (second.latitude, second.longitude) == (Decimal("35.500000"), Decimal("112.416667"))
    assert first.uploaded_by == member and first.entry == SupervisionVisit.objects.get()
    # Stored re-encoded, outside the static tree, without the phone's metadata.
    stored = Image.open(first.file.path)
    assert stored.format == "JPEG" and not stored.getexif()
    assert "static" not in first.file.path
    for user, status in ((hq, 200), (reporter, 200), (other_reporter, 404), (outsider, 404)):
        client.force_login(user)
        response = client.get(f"/files/{first.pk}/")
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Type"] == "image/jpeg"
            Image.open(io.BytesIO(b"".join(response.streaming_content))).verify()
    client.force_login(hq)
    html = client.get(f"/taskforces/supervision/visits/{first.object_id}/").content.decode()
    assert "2024-05-06 10:20" in html and "35.49000" in html


def test_a_non_image_is_refused_and_nothing_is_saved(client, member, project):
    client.force_login(member)
    fake = SimpleUploadedFile("现场.jpg", b"<?php echo 'hi'; ?>", "image/jpeg")
    response = client.post("/taskforces/supervision/visits/new/", {**visit_data(project), "photos": [fake]})
    assert response.status_code == 200 and "photos" in response.context["form"].errors
    assert not SupervisionVisit.objects.exists() and not Attachment.objects.exists()


def test_an_oversized_photo_is_refused(client, member, project, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(member)
    big = SimpleUploadedFile("big.jpg", jpeg_with_exif() + b"\0" * 2048, "image/jpeg")
    response = client.post("/taskforces/supervision/visits/new/", {**visit_data(project), "photos": [big]})
    assert response.status_code == 200 and "photos" in response.context["form"].errors
    assert not Attachment.objects.exists()


def test_photos_added_later_only_by_members(client, member, hq, project):
    visit = make_visit(project)
    url = f"/taskforces/supervision/visits/{visit.pk}/files/"
    client.force_login(hq)
    assert client.post(url, {"files": SimpleUploadedFile("a.jpg", jpeg_with_exif(), "image/jpeg")}).status_code == 403
    client.force_login(member)
    client.post(url, {"files": SimpleUploadedFile("a.jpg", jpeg_with_exif(), "image/jpeg")})
    assert Attachment.objects.get().entry == visit


# --- coverage --------------------------------------------------------------------------------------------------


def test_coverage_lists_key_projects_not_visited_this_month_first_and_red(client, hq, project, township):
    visited_in_september = factories.make_project("凤城光伏项目", township=township)
    make_visit(visited_in_september, date(2024, 9, 20))
    visited = factories.make_project("凤城物流园项目", township=township)
    make_visit(visited, date(2024, 10, 9))
    not_listed = factories.make_project("凤城未列入项目", year=None, township=township)
    make_visit(not_listed, date(2024, 10, 9))
    client.force_login(hq)
    response = client.get("/taskforces/supervision/?tab=coverage")
    rows = response.context["rows"]
    assert [r.project for r in rows] == [project, visited_in_september, visited]  # not visited first
    assert [r.month_visits for r in rows] == [0, 0, 1]
    assert rows[1].last_visit == date(2024, 9, 20)
    assert response.content.decode().count('class="row-red"') == 2
    figure = next(f for f in response.context["figures"] if "not_visited" in f.url)
    assert figure.value == 2 and figure.tone == "red"
    september = client.get("/taskforces/supervision/?tab=coverage&month=2024-09&not_visited=true").context["rows"]
    assert [r.project for r in september] == [project, visited]


def test_reporter_sees_coverage_of_own_projects_only(client, reporter, project):
    factories.make_project("北留项目", township=factories.make_unit("北留镇"))
    client.force_login(reporter)
    assert [r.project for r in client.get("/taskforces/supervision/?tab=coverage").context["rows"]] == [project]


def test_visits_ledger_runs_the_same_queries_for_2_or_30_visits(client, hq, project, township):
    for n in range(2):
        make_visit(project, date(2024, 10, 1 + n))
    client.force_login(hq)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    urls = ["/taskforces/supervision/?tab=visits", "/taskforces/supervision/?tab=coverage", f"/projects/{project.pk}/"]
    few = [count(u) for u in urls]
    for n in range(28):
        other = factories.make_project(f"项目{n}", township=township)
        visit = make_visit(other, date(2024, 10, 1 + n % 20))
        SupervisionCheck.objects.filter(visit=visit, aspect="progress").update(result=CheckResult.PROBLEM, note="滞后")
        make_visit(project, date(2024, 9, 1 + n % 28))
    assert [count(u) for u in urls] == few


def test_coverage_exports_the_month_with_chinese_headers(client, hq, project):
    client.force_login(hq)
    response = client.get("/taskforces/supervision/coverage/export.xlsx?month=2024-10&not_visited=true")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == ["项目", "层级", "乡（镇）", "月份", "当月督导次数", "最近督导"]
    assert [c.value for c in sheet[2]][:5] == ["凤城陶瓷产业园项目", "县级", "凤城镇", "2024-10", 0]


def test_removing_a_photo_is_kept_in_the_visit_history(client, member, hq, project):
    visit = make_visit(project)
    client.force_login(member)
    client.post(
        f"/taskforces/supervision/visits/{visit.pk}/files/",
        {"files": SimpleUploadedFile("a.jpg", jpeg_with_exif(), "image/jpeg")},
    )
    attachment = Attachment.objects.get()
    client.post(f"/taskforces/files/{attachment.pk}/remove/")
    assert not Attachment.objects.exists()
    client.force_login(hq)
    lines = client.get(f"/taskforces/supervision/visits/{visit.pk}/").context["history"]
    assert {("deleted", "a.jpg", "督导专班负责人"), ("created", "a.jpg", "督导专班负责人")} <= {
        (line.action, line.entry_label, line.who) for line in lines
    }
