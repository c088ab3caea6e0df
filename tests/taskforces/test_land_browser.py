"""The land task force's lead keeps the ledger from a phone on a site: records a returned land file,
sees it stand out, exports the ledger, finds it on the project page, and cannot touch the funding ledger."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from taskforces.models import LandDemand, LandStage
from tests import factories
from tests.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_land_lead_records_a_returned_file_from_a_phone(phone_page, live_server, township):
    page = phone_page
    for slug in factories.TASKFORCE_SLUGS:
        factories.make_taskforce(slug)
    lead = factories.make_user("land_lead_b", full_name="用地专班负责人")
    factories.add_member(lead, "land", "lead")
    project = factories.make_project("凤城陶瓷产业园项目", township=township)

    login(page, live_server, lead.username)

    # 1. The ledger, then the entry form (it fits a 390px screen: nothing wider than the window).
    page.goto(f"{live_server.url}/taskforces/land/")
    assert "无退件" in page.content()
    page.click("a:has-text('新增')")
    page.wait_for_url(re.compile(r"/taskforces/land/demands/new/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.select_option("select[name=project]", label="凤城陶瓷产业园项目")
    page.fill("input[name=area_mu]", "120.5")
    page.select_option("select[name=land_type]", label="工业用地")
    page.select_option("select[name=stage]", LandStage.RETURNED.value)
    page.fill("input[name=submitted_city_on]", "2024-05-02")
    page.fill("input[name=returned_on]", "2024-06-01")
    page.fill("textarea[name=returned_reason]", "勘测定界成果与规划红线不一致")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/taskforces/land/demands/\d+/$"))

    demand = LandDemand.objects.get()
    assert (demand.project, demand.stage, demand.created_by) == (project, LandStage.RETURNED, lead)
    assert page.locator(".alert-danger").inner_text().count("勘测定界成果与规划红线不一致") == 1
    assert "用地专班负责人" in page.inner_text(".history-panel")

    # 2. Back on the ledger, the returned file is listed on top and its row is red.
    page.goto(f"{live_server.url}/taskforces/land/")
    assert "凤城陶瓷产业园项目" in page.inner_text("#returned")
    assert page.locator("tr.row-red").count() == 1

    # 3. Export the ledger as Excel.
    with page.expect_download() as download:
        page.click("a:has-text('导出Excel')")
    with open(download.value.path(), "rb") as file:  # no .xlsx extension: openpyxl reads it as a file
        sheet = load_workbook(file).active
    assert sheet.cell(row=2, column=1).value == "凤城陶瓷产业园项目"

    # 4. The project's page shows it.
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    assert f"/taskforces/land/demands/{demand.pk}/" in page.content()

    # 5. Another task force's ledger is read only.
    page.goto(f"{live_server.url}/taskforces/funding/")
    assert page.locator("a:has-text('新增')").count() == 0
    response = page.goto(f"{live_server.url}/taskforces/funding/applications/new/")
    assert response.status == 403
