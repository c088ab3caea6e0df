"""The progress-meeting pack: a page (printable) and a .docx, by month or for a meeting occurrence."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import access
from .meeting import MEETING_LEVEL, meeting_occurrence_model, meeting_pack, occurrence_month
from .meeting_docx import meeting_docx as render_meeting_docx
from .models import BulletinSettings
from .views import DOCX, _download, _month


def _pack_context(request: HttpRequest, year: int, month: int, occurrence=None) -> dict:
    level = (getattr(getattr(occurrence, "duty", None), "problem_level", "") or MEETING_LEVEL) if occurrence else MEETING_LEVEL
    pack = meeting_pack(year=year, month=month, level=level, occurrence=occurrence)
    return {"pack": pack, "year": year, "month": month, "nav_section": "bulletins"}


def meeting(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_draft_reader(request.user)
    return render(request, "bulletins/meeting.html", _pack_context(request, year, month))


def meeting_print(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_draft_reader(request.user)
    return render(request, "bulletins/meeting_print.html", _pack_context(request, year, month))


def meeting_docx(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_draft_reader(request.user)
    pack = meeting_pack(year=year, month=month)
    content = render_meeting_docx(pack, issuer=BulletinSettings.load().issuer)
    name = _("Progress meeting pack %(year)s-%(month)s") % {"year": year, "month": month}
    return _download(content, DOCX, f"{name}.docx")


def meeting_for_occurrence(request: HttpRequest, pk: int) -> HttpResponse:
    """The pack for one meeting occurrence of the scheduling cycles: its month, its problem level."""
    access.require_draft_reader(request.user)
    model = meeting_occurrence_model()
    if model is None:
        raise Http404
    occurrence = model.objects.select_related("duty").filter(pk=pk).first()
    if occurrence is None:
        raise Http404
    year, month = occurrence_month(occurrence)
    return render(request, "bulletins/meeting.html", _pack_context(request, year, month, occurrence))
