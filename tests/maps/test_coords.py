"""GCJ-02 (Gaode, Tencent) and BD-09 (Baidu) coordinates convert to WGS-84 within 5 m of published pairs.

Reference pairs and where they were published:

- ALIYUN: Alibaba Cloud's documentation of its address-purification API, TransferCoord ("坐标系转换"), the
  example response at https://help.aliyun.com/zh/address-purification/addrpapi/developer-reference/coordinate-system-conversion
  gives for one point in Hangzhou GCJ02 120.026268,30.279164; BD09 120.032768,30.285238; WGS84 (= CGCS2000)
  120.021519,30.281543 (six places as published). A different implementation from ours (Alibaba owns Gaode).
- EVILTRANSFORM: the test vectors of the eviltransform library (github.com/googollee/eviltransform,
  python/test.py, BSD licence): WGS-84 → GCJ-02 pairs in Shanghai, Shenzhen and Beijing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from maps.coords import (
    CoordinateSystem,
    bd09_to_wgs84,
    distance_m,
    gcj02_to_wgs84,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

ALIYUN_WGS84 = (120.021519, 30.281543)
ALIYUN_GCJ02 = (120.026268, 30.279164)
ALIYUN_BD09 = (120.032768, 30.285238)

# (WGS-84 lon, lat), (GCJ-02 lon, lat)
EVILTRANSFORM = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),  # Shanghai
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),  # Shenzhen
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),  # Beijing
]


def test_gcj02_from_aliyuns_published_example_converts_to_its_wgs84_within_5_m():
    lon, lat = gcj02_to_wgs84(*ALIYUN_GCJ02)
    assert distance_m(lon, lat, *ALIYUN_WGS84) < 5


def test_bd09_from_aliyuns_published_example_converts_to_its_wgs84_within_5_m():
    lon, lat = bd09_to_wgs84(*ALIYUN_BD09)
    assert distance_m(lon, lat, *ALIYUN_WGS84) < 5


def test_wgs84_to_bd09_matches_aliyuns_published_example_within_5_m():
    assert distance_m(*wgs84_to_bd09(*ALIYUN_WGS84), *ALIYUN_BD09) < 5


@pytest.mark.parametrize(("wgs84", "gcj02"), EVILTRANSFORM)
def test_gcj02_published_pairs_convert_both_ways_within_5_m(wgs84, gcj02):
    assert distance_m(*wgs84_to_gcj02(*wgs84), *gcj02) < 5
    assert distance_m(*gcj02_to_wgs84(*gcj02), *wgs84) < 5


@pytest.mark.parametrize("crs", [CoordinateSystem.GCJ02, CoordinateSystem.BD09])
def test_converting_a_yangcheng_point_back_and_forth_lands_within_a_centimetre(crs):
    """The county seat of Yangcheng: the shift there is a few hundred metres, the inverse is exact."""
    forward = wgs84_to_gcj02 if crs == CoordinateSystem.GCJ02 else wgs84_to_bd09
    shifted = forward(112.42, 35.48)
    assert distance_m(*shifted, 112.42, 35.48) > 100  # the offset the conversion must undo
    lon, lat = to_wgs84(Decimal(repr(shifted[0])), Decimal(repr(shifted[1])), crs)
    assert distance_m(float(lon), float(lat), 112.42, 35.48) < 0.01


def test_wgs84_is_kept_as_typed_to_seven_places():
    assert to_wgs84(Decimal("112.42"), Decimal("35.48"), CoordinateSystem.WGS84) == (
        Decimal("112.4200000"),
        Decimal("35.4800000"),
    )


def test_outside_china_gcj02_is_wgs84_as_the_map_services_treat_it():
    assert wgs84_to_gcj02(2.3522, 48.8566) == (2.3522, 48.8566)  # Paris
