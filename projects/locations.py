"""Where projects are, for the apps that cannot import the map (maps sits beside them in the layers).

The map app registers one provider at start-up (`AppConfig.ready`); callers ask for many projects at once
and get GeoJSON geometries (WGS-84) by project id: the point first, then a line or area if there is one.
Without a provider every project is without a location.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

# project ids -> {project id: [GeoJSON geometry, ...]}, in a fixed number of queries
LocationProvider = Callable[[Iterable[int]], dict[int, list[dict[str, Any]]]]

_providers: list[LocationProvider] = []


def register_location_provider(provider: LocationProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def project_geometries(project_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    ids = list(project_ids)
    result: dict[int, list[dict[str, Any]]] = {}
    for provider in _providers:
        for pk, geometries in provider(ids).items():
            result.setdefault(pk, []).extend(geometries)
    return result
