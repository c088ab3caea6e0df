"""The demo's 126 projects get plausible locations inside their townships; loading twice changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from demo import maps as demo_maps
from demo import register as demo_register
from maps.geometry import contains
from maps.models import ProjectLocation
from maps.selectors import shipped_boundaries

pytestmark = pytest.mark.django_db


def test_every_demo_project_lies_inside_its_township_and_a_second_load_adds_nothing():
    demo_register.load(stdout=io.StringIO())
    demo_maps.load(stdout=io.StringIO())
    polygons = {f["properties"]["name"]: f["geometry"] for f in shipped_boundaries()["features"]}
    locations = list(ProjectLocation.objects.select_related("project__township"))
    assert len(locations) == 126
    for location in locations:
        township = location.project.township
        assert township is not None
        assert contains(polygons[township.name], float(location.longitude), float(location.latitude))
    assert any(location.shape and location.shape["type"] == "LineString" for location in locations)
    assert any(location.shape and location.shape["type"] == "Polygon" for location in locations)
    before = {(loc.project_id, loc.longitude, loc.latitude) for loc in locations}
    demo_maps.load(stdout=io.StringIO())
    assert {(loc.project_id, loc.longitude, loc.latitude) for loc in ProjectLocation.objects.all()} == before


def test_load_demo_command_still_runs(db):
    call_command("load_demo", "--allow-in-production", stdout=io.StringIO())
