"""Coordinate systems of Chinese web maps, and their conversion to WGS-84 (no database).

The register stores WGS-84, which is what phone GPS and 天地图 (on CGCS2000, which differs from WGS-84
by centimetres) use. Coordinates copied from other maps are shifted:

- GCJ-02 (国测局坐标, "Mars coordinates"): Gaode/Amap (高德) and Tencent (腾讯) maps. WGS-84 → GCJ-02 is the
  published obfuscation formula (a sum of sines, a few hundred metres in China, nothing abroad); the
  inverse has no closed form and is found by fixed-point iteration to well under a centimetre.
- BD-09 (百度坐标): Baidu maps. GCJ-02 → BD-09 is a further small rotation and offset; inverted the same way.

    to_wgs84(Decimal("112.4256"), Decimal("35.4862"), CoordinateSystem.GCJ02) -> (Decimal("112.41…"), …)

Outside China GCJ-02 and WGS-84 coincide (the formula is not applied there), as the map services do.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

# Krasovsky 1940 ellipsoid, which the GCJ-02 formula uses.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = math.pi * 3000.0 / 180.0
_EARTH_RADIUS_M = 6371008.8  # mean radius, for distances

PLACES = Decimal("0.0000001")  # seven places: about a centimetre


class CoordinateSystem(models.TextChoices):
    WGS84 = "wgs84", _("WGS-84 / CGCS2000 (GPS, Tianditu)")
    GCJ02 = "gcj02", _("GCJ-02 (Gaode, Tencent)")
    BD09 = "bd09", _("BD-09 (Baidu)")


def _outside_china(lon: float, lat: float) -> bool:
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _shift_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _shift_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    if _outside_china(lon, lat):
        return lon, lat
    d_lat = _shift_lat(lon - 105.0, lat - 35.0)
    d_lon = _shift_lon(lon - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return lon + d_lon, lat + d_lat


def gcj02_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    z = math.hypot(lon, lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def wgs84_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def _invert(forward: Callable[[float, float], tuple[float, float]], lon: float, lat: float) -> tuple[float, float]:
    """The point p with forward(p) == (lon, lat), by fixed-point iteration. The shifts change slowly
    over space (their derivative is about 1e-5), so each step gains about five digits; 1e-10 degrees
    (about 0.01 mm) is reached in three or four steps."""
    guess_lon, guess_lat = lon, lat
    for _step in range(30):
        f_lon, f_lat = forward(guess_lon, guess_lat)
        d_lon, d_lat = lon - f_lon, lat - f_lat
        guess_lon, guess_lat = guess_lon + d_lon, guess_lat + d_lat
        if abs(d_lon) < 1e-10 and abs(d_lat) < 1e-10:
            break
    return guess_lon, guess_lat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    return _invert(wgs84_to_gcj02, lon, lat)


def bd09_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    return _invert(wgs84_to_bd09, lon, lat)


_TO_WGS84 = {
    CoordinateSystem.WGS84: lambda lon, lat: (lon, lat),
    CoordinateSystem.GCJ02: gcj02_to_wgs84,
    CoordinateSystem.BD09: bd09_to_wgs84,
}


def to_wgs84_float(lon: float, lat: float, crs: str) -> tuple[float, float]:
    """(lon, lat) in `crs` as WGS-84 floats."""
    return _TO_WGS84[CoordinateSystem(crs)](lon, lat)


def to_wgs84(lon: Decimal, lat: Decimal, crs: str) -> tuple[Decimal, Decimal]:
    """(lon, lat) in `crs` as WGS-84, to seven places (a centimetre). WGS-84 input is kept as typed."""
    if crs == CoordinateSystem.WGS84:
        return lon.quantize(PLACES), lat.quantize(PLACES)
    w_lon, w_lat = to_wgs84_float(float(lon), float(lat), crs)
    return Decimal(repr(w_lon)).quantize(PLACES), Decimal(repr(w_lat)).quantize(PLACES)


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine on the mean Earth radius)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(math.sqrt(h))
