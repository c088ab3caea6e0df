"""The progress-meeting pack: a page (printable) and a .docx, by month or for a meeting occurrence."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.http import AuthenticatedHttpRequest
from accounts.models import User
from cycles.access import get_occurrence_for_user
from cycles.models import Occurrence
from cycles.seeding import PROGRESS_MEETING_DUTY

from . import access
from .meeting import MEETING_LEVEL, meeting_pack, occurrence_month, progress_meetings
from .meeting_docx import meeting_docx as render_meeting_docx
from .models import BulletinSettings
from .views import DOCX, _download, _month


def _pack(year: int, month: int, occurrence: Occurrence | None = None) -> dict[str, Any]:
    """The pack of the month, or of a meeting occurrence (its month, its duty's problem level)."""
    if occurrence is None:
        occurrence = progress_meetings(year=year).get(month)
    level = (occurrence.duty.problem_level or MEETING_LEVEL) if occurrence is not None else MEETING_LEVEL
    return meeting_pack(year=year, month=month, level=level, occurrence=occurrence)


def _pack_context(year: int, month: int, occurrence: Occurrence | None = None) -> dict[str, Any]:
    return {"pack": _pack(year, month, occurrence), "year": year, "month": month, "nav_section": "bulletins"}


def _get_occurrence(user: User, pk: int) -> Occurrence:
    """The progress meeting's occurrence, if the user may see it (cycles' access rule). Only the monthly
    progress meeting has a pack: another duty's occurrence would get a title that is not its own."""
    occurrence = get_occurrence_for_user(user, pk)
    if occurrence.duty.code != PROGRESS_MEETING_DUTY:
        raise Http404
    return occurrence


def meeting(request: AuthenticatedHttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_draft_reader(request.user)
    return render(request, "bulletins/meeting.html", _pack_context(year, month))


def meeting_print(request: AuthenticatedHttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_draft_reader(request.user)
    return render(request, "bulletins/meeting_print.html", _pack_context(year, month))


def _docx_response(pack: dict[str, Any]) -> HttpResponse:
    content = render_meeting_docx(pack, issuer=BulletinSettings.load().issuer)
    name = _("Progress meeting pack %(year)s-%(month)s") % {"year": pack["year"], "month": pack["month"]}
    return _download(content, DOCX, f"{name}.docx")


def meeting_docx(request: AuthenticatedHttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_draft_reader(request.user)
    return _docx_response(_pack(year, month))


def meeting_for_occurrence(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The pack for one meeting occurrence of the scheduling cycles: its month, its problem level."""
    access.require_draft_reader(request.user)
    occurrence = _get_occurrence(request.user, pk)
    year, month = occurrence_month(occurrence)
    return render(request, "bulletins/meeting.html", _pack_context(year, month, occurrence))


def meeting_occurrence_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access.require_draft_reader(request.user)
    occurrence = _get_occurrence(request.user, pk)
    year, month = occurrence_month(occurrence)
    return _docx_response(_pack(year, month, occurrence))
