"""/map/ and /map/projects.geojson: every located key project of the year with its figures and the register's
colour, filtered like the project list, in a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maps.models import ProjectLocation
from projects.models import Tier
from tests import factories

from .conftest import make_location

pytestmark = pytest.mark.django_db


@pytest.fixture
def june(township, other_township):
    """Month 6 of 2024: time progress 50%. Completion 20% is 30 points behind (red), 35% is 15 behind (yellow),
    45% is 5 behind (green), 60% is ahead (green); no plan is grey; one project has no location."""
    projects = {}
    for name, plan, done, place in [
        ("红项目", 1000, 200, township),
        ("黄项目", 1000, 350, township),
        ("绿项目", 1000, 450, other_township),
        ("超前项目", 2000, 1200, other_township),
        ("无计划项目", 0, 100, township),
        ("未定位项目", 1000, 100, township),
    ]:
        project = factories.make_project(name, annual_plan=plan, township=place, tier=Tier.COUNTY)
        factories.make_progress(project, month=6, completed=done)
        projects[name] = project
    projects["超前项目"].years.update(tier=Tier.PROVINCE)
    for name, project in projects.items():
        if name != "未定位项目":
            make_location(project)
    return projects


def geojson(client, query="year=2024&month=6"):
    response = client.get(f"/map/projects.geojson?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return response.json()


def test_features_carry_name_tier_township_plan_completed_and_the_registers_colour(client, leader, june):
    client.force_login(leader)
    data = geojson(client)
    assert data["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    assert {name: f["properties"]["colour"] for name, f in by_name.items()} == {
        "红项目": "red",
        "黄项目": "yellow",
        "绿项目": "green",
        "超前项目": "green",
        "无计划项目": "grey",
    }
    red = by_name["红项目"]
    assert {"name", "tier", "township", "annual_plan", "completed", "colour"} <= set(red["properties"])
    assert red["properties"]["tier"] == "county"
    assert red["properties"]["township"] == "凤城镇"
    assert (red["properties"]["annual_plan"], red["properties"]["completed"]) == ("1000.00", "200.00")
    assert (red["properties"]["completion_rate"], red["properties"]["vs_time_progress"]) == ("20.00", "-30.00")
    assert red["geometry"] == {"type": "Point", "coordinates": [112.42, 35.48]}
    assert data["unlocated"] == 1
    # The township figures count every listed project, located or not: 凤城镇 1000+1000+0+1000 planned.
    assert data["townships"]["凤城镇"] == {
        "count": 4,
        "annual_plan": "3000.00",
        "completed": "750.00",
        "completion_rate": "25.00",
    }


def test_a_project_with_a_line_is_a_point_and_the_line(client, hq, township):
    road = {"type": "LineString", "coordinates": [[112.41, 35.48], [112.43, 35.49]]}
    make_location(factories.make_project("公路项目", township=township), shape=road)
    client.force_login(hq)
    geometry = geojson(client, "year=2024")["features"][0]["geometry"]
    assert geometry == {
        "type": "GeometryCollection",
        "geometries": [{"type": "Point", "coordinates": [112.42, 35.48]}, road],
    }


def test_the_project_lists_filters_apply(client, leader, june, township):
    client.force_login(leader)
    names = lambda data: sorted(f["properties"]["name"] for f in data["features"])  # noqa: E731
    assert names(geojson(client, "year=2024&month=6&tier=province")) == ["超前项目"]
    assert names(geojson(client, f"year=2024&month=6&township={township.pk}")) == ["无计划项目", "红项目", "黄项目"]
    assert names(geojson(client, "year=2024&month=6&q=绿")) == ["绿项目"]


def test_a_reporter_sees_only_the_projects_of_their_unit(client, other_reporter, june):
    client.force_login(other_reporter)
    assert sorted(f["properties"]["name"] for f in geojson(client)["features"]) == ["绿项目", "超前项目"]


def test_the_map_page_passes_its_data_by_json_script_and_draws_the_legend(client, leader, june):
    client.force_login(leader)
    page = client.get("/map/?year=2024&month=6&tier=county").content.decode()
    assert 'id="map-config"' in page and "/map/projects.geojson?" in page and "tier=county" in page
    assert "低于时间进度20个百分点以上" in page and "低于时间进度10个百分点以上" in page
    assert "<script>" not in page


def _count_queries(client, n: int) -> int:
    ProjectLocation.objects.all().delete()
    projects = factories.bulk_projects(n, prefix=f"规模{n}-")
    ProjectLocation.objects.bulk_create(
        ProjectLocation(project=p, longitude=Decimal("112.42"), latitude=Decimal("35.48"), source="demo")
        for p in projects
    )
    with CaptureQueriesContext(connection) as ctx:
        data = geojson(client, "year=2024&month=3")
    assert len(data["features"]) >= n
    return len(ctx.captured_queries)


def test_the_geojson_runs_the_same_number_of_queries_for_20_and_200_projects(client, leader):
    client.force_login(leader)
    assert _count_queries(client, 20) == _count_queries(client, 200)


def test_the_shipped_boundaries_are_served_and_say_they_are_approximate(client, leader):
    client.force_login(leader)
    data = client.get("/map/boundaries.geojson").json()
    assert data["approximate"] is True
    assert "APPROXIMATE" in data["source"] and "非行政区划界线" in data["source"]
    names = {f["properties"]["name"] for f in data["features"]}
    assert {"凤城镇", "北留镇", "驾岭乡", "阳城经济技术开发区"} <= names and len(names) == 18
