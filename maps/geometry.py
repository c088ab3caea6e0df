"""GeoJSON geometry checks (RFC 7946: longitude, latitude in WGS-84) and a little planar arithmetic.

No database. Everything that reaches the register as a shape or a boundary set went through
`clean_shape` or `clean_boundaries` first: known geometry type, numbers in range, a size cap.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A project's line or polygon: a road of a few dozen kilometres clicked point by point stays far below.
MAX_SHAPE_POSITIONS = 2000
MAX_SHAPE_BYTES = 100_000
# A boundary set: a county's townships at a few hundred metres' detail.
MAX_BOUNDARY_FEATURES = 200
MAX_BOUNDARY_POSITIONS = 200_000
MAX_BOUNDARY_BYTES = 5_000_000

SHAPE_TYPES = ("LineString", "MultiLineString", "Polygon", "MultiPolygon")
AREA_TYPES = ("Polygon", "MultiPolygon")
_DEPTH = {"Point": 0, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}

Position = list[float]


def _position(value: object) -> Position:
    if not isinstance(value, list) or len(value) not in (2, 3):
        raise ValidationError(_("A position must be [longitude, latitude]."))
    numbers: list[float] = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int | float) or not math.isfinite(item):
            raise ValidationError(_("Coordinates must be numbers."))
        numbers.append(float(item))
    lon, lat = numbers[0], numbers[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError(_("A longitude lies between -180 and 180, a latitude between -90 and 90."))
    return [round(lon, 7), round(lat, 7)]


def _nested(value: object, depth: int, counter: list[int], limit: int) -> list:
    """Positions nested `depth` lists deep, each checked; counts them against `limit`."""
    if depth == 0:
        counter[0] += 1
        if counter[0] > limit:
            raise ValidationError(_("The shape has more than %(limit)s points.") % {"limit": limit})
        return _position(value)
    if not isinstance(value, list) or not value:
        raise ValidationError(_("The coordinates are not nested as the geometry type requires."))
    return [_nested(item, depth - 1, counter, limit) for item in value]


def _check_parts(geometry_type: str, coordinates: list) -> None:
    lines = {"LineString": [coordinates], "MultiLineString": coordinates}.get(geometry_type, [])
    for line in lines:
        if len(line) < 2:
            raise ValidationError(_("A line needs at least two points."))
    polygons = {"Polygon": [coordinates], "MultiPolygon": coordinates}.get(geometry_type, [])
    for polygon in polygons:
        for ring in polygon:
            if len(ring) < 4 or ring[0] != ring[-1]:
                raise ValidationError(_("A polygon's ring needs at least three points and must be closed."))


def clean_geometry(value: object, *, types: tuple[str, ...], max_positions: int) -> dict[str, Any]:
    """A checked GeoJSON geometry {"type", "coordinates"} of one of `types`, positions rounded to 7 places."""
    if not isinstance(value, dict):
        raise ValidationError(_("The geometry must be a GeoJSON object."))
    geometry_type = value.get("type")
    if geometry_type not in types:
        raise ValidationError(
            _("The geometry type must be one of %(types)s.") % {"types": ", ".join(types)},
        )
    coordinates = _nested(value.get("coordinates"), _DEPTH[geometry_type], [0], max_positions)
    _check_parts(geometry_type, coordinates)
    return {"type": geometry_type, "coordinates": coordinates}


def clean_shape(value: object) -> dict[str, Any] | None:
    """A project's line or polygon from JSON text or an already parsed object; None for nothing."""
    if value in (None, "", {}):
        return None
    if isinstance(value, str):
        if len(value.encode()) > MAX_SHAPE_BYTES:
            raise ValidationError(_("The shape is too large."))
        try:
            value = json.loads(value)
        except ValueError:
            raise ValidationError(_("The shape is not valid JSON.")) from None
    shape = clean_geometry(value, types=SHAPE_TYPES, max_positions=MAX_SHAPE_POSITIONS)
    if len(json.dumps(shape)) > MAX_SHAPE_BYTES:
        raise ValidationError(_("The shape is too large."))
    return shape


def clean_boundaries(raw: bytes) -> dict[str, Any]:
    """A boundary set: a GeoJSON FeatureCollection of (Multi)Polygons, each named in properties.name.

    Returns {"type": "FeatureCollection", "features": [...]} with only the name kept of each feature's
    properties, in the file's order. Raises ValidationError naming the first problem.
    """
    if len(raw) > MAX_BOUNDARY_BYTES:
        raise ValidationError(_("The boundary file is larger than 5 MB."))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise ValidationError(_("The boundary file is not UTF-8 GeoJSON.")) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError(_("The boundary file must be a GeoJSON FeatureCollection."))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise ValidationError(_("The boundary file has no features."))
    if len(features) > MAX_BOUNDARY_FEATURES:
        raise ValidationError(_("The boundary file has more than %(n)s features.") % {"n": MAX_BOUNDARY_FEATURES})
    cleaned: list[dict[str, Any]] = []
    names: set[str] = set()
    budget = MAX_BOUNDARY_POSITIONS
    for index, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise ValidationError(_("Feature %(n)s is not a GeoJSON Feature.") % {"n": index})
        properties = feature.get("properties") or {}
        name = properties.get("name") if isinstance(properties, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise ValidationError(_("Feature %(n)s has no name (properties.name).") % {"n": index})
        name = name.strip()
        if name in names:
            raise ValidationError(_("The name %(name)s appears twice.") % {"name": name})
        names.add(name)
        try:
            geometry = clean_geometry(feature.get("geometry"), types=AREA_TYPES, max_positions=budget)
        except ValidationError as exc:
            raise ValidationError(
                _("Feature %(n)s (%(name)s): %(error)s") % {"n": index, "name": name, "error": " ".join(exc.messages)}
            ) from None
        budget -= sum(1 for _position in iter_positions(geometry))
        cleaned.append({"type": "Feature", "properties": {"name": name}, "geometry": geometry})
    return {"type": "FeatureCollection", "features": cleaned}


def iter_positions(geometry: dict[str, Any]) -> Iterator[Position]:
    def walk(value: list, depth: int) -> Iterator[Position]:
        if depth == 0:
            yield value
            return
        for item in value:
            yield from walk(item, depth - 1)

    yield from walk(geometry["coordinates"], _DEPTH[geometry["type"]])


def _in_ring(lon: float, lat: float, ring: list[Position]) -> bool:
    """Ray casting (even-odd rule)."""
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def contains(geometry: dict[str, Any], lon: float, lat: float) -> bool:
    """Whether the (Multi)Polygon contains the point (holes respected)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for rings in polygons:
        if _in_ring(lon, lat, rings[0]) and not any(_in_ring(lon, lat, hole) for hole in rings[1:]):
            return True
    return False


def bounds(geometries: list[dict[str, Any]]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of all the geometries; None for none."""
    lons: list[float] = []
    lats: list[float] = []
    for geometry in geometries:
        for lon, lat in iter_positions(geometry):
            lons.append(lon)
            lats.append(lat)
    if not lons:
        return None
    return min(lons), min(lats), max(lons), max(lats)
