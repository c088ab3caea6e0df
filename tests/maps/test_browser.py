"""The map in a real browser: a leader opens /map/ and sees the lagging projects as red markers (on a desk and
on a phone); a reporter sets a project's location by clicking on the map."""

from __future__ import annotations

import re

import pytest

from maps.models import LocationSource, ProjectLocation
from tests import factories
from tests.conftest import login

from .conftest import make_location

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def located(township, other_township):
    """June 2024 (time progress 50%): one project far behind (red), one ahead (green), one without a plan."""
    for name, plan, done, place, lon in [
        ("红色滞后项目", 1000, 100, township, "112.42"),
        ("绿色超前项目", 3000, 2000, other_township, "112.56"),
        ("无计划项目", 0, 50, township, "112.40"),
    ]:
        project = factories.make_project(name, annual_plan=plan, township=place)
        factories.make_progress(project, month=6, completed=done)
        make_location(project, lon=lon, lat="35.50")


def test_a_leader_opens_the_map_and_sees_the_projects_as_coloured_markers(page, live_server, leader, located):
    login(page, live_server, leader.username)
    page.goto(f"{live_server.url}/map/?year=2024&month=6")
    page.wait_for_selector("#project-map[data-loaded='3']")
    assert page.locator("path.project-marker").count() == 3
    assert page.locator("path.marker-red").count() == 1
    assert page.locator("path.marker-grey").count() == 1
    assert page.locator(".township-label").count() == 18  # the shipped boundaries, labelled
    assert "地图上共3个项目" in page.inner_text("#map-status")
    page.locator("path.marker-red").click()
    popup = page.inner_text(".leaflet-popup-content")
    assert "红色滞后项目" in popup and "10.00%" in popup and "-40.00" in popup
    assert page.locator(".leaflet-popup-content a").get_attribute("href").startswith("/projects/")


def test_on_a_phone_the_map_fills_the_screen_without_sideways_scrolling(phone_page, live_server, leader, located):
    login(phone_page, live_server, leader.username)
    phone_page.goto(f"{live_server.url}/map/?year=2024&month=6")
    phone_page.wait_for_selector("#project-map[data-loaded='3']")
    assert phone_page.locator("path.project-marker").count() == 3
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone_page.locator("#project-map").bounding_box()["width"] >= 360


def test_a_reporter_sets_the_location_by_clicking_on_the_map(page, live_server, reporter, township):
    project = factories.make_project("凤城待定位项目", township=township)
    login(page, live_server, reporter.username)
    page.goto(f"{live_server.url}/map/projects/{project.pk}/location/")
    page.wait_for_selector("#location-map .township-label")  # the boundaries are drawn
    page.locator("#location-map").click(position={"x": 300, "y": 200})
    assert re.fullmatch(r"\d{3}\.\d{6},\d{2}\.\d{6}", page.input_value("input[name=coordinates]"))
    page.click("#location-form button[type=submit]")
    page.wait_for_url(re.compile(rf"/projects/{project.pk}/"))
    assert "项目位置已保存" in page.content()
    location = ProjectLocation.objects.get(project=project)
    assert location.source == LocationSource.MAP
    assert 111 < location.longitude < 114 and 34 < location.latitude < 37
