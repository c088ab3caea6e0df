"""The project list: filters, totals of the whole filtered set, paging, scoping and a fixed query count."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Nature, ProjectStatus, Tier
from tests import factories

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def listing(township, other_township, department):
    a = factories.make_project(
        "凤城陶瓷产业园项目",
        tier=Tier.PROVINCE,
        annual_plan=10000,
        total_investment=50000,
        township=township,
        code="P-001",
        owner="阳城陶瓷公司",
    )
    b = factories.make_project(
        "北留光伏发电项目",
        tier=Tier.CITY,
        annual_plan=5000,
        total_investment=20000,
        township=other_township,
        responsible_unit=department,
    )
    c = factories.make_project(
        "凤城学校综合楼项目",
        tier=Tier.COUNTY,
        nature=Nature.CONTINUING,
        annual_plan=0,
        total_investment=1000,
        township=township,
        status=ProjectStatus.UNDER_CONSTRUCTION,
    )
    factories.make_project("2025年新列项目", year=2025, annual_plan=999, township=township)
    for month, amount in ((1, 1000), (2, 2000), (3, 3000)):
        factories.make_progress(a, month=month, completed=amount)
    factories.make_progress(b, month=1, completed=6000)
    factories.make_progress(c, month=2, completed=40)
    return {"a": a, "b": b, "c": c}


def _rows(response) -> list[str]:
    return [row.project.name for row in response.context["page"].object_list]


def test_list_defaults_to_the_latest_year(client, leader, listing):
    client.force_login(leader)
    response = client.get("/projects/")
    assert response.context["year"] == 2025
    assert _rows(response) == ["2025年新列项目"]


def test_list_of_a_year_with_totals_and_completed_jan_to_m(client, leader, listing):
    client.force_login(leader)
    response = client.get("/projects/?year=2024&month=3")
    assert _rows(response) == ["凤城陶瓷产业园项目", "北留光伏发电项目", "凤城学校综合楼项目"]
    totals = response.context["totals"].total
    assert (totals.count, totals.total_investment, totals.annual_plan, totals.completed) == (
        3,
        D("71000"),
        D("15000"),
        D("12040"),
    )
    html = response.content.decode()
    assert '<b id="total-count">3</b>' in html
    assert '<b id="total-completed">1.20</b>' in html  # 12,040 万元 in 亿元
    assert "12,040.00" in html  # and in 万元
    assert "60.00%" in html  # 凤城陶瓷: 6,000 ÷ 10,000
    assert "120.00%" in html  # 北留光伏: 6,000 ÷ 5,000


def test_month_changes_the_cumulative_column(client, leader, listing):
    client.force_login(leader)
    response = client.get("/projects/?year=2024&month=1")
    rows = {r.project.name: r for r in response.context["page"].object_list}
    assert rows["凤城陶瓷产业园项目"].cumulative == D("1000")
    assert rows["凤城陶瓷产业园项目"].month_completed == D("1000")
    assert rows["凤城学校综合楼项目"].cumulative == D("0")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tier=province", ["凤城陶瓷产业园项目"]),
        ("nature=continuing", ["凤城学校综合楼项目"]),
        ("status=under_construction", ["凤城学校综合楼项目"]),
        ("q=光伏", ["北留光伏发电项目"]),
        ("q=P-001", ["凤城陶瓷产业园项目"]),
        ("q=陶瓷公司", ["凤城陶瓷产业园项目"]),
        ("sort=-rate", ["北留光伏发电项目", "凤城陶瓷产业园项目", "凤城学校综合楼项目"]),
    ],
)
def test_filters(client, leader, listing, query, expected):
    client.force_login(leader)
    assert _rows(client.get(f"/projects/?year=2024&{query}")) == expected


def test_filter_by_township_and_responsible_unit(client, leader, listing, township, department):
    client.force_login(leader)
    assert _rows(client.get(f"/projects/?year=2024&township={township.pk}")) == [
        "凤城陶瓷产业园项目",
        "凤城学校综合楼项目",
    ]
    assert _rows(client.get(f"/projects/?year=2024&responsible_unit={department.pk}")) == ["北留光伏发电项目"]


def test_totals_cover_the_whole_filtered_set_not_just_the_page(client, leader, township):
    factories.bulk_projects(120, townships=[township], months=2)
    client.force_login(leader)
    response = client.get("/projects/?year=2024&month=2&page=2")
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].number == 2
    assert response.context["totals"].total.count == 120
    assert response.context["page"].paginator.num_pages == 3
    html = response.content.decode()
    assert "page=3" in html and "year=2024" in html  # paging links keep the filters


def test_reporter_sees_only_its_townships_projects(client, reporter, listing):
    client.force_login(reporter)
    response = client.get("/projects/?year=2024")
    assert _rows(response) == ["凤城陶瓷产业园项目", "凤城学校综合楼项目"]
    assert response.context["totals"].total.count == 2
    assert "北留光伏发电项目" not in response.content.decode()


def test_reporter_of_a_department_sees_the_projects_it_answers_for(client, department, listing):
    user = factories.make_user("jiaotong_t", roles=("reporter",), unit=department)
    client.force_login(user)
    assert _rows(client.get("/projects/?year=2024")) == ["北留光伏发电项目"]


def test_outsider_sees_an_empty_list(client, outsider, listing):
    client.force_login(outsider)
    response = client.get("/projects/?year=2024")
    assert _rows(response) == []
    assert response.context["totals"].total.count == 0


def test_import_button_only_for_those_who_manage_the_register(client, admin, leader, listing):
    import_url = reverse("projects:import")
    client.force_login(admin)
    assert f'href="{import_url}"' in client.get("/projects/").content.decode()
    client.force_login(leader)
    assert f'href="{import_url}"' not in client.get("/projects/").content.decode()


def test_export_link_carries_the_filters_and_the_month_shown(client, leader, listing):
    client.force_login(leader)
    html = client.get("/projects/?year=2024&tier=city").content.decode()
    assert f'href="{reverse("projects:export")}?year=2024&amp;month=3&amp;tier=city"' in html


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("leader", "/projects/"),
        ("leader", "/projects/?tier=county&sort=rate&page=2"),
        ("reporter", "/projects/?q=批量"),
    ],
)
def test_list_runs_the_same_number_of_queries_for_2000_projects_as_for_20(
    client, leader, reporter, township, username, path
):
    townships = [township] + [factories.make_unit(f"列表镇{i}") for i in range(3)]
    factories.bulk_projects(20, townships=townships)
    client.force_login({"leader": leader, "reporter": reporter}[username])
    small = _queries(client, path)
    factories.bulk_projects(1980, townships=townships)
    large = _queries(client, path)
    assert small == large, f"{small} queries with 20 projects, {large} with 2,000"
