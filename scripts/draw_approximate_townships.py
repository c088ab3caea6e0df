#!/usr/bin/env python3
"""Write maps/data/yangcheng_townships.geojson: APPROXIMATE township boundaries of Yangcheng County (阳城县).

    python3 scripts/draw_approximate_townships.py [--out PATH]

No open boundary data set was reachable when the map was built (the machine has no internet), so the
boundaries are drawn, not surveyed: a hand-drawn, simplified outline of the county, cut into one cell
per township around the approximate position of its seat (a Voronoi partition, computed on a local
equirectangular projection so that the cuts are true perpendicular bisectors). Neighbouring cells share
their edges exactly (no gaps, no overlaps). The seats' positions were set by hand from general knowledge
of the county (the county seat at about 112.42 E, 35.48 N); they may be off by kilometres.

These shapes are for the system's map only. They are not administrative boundaries and must not be used
as such; an administrator replaces them with the county's official set (`manage.py load_boundaries FILE`
or the admin site's boundary sets).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "maps" / "data" / "yangcheng_townships.geojson"

# The county's outline, clockwise from the north-west (lon, lat), drawn by hand and simplified.
OUTLINE = [
    (112.10, 35.62),
    (112.22, 35.68),
    (112.36, 35.70),
    (112.50, 35.66),
    (112.62, 35.62),
    (112.70, 35.55),
    (112.73, 35.45),
    (112.70, 35.35),
    (112.63, 35.27),
    (112.52, 35.22),
    (112.40, 35.20),
    (112.28, 35.22),
    (112.15, 35.24),
    (112.05, 35.30),
    (112.02, 35.40),
    (112.04, 35.52),
]

# Approximate positions of the township seats (lon, lat): the demo's 17 townships and the dev zone.
SEATS = {
    "凤城镇": (112.420, 35.485),
    "阳城经济技术开发区": (112.452, 35.512),
    "北留镇": (112.565, 35.530),
    "润城镇": (112.520, 35.465),
    "町店镇": (112.330, 35.515),
    "芹池镇": (112.290, 35.600),
    "次营镇": (112.530, 35.385),
    "横河镇": (112.170, 35.290),
    "河北镇": (112.285, 35.400),
    "蟒河镇": (112.420, 35.255),
    "东冶镇": (112.640, 35.330),
    "白桑镇": (112.395, 35.405),
    "寺头乡": (112.520, 35.290),
    "西河乡": (112.345, 35.455),
    "演礼乡": (112.460, 35.590),
    "固隆乡": (112.610, 35.425),
    "董封乡": (112.190, 35.440),
    "驾岭乡": (112.680, 35.490),
}

COS = math.cos(math.radians(35.45))  # local scale of a degree of longitude against one of latitude

Point = tuple[float, float]


def _to_plane(p: Point) -> Point:
    return p[0] * COS, p[1]


def _from_plane(p: Point) -> Point:
    return p[0] / COS, p[1]


def _clip(polygon: list[Point], normal: Point, limit: float) -> list[Point]:
    """Sutherland-Hodgman: the part of `polygon` where normal·p <= limit."""
    result: list[Point] = []
    for index, current in enumerate(polygon):
        previous = polygon[index - 1]
        cur_in = normal[0] * current[0] + normal[1] * current[1] <= limit
        prev_in = normal[0] * previous[0] + normal[1] * previous[1] <= limit
        if cur_in != prev_in:
            d_prev = normal[0] * previous[0] + normal[1] * previous[1] - limit
            d_cur = normal[0] * current[0] + normal[1] * current[1] - limit
            t = d_prev / (d_prev - d_cur)
            result.append((previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])))
        if cur_in:
            result.append(current)
    return result


def cells() -> dict[str, list[Point]]:
    outline = [_to_plane(p) for p in OUTLINE]
    seats = {name: _to_plane(p) for name, p in SEATS.items()}
    result: dict[str, list[Point]] = {}
    for name, s in seats.items():
        cell = outline
        for other, o in seats.items():
            if other == name:
                continue
            normal = (o[0] - s[0], o[1] - s[1])
            limit = (o[0] ** 2 + o[1] ** 2 - s[0] ** 2 - s[1] ** 2) / 2
            cell = _clip(cell, normal, limit)
        result[name] = [_from_plane(p) for p in cell]
    return result


def feature_collection() -> dict:
    features = []
    for name, ring in cells().items():
        coordinates = [[round(lon, 4), round(lat, 4)] for lon, lat in ring]
        coordinates.append(coordinates[0])
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "seat": list(SEATS[name]), "approximate": True},
                "geometry": {"type": "Polygon", "coordinates": [coordinates]},
            }
        )
    return {
        "type": "FeatureCollection",
        "name": "阳城县乡（镇）边界（近似示意，非行政界线）",
        "approximate": True,
        "source": (
            "APPROXIMATE, drawn for this system by scripts/draw_approximate_townships.py: a hand-drawn simplified "
            "county outline cut into one cell per township around the approximate position of its seat (Voronoi "
            "partition). Not surveyed, not from any mapping service, not an administrative boundary. "
            "近似示意边界，系按乡镇驻地大致位置划分的示意图形，非行政区划界线，不得作为权属或界线依据；"
            "请以县自然资源局提供的正式边界替换（manage.py load_boundaries 文件 或 管理后台“边界数据”）。"
        ),
        "licence": "Drawn for this project; no third-party data. Free to use and replace.",
        "crs_note": "WGS-84 / CGCS2000 longitude, latitude (RFC 7946)",
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(feature_collection(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
