"""Setting a project's location: by clicking or pasting coordinates (converted from GCJ-02 / BD-09), drawing a
line or area, or from a site photo's GPS. Managers of the register for any project, reporters for their own
unit's; everyone else 404 (cannot see the project) or 403 (may only read it)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from maps.coords import distance_m, wgs84_to_bd09, wgs84_to_gcj02
from maps.models import LocationSource, ProjectLocation
from tests import factories

from .conftest import make_location, make_site_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(township):
    return factories.make_project("凤城光伏发电项目", township=township)


def url(project, suffix=""):
    return f"/map/projects/{project.pk}/location/{suffix}"


def test_reporter_of_the_projects_township_sets_its_location_by_clicking(client, reporter, project):
    client.force_login(reporter)
    assert client.get(url(project)).status_code == 200
    response = client.post(url(project), {"coordinates": "112.423456,35.487654", "crs": "wgs84", "source": "map"})
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{project.pk}/#location"
    location = ProjectLocation.objects.get(project=project)
    assert (location.longitude, location.latitude) == (Decimal("112.4234560"), Decimal("35.4876540"))
    assert (location.source, location.set_by, location.entered_crs) == (LocationSource.MAP, reporter, "wgs84")


@pytest.mark.parametrize(("crs", "forward"), [("gcj02", wgs84_to_gcj02), ("bd09", wgs84_to_bd09)])
def test_coordinates_pasted_from_gaode_or_baidu_are_stored_as_wgs84(client, hq, project, crs, forward):
    lon, lat = forward(112.43, 35.49)
    client.force_login(hq)
    client.post(url(project), {"coordinates": f"{lon:.6f}，{lat:.6f}", "crs": crs, "source": "typed"})
    location = ProjectLocation.objects.get(project=project)
    assert distance_m(float(location.longitude), float(location.latitude), 112.43, 35.49) < 0.5
    assert (location.entered_crs, location.source) == (crs, LocationSource.TYPED)


def test_a_pair_pasted_latitude_first_is_recognised(client, hq, project):
    client.force_login(hq)
    client.post(url(project), {"coordinates": "35.48 112.42", "crs": "wgs84", "source": "typed"})
    location = ProjectLocation.objects.get(project=project)
    assert (location.longitude, location.latitude) == (Decimal("112.42"), Decimal("35.48"))


def test_a_drawn_road_is_stored_with_its_point(client, hq, project):
    road = {"type": "LineString", "coordinates": [[112.41, 35.48], [112.42, 35.485], [112.43, 35.49]]}
    client.force_login(hq)
    client.post(
        url(project), {"coordinates": "112.41,35.48", "crs": "wgs84", "source": "map", "shape": json.dumps(road)}
    )
    assert ProjectLocation.objects.get(project=project).shape == road


@pytest.mark.parametrize(
    ("coordinates", "shape"),
    [
        ("112.42", ""),
        ("east,north", ""),
        ("200,35", ""),
        ("112.42,35.48", json.dumps({"type": "Point", "coordinates": [112.42, 35.48]})),
        ("112.42,35.48", json.dumps({"type": "LineString", "coordinates": [[112.42, 35.48]]})),
        (
            "112.42,35.48",
            json.dumps({"type": "Polygon", "coordinates": [[[112.4, 35.4], [112.5, 35.4], [112.5, 35.5]]]}),
        ),
        ("112.42,35.48", json.dumps({"type": "LineString", "coordinates": [[112.4, 95.0], [112.5, 35.4]]})),
        ("112.42,35.48", json.dumps({"type": "LineString", "coordinates": [[112.4, 35.4]] * 2001})),
        ("112.42,35.48", "{not json"),
    ],
)
def test_bad_coordinates_or_shapes_are_refused_and_nothing_is_stored(client, hq, project, coordinates, shape):
    client.force_login(hq)
    response = client.post(
        url(project), {"coordinates": coordinates, "crs": "wgs84", "source": "typed", "shape": shape}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ProjectLocation.objects.exists()


def test_the_database_refuses_a_latitude_out_of_range(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectLocation.objects.create(
            project=project, longitude=Decimal("112"), latitude=Decimal("91"), source="typed"
        )


@pytest.mark.parametrize(
    ("who", "status"), [("other_reporter", 404), ("outsider", 404), ("leader", 403), ("tf_member", 403)]
)
def test_only_managers_and_the_projects_reporters_may_set_it(request, client, project, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(project)).status_code == status
    assert (
        client.post(url(project), {"coordinates": "112.42,35.48", "crs": "wgs84", "source": "typed"}).status_code
        == status
    )
    assert client.post(url(project, "clear/")).status_code == status
    assert not ProjectLocation.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("other_reporter", 404), ("leader", 403)])
def test_outsiders_and_readers_cannot_use_a_photos_position(request, client, project, who, status):
    photo = make_site_photo(project)
    client.force_login(request.getfixturevalue(who))
    assert client.post(url(project, "photo/"), {"attachment": photo.pk}).status_code == status
    assert not ProjectLocation.objects.exists()


def test_a_site_photos_gps_position_sets_the_point_and_keeps_the_line(client, reporter, project):
    road = {"type": "LineString", "coordinates": [[112.41, 35.48], [112.43, 35.49]]}
    make_location(project, shape=road)
    photo = make_site_photo(project, caption="桩基施工")
    make_site_photo(project, lon=None, lat=None, caption="无定位照片")
    client.force_login(reporter)
    page = client.get(url(project))
    assert [p.pk for p in page.context["photos"]] == [photo.pk]  # only photos with a position are offered
    assert "使用该照片位置" in page.content.decode()
    response = client.post(url(project, "photo/"), {"attachment": photo.pk})
    assert response.status_code == 302
    location = ProjectLocation.objects.get(project=project)
    assert (location.longitude, location.latitude) == (Decimal("112.4312340"), Decimal("35.4912340"))
    assert (location.source, location.photo, location.shape) == (LocationSource.PHOTO, photo, road)


def test_a_photo_of_another_project_is_refused(client, hq, project, other_township):
    other = factories.make_project("北留项目", township=other_township)
    photo = make_site_photo(other)
    client.force_login(hq)
    response = client.post(url(project, "photo/"), {"attachment": photo.pk}, follow=True)
    assert "没有定位信息或不属于本项目" in response.content.decode()
    assert not ProjectLocation.objects.exists()


def test_the_location_can_be_removed(client, hq, project):
    make_location(project)
    client.force_login(hq)
    assert client.post(url(project, "clear/")).status_code == 302
    assert not ProjectLocation.objects.exists()


def test_the_project_page_shows_the_location_panel_with_a_link_for_those_who_may_set_it(
    client, reporter, leader, project
):
    make_location(project)
    client.force_login(reporter)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'id="location"' in page and f"/map/projects/{project.pk}/location/" in page
    assert "location-data" in page and "<script>" not in page  # data by json_script, code from static files
    client.force_login(leader)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'id="location"' in page and f"/map/projects/{project.pk}/location/" not in page


def test_a_project_without_location_says_so_on_its_page(client, hq, project):
    client.force_login(hq)
    assert "该项目尚未标注位置" in client.get(f"/projects/{project.pk}/").content.decode()
