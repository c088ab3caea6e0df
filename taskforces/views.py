from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import TaskForce


def taskforce_index(request: HttpRequest) -> HttpResponse:
    return render(request, "taskforces/index.html", {"taskforces": TaskForce.objects.select_related("lead_unit"), "nav_section": "taskforces"})


def taskforce_detail(request: HttpRequest, slug: str) -> HttpResponse:
    taskforce = get_object_or_404(TaskForce.objects.select_related("lead_unit"), slug=slug)
    return render(request, "taskforces/detail.html", {"taskforce": taskforce, "nav_section": "taskforces"})
