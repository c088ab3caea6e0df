"""Township boundaries: the shipped approximate set is valid and says what it is; an administrator replaces it
with `load_boundaries FILE` or an upload in the admin site, both checked."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from maps.geometry import clean_boundaries, contains
from maps.models import BoundarySet
from maps.selectors import SHIPPED_BOUNDARIES, current_boundaries

pytestmark = pytest.mark.django_db

SQUARE = [[112.0, 35.0], [112.1, 35.0], [112.1, 35.1], [112.0, 35.1], [112.0, 35.0]]


def collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def township(name, ring=SQUARE):
    return {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_the_shipped_file_is_a_valid_boundary_set_labelled_approximate():
    raw = SHIPPED_BOUNDARIES.read_bytes()
    cleaned = clean_boundaries(raw)
    assert len(cleaned["features"]) == 18
    data = json.loads(raw)
    assert data["approximate"] is True and "APPROXIMATE" in data["source"]
    assert all(f["properties"]["approximate"] is True for f in data["features"])


def test_each_shipped_township_contains_its_seat_and_no_other():
    data = json.loads(SHIPPED_BOUNDARIES.read_text(encoding="utf-8"))
    for feature in data["features"]:
        lon, lat = feature["properties"]["seat"]
        holders = [f["properties"]["name"] for f in data["features"] if contains(f["geometry"], lon, lat)]
        assert holders == [feature["properties"]["name"]]


def test_load_boundaries_makes_the_file_the_set_the_map_draws(tmp_path):
    path = tmp_path / "official.geojson"
    path.write_text(json.dumps(collection(township("凤城镇"), township("北留镇"))), encoding="utf-8")
    out = io.StringIO()
    call_command("load_boundaries", str(path), "--source", "县自然资源局 2024年", stdout=out)
    assert "loaded 2 boundaries" in out.getvalue()
    drawn = current_boundaries()
    assert drawn["approximate"] is False and drawn["source"] == "县自然资源局 2024年"
    assert [f["properties"]["name"] for f in drawn["features"]] == ["凤城镇", "北留镇"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "不是 UTF-8 编码的 GeoJSON"),
        (json.dumps({"type": "Feature"}).encode(), "FeatureCollection"),
        (json.dumps(collection()).encode(), "没有要素"),
        (json.dumps(collection(township("凤城镇"), township("凤城镇"))).encode(), "出现了两次"),
        (json.dumps(collection({"type": "Feature", "properties": {}, "geometry": None})).encode(), "没有名称"),
        (
            json.dumps(collection(township("凤城镇", [[112.0, 35.0], [112.1, 35.0], [112.1, 35.1]]))).encode(),
            "首尾闭合",
        ),
        (
            json.dumps(
                collection(township("凤城镇", [[212.0, 35.0], [112.1, 35.0], [112.1, 35.1], [212.0, 35.0]]))
            ).encode(),
            "经度",
        ),
        (
            json.dumps(
                collection(
                    {
                        "type": "Feature",
                        "properties": {"name": "凤城镇"},
                        "geometry": {"type": "Point", "coordinates": [112, 35]},
                    }
                )
            ).encode(),
            "几何类型",
        ),
    ],
)
def test_load_boundaries_refuses_a_bad_file_and_keeps_the_current_set(tmp_path, content, message):
    path = tmp_path / "bad.geojson"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("load_boundaries", str(path), "--source", "test", stdout=io.StringIO())
    assert not BoundarySet.objects.exists()
    assert current_boundaries()["approximate"] is True


@pytest.fixture
def superuser(admin):
    """Administrators are superusers (demo/register.py); the admin site checks Django's permissions."""
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    return admin


def test_an_administrator_uploads_a_boundary_set_in_the_admin_site(client, superuser):
    client.force_login(superuser)
    upload = SimpleUploadedFile("towns.geojson", json.dumps(collection(township("凤城镇"))).encode())
    response = client.post(
        "/admin/maps/boundaryset/add/", {"name": "正式边界", "source": "县自然资源局", "file": upload}
    )
    assert response.status_code == 302
    boundary_set = BoundarySet.objects.get()
    assert (boundary_set.feature_count, boundary_set.loaded_by) == (1, superuser)
    assert current_boundaries()["name"] == "正式边界"


def test_a_bad_upload_in_the_admin_site_is_refused_beside_the_field(client, superuser):
    client.force_login(superuser)
    upload = SimpleUploadedFile("towns.geojson", b"[]")
    response = client.post("/admin/maps/boundaryset/add/", {"name": "x", "source": "y", "file": upload})
    assert response.status_code == 200
    assert "FeatureCollection" in response.content.decode()
    assert not BoundarySet.objects.exists()
