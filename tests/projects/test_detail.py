"""The project page: its facts, its years on the list, the months of a year, the history, who may see it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Nature, Tier
from projects.services import progress_record
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(township, department, hq):
    project = factories.make_project(
        "凤城陶瓷产业园项目",
        tier=Tier.PROVINCE,
        annual_plan=10000,
        total_investment=50000,
        township=township,
        responsible_unit=department,
        owner="阳城陶瓷公司",
        liaison_leader="王县长",
        code="2024-140522-0001",
    )
    # The same project on 2025's list, with another plan.
    project.years.create(year=2025, tier=Tier.CITY, nature=Nature.CONTINUING, annual_plan=Decimal("3000"))
    progress_record(
        project=project, year=2024, month=1, completed=Decimal("1000"), physical_progress="场地平整", reported_by=hq
    )
    progress_record(
        project=project, year=2024, month=2, completed=Decimal("2500"), problems="用地报批慢", reported_by=hq
    )
    return project


def test_page_shows_the_projects_facts_and_its_years(client, leader, project):
    client.force_login(leader)
    response = client.get(f"/projects/{project.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "凤城陶瓷产业园项目",
        "阳城陶瓷公司",
        "王县长",
        "2024-140522-0001",
        "凤城镇",
        "县交通运输局",
        "50,000.00",
    ):
        assert text in html
    assert [listing.year for listing in response.context["listings"]] == [2025, 2024]
    assert "3,000.00" in html and "10,000.00" in html  # each year's own plan


def test_page_defaults_to_the_latest_listed_year(client, leader, project):
    client.force_login(leader)
    assert client.get(f"/projects/{project.pk}/").context["year"] == 2025


def test_months_table_of_the_selected_year(client, leader, project, hq):
    client.force_login(leader)
    response = client.get(f"/projects/{project.pk}/?year=2024")
    months = response.context["months"]
    assert [m.cumulative for m in months[:3]] == [Decimal("1000"), Decimal("3500"), Decimal("3500")]
    assert months[1].completion_rate == Decimal("35")
    assert months[2].record is None
    html = response.content.decode()
    assert "场地平整" in html and "用地报批慢" in html
    assert "3,500.00" in html and "35.00%" in html
    assert hq.display_name in html
    assert "未填报" in html


def test_page_shows_the_history_of_changes(client, leader, project, reporter):
    progress_record(project=project, year=2024, month=2, completed=Decimal("2600"), reported_by=reporter)
    client.force_login(leader)
    html = client.get(f"/projects/{project.pk}/?year=2024").content.decode()
    assert "变更记录" in html
    assert '<del class="text-muted">2,500.00</del> → 2,600.00' in html  # old → new, as the tables show amounts
    assert reporter.display_name in html


def test_reader_gets_no_entry_form(client, leader, project):
    client.force_login(leader)
    response = client.get(f"/projects/{project.pk}/")
    assert response.context["form"] is None
    assert 'id="progress-form"' not in response.content.decode()


@pytest.mark.parametrize("who", ["admin", "hq", "reporter"])
def test_those_allowed_get_the_entry_form(client, request, project, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(f"/projects/{project.pk}/?year=2024")
    assert response.context["form"] is not None
    assert f'action="/projects/{project.pk}/progress/"' in response.content.decode()


def test_form_is_prefilled_with_the_month_asked_for(client, hq, project):
    client.force_login(hq)
    form = client.get(f"/projects/{project.pk}/?year=2024&month=2").context["form"]
    assert form.initial["month"] == 2
    assert form.initial["completed"] == Decimal("2500")
    assert form.initial["problems"] == "用地报批慢"


def test_form_defaults_to_the_month_after_the_last_reported(client, hq, project):
    client.force_login(hq)
    form = client.get(f"/projects/{project.pk}/?year=2024").context["form"]
    assert form.initial["month"] == 3
    assert "completed" not in form.initial


@pytest.mark.parametrize("who", ["outsider", "other_reporter"])
def test_those_who_may_not_see_the_project_get_404(client, request, project, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/projects/{project.pk}/").status_code == 404


def test_task_force_member_reads_but_cannot_enter(client, tf_member, project):
    client.force_login(tf_member)
    response = client.get(f"/projects/{project.pk}/")
    assert response.status_code == 200
    assert response.context["form"] is None


def test_page_keeps_the_other_areas_panels(client, leader, project):
    client.force_login(leader)
    templates = {t.name for t in client.get(f"/projects/{project.pk}/").templates}
    assert "taskforces/includes/project_ledgers.html" in templates
    assert "problems/includes/project_problems.html" in templates


def test_page_query_count_does_not_grow_with_history(client, hq, project):
    client.force_login(hq)
    path = f"/projects/{project.pk}/?year=2024"
    client.get(path)
    with CaptureQueriesContext(connection) as before:
        client.get(path)
    for month in range(3, 13):
        progress_record(project=project, year=2024, month=month, completed=Decimal(month), reported_by=hq)
        progress_record(project=project, year=2024, month=month, completed=Decimal(month * 2), reported_by=hq)
    with CaptureQueriesContext(connection) as after:
        client.get(path)
    assert len(before.captured_queries) == len(after.captured_queries)


def test_edit_in_administration_is_offered_only_to_those_who_can_open_the_admin(client, admin, hq, project):
    link = f'href="/admin/register/project/{project.pk}/change/"'
    client.force_login(admin)
    assert link in client.get(f"/projects/{project.pk}/").content.decode()
    client.force_login(hq)  # manages the register through the imports, but is not staff
    assert link not in client.get(f"/projects/{project.pk}/").content.decode()
