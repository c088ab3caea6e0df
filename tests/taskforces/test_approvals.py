"""The pre-construction approvals ledger (前期手续专班): access through the views, overdue items standing
out everywhere (list, per-project summary, entry page, project page, export), history, fixed queries."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from taskforces.models import ApprovalItem, ApprovalItemType, ApprovalLevel, ApprovalStatus
from tests import factories

from .ledger_cases import LedgerAccessCases

pytestmark = pytest.mark.django_db

# The key list is 2024's (factories): the ledgers' "today" is the real one inside that year.
TODAY = date(2024, 10, 15)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime(2024, 10, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def member(tf_member):
    return tf_member


@pytest.fixture
def tf_member(db):
    """Here "a member of another task force" must not be an approvals member: conftest's tf_member is one."""
    user = factories.make_user("funding_member_t")
    factories.add_member(user, "funding")
    return user


@pytest.fixture
def approvals_member(db):
    user = factories.make_user("approvals_member_t", full_name="前期手续专班成员")
    factories.add_member(user, "approvals")
    return user


def item_type(name: str = "环境影响评价") -> ApprovalItemType:
    return ApprovalItemType.objects.get(name=name)


def make_item(project, name: str = "环境影响评价", **fields) -> ApprovalItem:
    fields.setdefault("level", ApprovalLevel.CITY)
    fields.setdefault("status", ApprovalStatus.IN_PROGRESS)
    fields.setdefault("deadline", TODAY + timedelta(days=20))
    return ApprovalItem.objects.create(project=project, item_type=item_type(name), **fields)


def overdue_item(project, name: str = "施工许可证") -> ApprovalItem:
    return make_item(project, name, deadline=TODAY - timedelta(days=3), responsible_leader="张副县长")


class TestApprovalItemAccess(LedgerAccessCases[ApprovalItem]):
    slug, key, model_class = "approvals", "items", ApprovalItem

    @pytest.fixture
    def member(self, approvals_member):
        return approvals_member

    def make_entry(self, project):
        return make_item(project)

    def create_data(self, project):
        return {
            "project": project.pk,
            "item_type": item_type("施工许可证").pk,
            "level": ApprovalLevel.COUNTY,
            "status": ApprovalStatus.NOT_STARTED,
            "deadline": "2024-12-31",
        }

    def edit_data(self, entry):
        return {
            "project": entry.project_id,
            "item_type": entry.item_type_id,
            "level": entry.level,
            "status": ApprovalStatus.APPROVED,
            "applied_on": "2024-03-01",
            "approved_on": "2024-04-01",
            "document_number": "阳环审〔2024〕12号",
        }

    def edited(self, entry):
        return entry.status == ApprovalStatus.APPROVED and entry.approved_on == date(2024, 4, 1)


# --- validation ---------------------------------------------------------------------------------------------


@pytest.fixture
def project(township, all_taskforces):
    return factories.make_project("凤城陶瓷产业园项目", township=township, nature="preliminary")


def test_approved_item_needs_its_date_and_blocked_item_its_reason(client, approvals_member, project):
    client.force_login(approvals_member)
    base = {"project": project.pk, "item_type": item_type().pk, "level": ApprovalLevel.CITY}
    response = client.post("/taskforces/approvals/items/new/", {**base, "status": ApprovalStatus.APPROVED})
    assert "approved_on" in response.context["form"].errors
    response = client.post("/taskforces/approvals/items/new/", {**base, "status": ApprovalStatus.BLOCKED})
    assert "blocked_reason" in response.context["form"].errors
    assert not ApprovalItem.objects.exists()


def test_an_item_is_listed_once_per_project(client, approvals_member, project):
    make_item(project)
    client.force_login(approvals_member)
    response = client.post(
        "/taskforces/approvals/items/new/",
        {
            "project": project.pk,
            "item_type": item_type().pk,
            "level": ApprovalLevel.CITY,
            "status": ApprovalStatus.NOT_STARTED,
        },
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert ApprovalItem.objects.count() == 1


# --- overdue items stand out everywhere --------------------------------------------------------------------


def test_overdue_item_is_a_red_row_with_a_badge_in_the_ledger(client, hq, project):
    late = overdue_item(project)
    on_time = make_item(project)
    approved_late = make_item(
        project,
        "立项（审批/核准/备案）",
        status=ApprovalStatus.APPROVED,
        deadline=TODAY - timedelta(days=30),
        approved_on=TODAY - timedelta(days=31),
    )
    client.force_login(hq)
    response = client.get("/taskforces/approvals/?tab=items")
    rows = {row.obj.pk: row for row in response.context["rows"]}
    assert rows[late.pk].css == "row-overdue"
    assert any(cell.badge == ("text-bg-danger", "已逾期") for cell in rows[late.pk].cells)
    assert rows[on_time.pk].css == "" and rows[approved_late.pk].css == ""
    # Open items come first, the overdue one on top.
    assert response.context["rows"][0].obj.pk == late.pk
    figure = next(f for f in response.context["figures"] if "overdue=true" in f.url)
    assert figure.value == 1 and figure.tone == "red"


def test_overdue_filter_lists_only_overdue_items(client, hq, project):
    late = overdue_item(project)
    make_item(project)
    client.force_login(hq)
    response = client.get("/taskforces/approvals/?tab=items&overdue=true")
    assert [row.obj.pk for row in response.context["rows"]] == [late.pk]


def test_per_project_summary_counts_items_approved_overdue_and_next_deadline(client, hq, project):
    overdue_item(project)
    make_item(project, deadline=TODAY + timedelta(days=9))
    make_item(
        project,
        "立项（审批/核准/备案）",
        status=ApprovalStatus.APPROVED,
        approved_on=TODAY - timedelta(days=40),
        deadline=TODAY - timedelta(days=30),
    )
    other = factories.make_project("北留光伏项目")
    make_item(other, deadline=TODAY + timedelta(days=50))
    client.force_login(hq)
    response = client.get("/taskforces/approvals/?tab=by-project")
    first, second = response.context["rows"]
    assert first == project and (first.item_count, first.approved_count, first.overdue_count) == (3, 1, 1)
    assert first.next_deadline == TODAY - timedelta(days=3)
    assert second == other and second.overdue_count == 0
    html = response.content.decode()
    assert 'class="row-overdue"' in html


def test_overdue_item_stands_out_on_its_page_and_on_the_project_page(client, hq, project):
    late = overdue_item(project)
    client.force_login(hq)
    assert "已逾期" in client.get(f"/taskforces/approvals/items/{late.pk}/").content.decode()
    html = client.get(f"/projects/{project.pk}/").content.decode()
    link = html.index(f"/taskforces/approvals/items/{late.pk}/")
    assert "row-overdue" in html[html.rindex("<tr", 0, link) : link] and "已逾期" in html


def test_export_marks_overdue_items(client, hq, project):
    overdue_item(project)
    client.force_login(hq)
    sheet = load_workbook(io.BytesIO(client.get("/taskforces/approvals/items/export.xlsx").content)).active
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["项目", "乡（镇）", "审批事项"] and headers[-1] == "已逾期"
    assert sheet.cell(2, 1).value == "凤城陶瓷产业园项目" and sheet.cell(2, len(headers)).value == "是"
    assert sheet.cell(2, headers.index("办结时限") + 1).value.date() == TODAY - timedelta(days=3)


# --- history ------------------------------------------------------------------------------------------


def test_every_change_is_shown_with_who_when_and_what(client, approvals_member, hq, project):
    item = make_item(project)
    assert item.deadline is not None
    client.force_login(approvals_member)
    client.post(
        f"/taskforces/approvals/items/{item.pk}/edit/",
        {
            "project": project.pk,
            "item_type": item.item_type_id,
            "level": item.level,
            "status": ApprovalStatus.BLOCKED,
            "blocked_reason": "涉及生态保护红线",
            "deadline": item.deadline.isoformat(),
        },
    )
    client.force_login(hq)
    response = client.get(f"/taskforces/approvals/items/{item.pk}/")
    line = response.context["history"][0]
    assert line.who == "前期手续专班成员" and line.action == "changed"
    assert {(c.label, c.old, c.new) for c in line.changes} == {
        ("状态", "办理中", "受阻"),
        ("受阻原因", "—", "涉及生态保护红线"),
    }
    html = response.content.decode()
    assert "前期手续专班成员" in html and "涉及生态保护红线" in html
    # The ledger's recent changes name the same edit.
    assert client.get("/taskforces/approvals/?tab=items").context["changes"][0].who == "前期手续专班成员"


# --- documents ---------------------------------------------------------------------------------------------


def test_documents_are_checked_by_content_and_served_only_to_readers(
    client, approvals_member, hq, reporter, other_reporter, outsider, project
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from files.models import Attachment

    item = make_item(project)
    client.force_login(approvals_member)
    url = f"/taskforces/approvals/items/{item.pk}/files/"
    client.post(url, {"files": SimpleUploadedFile("批复.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")})
    assert not Attachment.objects.exists()
    client.post(url, {"files": SimpleUploadedFile("环评批复.pdf", b"%PDF-1.7\n1 0 obj\n%%EOF", "application/pdf")})
    attachment = Attachment.objects.get()
    assert attachment.mime_type == "application/pdf" and attachment.original_name == "环评批复.pdf"
    for user, status in ((hq, 200), (reporter, 200), (other_reporter, 404), (outsider, 404)):
        client.force_login(user)
        response = client.get(f"/files/{attachment.pk}/")
        assert response.status_code == status, user
        if status == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF")
            assert response["Content-Disposition"].startswith("attachment")
            assert response["X-Content-Type-Options"] == "nosniff"
    # Readers cannot remove it; the member can.
    client.force_login(hq)
    assert client.post(f"/taskforces/files/{attachment.pk}/remove/").status_code == 403
    client.force_login(approvals_member)
    client.post(f"/taskforces/files/{attachment.pk}/remove/")
    assert not Attachment.objects.exists()


def test_only_members_add_or_remove_files_everyone_else_is_refused(
    client, approvals_member, other_tf_member, hq, reporter, other_reporter, outsider, project, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from files.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    item = make_item(project)
    upload_url = f"/taskforces/approvals/items/{item.pk}/files/"

    def pdf():
        return SimpleUploadedFile("批复.pdf", b"%PDF-1.7\n%%EOF", "application/pdf")

    refused = ((other_tf_member, 403), (hq, 403), (reporter, 403), (other_reporter, 404), (outsider, 404))
    for user, status in refused:
        client.force_login(user)
        assert client.post(upload_url, {"files": pdf()}).status_code == status, user
    assert not Attachment.objects.exists()
    client.force_login(approvals_member)
    assert client.post(upload_url, {"files": pdf()}).status_code == 302
    attachment = Attachment.objects.get()
    for user, status in refused:
        client.force_login(user)
        assert client.post(f"/taskforces/files/{attachment.pk}/remove/").status_code == status, user
    assert Attachment.objects.filter(pk=attachment.pk).exists()


# --- fixed queries --------------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_ledger_page_runs_the_same_queries_for_2_or_40_items(client, hq, project):
    for name in ("环境影响评价", "施工许可证"):
        make_item(project, name)
    client.force_login(hq)
    urls = ["/taskforces/approvals/?tab=items", "/taskforces/approvals/?tab=by-project", f"/projects/{project.pk}/"]
    few = [_queries(client, url) for url in urls]
    types = list(ApprovalItemType.objects.all())
    for n in range(19):
        other = factories.make_project(f"项目{n}", township=project.township)
        for t in types[:2]:
            ApprovalItem.objects.create(project=other, item_type=t, deadline=TODAY - timedelta(days=n % 3))
    many = [_queries(client, url) for url in urls]
    assert few == many
