"""The supervision task force's lead records a visit from a phone on a site: the ten checks with one
problem, two photos from the phone's camera, then finds the problem on the ledger and the visit on
the project page; the approvals lead adds an approval item and sees it overdue."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from files.models import Attachment
from problems.models import Problem
from taskforces.models import ApprovalItem, SupervisionVisit
from tests import factories
from tests.conftest import login

from .test_framework import jpeg_with_exif

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervision_lead_records_a_visit_with_photos_from_a_phone(phone_page, live_server, township, tmp_path):
    page = phone_page
    for slug in factories.TASKFORCE_SLUGS:
        factories.make_taskforce(slug)
    lead = factories.make_user("supervision_lead_b", full_name="督导专班负责人")
    factories.add_member(lead, "supervision", "lead")
    project = factories.make_project("凤城陶瓷产业园项目", township=township)
    photos = []
    for n in range(2):
        path = tmp_path / f"IMG_{n}.jpg"
        path.write_bytes(jpeg_with_exif(when=f"2024:10:0{n + 1} 09:30:00"))
        photos.append(str(path))

    login(page, live_server, lead.username)
    page.goto(f"{live_server.url}/taskforces/supervision/")
    page.click("a:has-text('新增')")
    page.wait_for_url(re.compile(r"/taskforces/supervision/visits/new/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # fits the phone

    # Date and inspector are prefilled; choose the project, mark one problem, attach two photos.
    assert page.input_value("input[name=inspectors]") == "督导专班负责人"
    page.select_option("select[name=project]", label="凤城陶瓷产业园项目")
    page.click("label[for=id_result_progress_1]")
    page.fill("input[name=note_progress]", "主体施工滞后约一个月")
    page.set_input_files("input[name=photos]", photos)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/taskforces/supervision/visits/\d+/$"))

    visit = SupervisionVisit.objects.get()
    assert (visit.project, visit.created_by) == (project, lead)
    problem = Problem.objects.get()
    assert problem.supervision_check.visit == visit and problem.description == "进度：主体施工滞后约一个月"
    assert Attachment.objects.filter(object_id=visit.pk, taken_at__isnull=False, latitude__isnull=False).count() == 2
    assert "1个问题已列入问题台账" in page.inner_text(".alert-success")
    assert page.locator(".photo-grid img").count() == 2
    page.locator(".photo-grid").scroll_into_view_if_needed()  # the photos load lazily
    # Polled from here: wait_for_function compiles its predicate in the page, which the CSP forbids (no eval).
    loaded = "Array.from(document.querySelectorAll('.photo-grid img')).every(i => i.complete && i.naturalWidth > 0)"
    for _ in range(100):
        if page.evaluate(loaded):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the photos did not load")

    # The visit shows on the project page.
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    assert f"/taskforces/supervision/visits/{visit.pk}/" in page.content()


def test_approvals_lead_adds_an_item_on_a_phone_and_sees_it_overdue(phone_page, live_server, township):
    page = phone_page
    for slug in factories.TASKFORCE_SLUGS:
        factories.make_taskforce(slug)
    lead = factories.make_user("approvals_lead_b", full_name="前期手续专班负责人")
    factories.add_member(lead, "approvals", "lead")
    factories.make_project("凤城陶瓷产业园项目", township=township, year=timezone.localdate().year)
    login(page, live_server, lead.username)

    page.goto(f"{live_server.url}/taskforces/approvals/items/new/")
    page.select_option("select[name=project]", label="凤城陶瓷产业园项目")
    page.select_option("select[name=item_type]", label="环境影响评价")
    page.fill("input[name=deadline]", (timezone.localdate() - timedelta(days=2)).isoformat())
    page.select_option("select[name=status]", "in_progress")
    page.fill("input[name=handler]", "王建国")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/taskforces/approvals/items/\d+/$"))
    assert ApprovalItem.objects.get().created_by == lead
    assert "已逾期" in page.inner_text("main")

    page.goto(f"{live_server.url}/taskforces/approvals/")
    assert page.locator("tr.row-overdue").count() == 1
