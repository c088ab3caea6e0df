"""The map's pieces on other pages: the project page's location panel, the dashboard's small map.

`{% project_location_panel project %}` shows the project's point on a small map with a link to set it;
`{% dashboard_map year month %}` shows the year's projects on a small map with a link to /map/.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from projects.models import Project

from ..access import can_set_location
from ..selectors import location_of
from ..views import base_layer_config

register = template.Library()


@register.inclusion_tag("maps/includes/project_location_panel.html", takes_context=True)
def project_location_panel(context: template.Context, project: Project) -> dict[str, Any]:
    """One query (the location)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    location = location_of(project)
    return {
        "project": project,
        "location": location,
        "location_data": {
            "name": project.name,
            "point": location.point["coordinates"] if location else None,
            "shape": location.shape if location else None,
        },
        "config": base_layer_config(),
        "can_edit": user is not None and user.is_authenticated and can_set_location(user, project),
        "map_url": reverse("maps:map"),
    }


@register.inclusion_tag("maps/includes/dashboard_map_panel.html")
def dashboard_map(year: int, month: int) -> dict[str, Any]:
    """No query here: the small map fetches /map/projects.geojson for the year and month."""
    query = f"year={year}&month={month}"
    return {
        "year": year,
        "month": month,
        "config": base_layer_config() | {"geojson_url": f"{reverse('maps:projects_geojson')}?{query}"},
        "map_url": f"{reverse('maps:map')}?{query}",
    }
