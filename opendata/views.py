"""The open-data download: the year's key list (with the project list's filters) as an OC4IDS package."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from projects.filters import ProjectFilter
from projects.selectors.listing import visible_listings

from .oc4ids import oc4ids_package


@require_GET
def oc4ids_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    """/opendata/oc4ids.json?year=Y&<the list's filters>: the listed projects the user may read. An OC4IDS
    package holds at least one project, so an empty selection answers 404."""
    filterset = ProjectFilter(request.GET, queryset=visible_listings(request.user))
    year, month = filterset.selected_year, filterset.selected_month
    query = filterset.effective_query().urlencode()
    uri = f"{settings.SITE_URL.rstrip('/')}{reverse('opendata:oc4ids')}?{query}"
    package = oc4ids_package(listing=filterset.qs.filter(year=year), year=year, month=month, uri=uri)
    if not package["projects"]:
        raise Http404(_("No project matches the filters."))
    response = HttpResponse(
        json.dumps(package, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="oc4ids-{year}.json"'
    return response
