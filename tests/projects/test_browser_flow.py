"""The day-one flow in a real browser: an administrator imports the county's list through the preview,
enters a month's progress on a project page and reads the result on the dashboard."""

from __future__ import annotations

import re

import pytest

from projects.models import MonthlyProgress, Project
from tests import factories
from tests.conftest import login

from .xlsx_samples import county_list, county_units, to_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_imports_a_county_list_enters_a_month_and_reads_the_dashboard(page, live_server, admin, tmp_path):
    for name, kind in county_units().items():
        factories.make_unit(name, kind)
    upload = tmp_path / "阳城县2024年重点工程项目表.xlsx"
    upload.write_bytes(to_bytes(county_list(year=2024, unit="亿元")))

    login(page, live_server, admin.username)

    # 1. Upload the county's list; the preview says what will be created, nothing is written yet.
    page.goto(f"{live_server.url}/projects/import/")
    page.set_input_files("input[name=file]", str(upload))
    page.select_option("select[name=year]", "2024")
    page.click("button[name=upload]")
    page.wait_for_url(re.compile(r"/projects/import/\d+/$"))
    assert "凤城光伏发电项目" in page.content()
    assert Project.objects.count() == 0

    # 2. Confirm: the four projects are on the register.
    page.click("button[name=confirm]")
    page.wait_for_load_state("load")
    assert Project.objects.count() == 4

    # 3. Open the project from the list and enter March's progress (1,500 万元).
    page.click("nav >> text=重点工程")
    page.wait_for_url(re.compile(r"/projects/$"))
    page.click("text=凤城光伏发电项目")
    page.wait_for_url(re.compile(r"/projects/\d+/"))
    page.select_option("#progress-form select[name=year]", "2024")
    page.select_option("#progress-form select[name=month]", "3")
    page.fill("#progress-form input[name=completed]", "1500")
    page.fill("#progress-form textarea[name=physical_progress]", "完成桩基施工")
    page.click("#progress-form button[type=submit]")
    page.wait_for_url(re.compile(r"/projects/\d+/\?year=2024"))
    assert "已填报2024年3月进度" in page.content()
    row = MonthlyProgress.objects.get()
    assert (row.month, row.completed, row.reported_by_id) == (3, 1500, admin.pk)

    # 4. The dashboard opens on 2024 Jan–Mar: 1,500 万元 = 0.15 亿元 of the 3.20 亿元 planned, 4.69%.
    page.click("nav >> text=驾驶舱")
    page.wait_for_load_state("load")
    assert "2024年1-3月" in page.inner_text(".cockpit-banner")
    assert page.inner_text("#kpi-completed").startswith("0.15")
    assert page.inner_text("#kpi-rate") == "4.69%"
    tiers = page.inner_text("#tiers")
    assert "3.20" in tiers  # the annual plans of the list: 0.5 + 1.2 + 1 + 0.5 亿元
    assert "8.82%" in tiers  # the provincial tier: 0.15 ÷ 1.70


def test_project_list_on_a_phone_shows_name_plan_cumulative_and_rate_without_sideways_scrolling(
    phone_page, live_server, leader, township
):
    project = factories.make_project(
        "阳城经济技术开发区文旅康养综合体建设项目（一期）",
        tier="province",
        annual_plan="1234567.89",
        total_investment="9876543.21",
        township=township,
        code="2024-140522-0005",
    )
    factories.make_progress(project, month=10, completed="1234567.89")
    login(phone_page, live_server, leader.username)
    phone_page.goto(f"{live_server.url}/projects/?year=2024&month=10")
    table = phone_page.locator("#project-table .table-responsive")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth"), "the list scrolls sideways on a 390px phone"
    headers = [h.strip() for h in phone_page.locator("#project-table thead th:visible").all_inner_texts()]
    assert headers == ["项目名称", "年度计划投资", "1-10月累计", "完成率"]
    row = phone_page.locator("#project-table tbody tr").first.inner_text()
    assert "1,234,567.89" in row and "100.00%" in row
    assert "省级 · 新建 · 凤城镇" in row  # what the hidden columns said, under the name
