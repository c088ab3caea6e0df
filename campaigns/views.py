from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Campaign


def campaign_index(request: HttpRequest) -> HttpResponse:
    return render(request, "campaigns/index.html", {"campaigns": Campaign.objects.select_related("lead_unit"), "nav_section": "campaigns"})


def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("lead_unit"), slug=slug)
    return render(request, "campaigns/detail.html", {"campaign": campaign, "nav_section": "campaigns"})
