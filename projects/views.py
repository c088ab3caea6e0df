"""Register views. Thin: parse input, check access, call a selector or service, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import get_project_for_user, visible_projects
from .selectors import available_years, investment_progress, latest_reported_month


def dashboard(request: HttpRequest) -> HttpResponse:
    years = available_years()
    year = years[0] if years else 2024
    month = latest_reported_month(year=year) or 1
    progress = investment_progress(year=year, month=month)
    return render(request, "projects/dashboard.html", {"progress": progress, "nav_section": "dashboard"})


def project_list(request: HttpRequest) -> HttpResponse:
    projects = visible_projects(request.user).select_related("township", "responsible_unit")[:50]
    return render(request, "projects/list.html", {"projects": projects, "nav_section": "projects"})


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk)
    return render(request, "projects/detail.html", {"project": project, "nav_section": "projects"})
