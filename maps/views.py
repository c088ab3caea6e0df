"""Map views. Thin: parse input (the project list's filter, a form), check access, call a selector or service."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedHttpRequest
from core.forms import form_errors_text
from projects.filters import ProjectFilter
from projects.models import Project
from projects.selectors.listing import visible_listings

from .access import get_project_for_location
from .coords import CoordinateSystem
from .forms import LocationForm, PhotoLocationForm
from .models import ProjectLocation
from .selectors import (
    NO_PLAN,
    RED_POINTS,
    YELLOW_POINTS,
    current_boundaries,
    location_of,
    map_features,
    project_photos_with_gps,
)
from .services import location_clear, location_from_photo, location_set


def base_layer_config() -> dict:
    """What every map on a page needs to draw its background (settings.MAP_BASE_LAYER)."""
    return {
        "base_layer": settings.MAP_BASE_LAYER,
        "tianditu_key": settings.TIANDITU_KEY if settings.MAP_BASE_LAYER == "tianditu" else "",
        "boundaries_url": reverse("maps:boundaries"),
    }


def _filtered(request: AuthenticatedHttpRequest) -> tuple[ProjectFilter, int, int]:
    filterset = ProjectFilter(request.GET, queryset=visible_listings(request.user))
    return filterset, filterset.selected_year, filterset.selected_month


@require_GET
def map_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every key project of the year on one map, filtered like the project list."""
    filterset, year, month = _filtered(request)
    query = filterset.effective_query().urlencode()
    config = base_layer_config() | {
        "geojson_url": f"{reverse('maps:projects_geojson')}?{query}",
        "labels": {
            "annual_plan": _("Annual plan"),
            "completed": _("Completed Jan–%(month)s") % {"month": month},
            "completion_rate": _("Completion rate"),
            "vs_time_progress": _("Against time progress (points)"),
            "ten_thousand_yuan": _("10k yuan"),
            "open": _("Open the project"),
            "no_rate": "—",
            "projects": _("projects"),
            "located": _("%(n)s projects on the map"),
            "unlocated": _("%(n)s without a location yet"),
            "approximate": _(
                "The township boundaries are approximate sketches, not administrative boundaries; an administrator can replace them."
            ),
            "failed": _("The map data could not be loaded."),
        },
    }
    return render(
        request,
        "maps/map.html",
        {
            "filter": filterset,
            "year": year,
            "month": month,
            "config": config,
            "list_url": f"{reverse('projects:list')}?{query}",
            "red_points": RED_POINTS,
            "yellow_points": YELLOW_POINTS,
            "no_plan": NO_PLAN,
            "nav_section": "map",
        },
    )


@require_GET
def projects_geojson(request: AuthenticatedHttpRequest) -> JsonResponse:
    """/map/projects.geojson?year=Y&<the list's filters>: the located projects as a FeatureCollection."""
    filterset, year, month = _filtered(request)
    data = map_features(listing=filterset.qs.filter(year=year), year=year, month=month)
    return JsonResponse(data, content_type="application/geo+json", json_dumps_params={"ensure_ascii": False})


@require_GET
def boundaries_geojson(request: AuthenticatedHttpRequest) -> JsonResponse:
    return JsonResponse(
        current_boundaries(), content_type="application/geo+json", json_dumps_params={"ensure_ascii": False}
    )


def location_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Set a project's location by clicking on a map or pasting coordinates, or from a site photo."""
    project = get_project_for_location(request.user, pk)
    location = location_of(project)
    if request.method == "POST":
        form = LocationForm(request.POST)
        if form.is_valid():
            longitude, latitude = form.cleaned_data["coordinates"]
            try:
                location_set(
                    project=project,
                    longitude=longitude,
                    latitude=latitude,
                    crs=form.cleaned_data["crs"],
                    shape=form.cleaned_data["shape"],
                    source=form.cleaned_data["source"],
                    set_by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The project's location was saved."))
                return redirect(f"{reverse('projects:detail', args=[project.pk])}#location")
    else:
        initial: dict[str, str] = {"crs": CoordinateSystem.WGS84}
        if location is not None:
            initial["coordinates"] = f"{location.longitude:.6f},{location.latitude:.6f}"
            initial["shape"] = json.dumps(location.shape) if location.shape else ""
        form = LocationForm(initial=initial)
    photos = project_photos_with_gps(project=project, user=request.user)
    return render(
        request,
        "maps/location.html",
        {
            "project": project,
            "location": location,
            "form": form,
            "photos": photos,
            "config": base_layer_config(),
            "location_data": _location_data(project, location)
            | {
                "photos": [
                    {
                        "point": [float(photo.longitude), float(photo.latitude)],
                        "name": photo.caption or photo.original_name,
                    }
                    for photo in photos
                    if photo.longitude is not None and photo.latitude is not None
                ]
            },
            "nav_section": "projects",
        },
    )


def _location_data(project: Project, location: ProjectLocation | None) -> dict:
    """What the page's map script draws first (passed through json_script)."""
    if location is None:
        return {"name": project.name, "point": None, "shape": None}
    return {"name": project.name, "point": location.point["coordinates"], "shape": location.shape}


@require_POST
def location_from_photo_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_location(request.user, pk)
    form = PhotoLocationForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect("maps:location", pk=project.pk)
    try:
        location_from_photo(project=project, attachment_id=form.cleaned_data["attachment"], set_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("maps:location", pk=project.pk)
    messages.success(request, _("The project's location was set from the photo's position."))
    return redirect(f"{reverse('projects:detail', args=[project.pk])}#location")


@require_POST
def location_clear_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_location(request.user, pk)
    location_clear(project=project, cleared_by=request.user)
    messages.success(request, _("The project's location was removed."))
    return redirect(f"{reverse('projects:detail', args=[project.pk])}#location")
