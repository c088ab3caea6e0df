"""Bulletin views. Thin: check access, call one selector or service, render or redirect.

Publishing takes three clicks from the index: the month → 发布 (publish) → 确认发布 (confirm);
the version page that follows offers the .docx to forward.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from accounts.http import AuthenticatedHttpRequest
from core.xlsx import xlsx_response
from projects.selectors.periods import available_years, latest_reported_month

from . import access
from .diff import figures_diff
from .documents import DocumentMeta, document_context, version_meta
from .forms import BulletinSettingsForm, PublishForm, YearForm
from .meeting import progress_meetings
from .models import BulletinSettings
from .schema import BulletinFigures
from .selectors import bulletin_versions, next_doc_sequence, published_versions
from .services import bulletin_draft, bulletin_publish, bulletin_settings_save, render_docx, render_xlsx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _month(month: int) -> int:
    if not 1 <= month <= 12:
        raise Http404
    return month


def file_stem(year: int, month: int, version: int | None = None) -> str:
    name = _("Key projects bulletin %(year)s-%(month)s") % {"year": year, "month": month}
    if version:
        name += _(" (version %(n)s)") % {"n": version}
    return name


def file_name(year: int, month: int, ext: str, version: int | None = None) -> str:
    return f"{file_stem(year, month, version)}.{ext}"


def _with_disposition(response: HttpResponse, *, as_attachment: bool, filename: str) -> HttpResponse:
    disposition = content_disposition_header(as_attachment=as_attachment, filename=filename)
    if disposition:  # None only without a file name to give
        response["Content-Disposition"] = disposition
    return response


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return _with_disposition(HttpResponse(content, content_type=content_type), as_attachment=True, filename=filename)


def _xlsx(content: bytes, year: int, month: int, version: int | None = None) -> HttpResponse:
    return xlsx_response(content, file_stem(year, month, version), dated=False)


def _json(figures: Mapping[str, object], filename: str) -> HttpResponse:
    body = json.dumps(figures, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    return _with_disposition(response, as_attachment=False, filename=filename)


# --- index and settings ------------------------------------------------------------------------


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_reader(request.user)
    form = YearForm(request.GET)
    years = available_years()
    year = (form.cleaned_data.get("year") if form.is_valid() else None) or (
        years[0] if years else timezone.localdate().year
    )
    published = published_versions(year=year)
    drafts = access.can_read_drafts(request.user)
    last = latest_reported_month(year=year) if drafts else None
    meetings = progress_meetings(year=year) if drafts else {}
    months = [
        {"month": m, "version": published.get(m), "has_progress": bool(last and m <= last), "meeting": meetings.get(m)}
        for m in range(12, 0, -1)
        if drafts or m in published
    ]
    return render(
        request,
        "bulletins/index.html",
        {
            "year": year,
            "years": sorted(set(years) | {year}, reverse=True),
            "months": months,
            "can_read_drafts": drafts,
            "can_publish": access.can_publish(request.user),
            "nav_section": "bulletins",
        },
    )


def settings_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_publisher(request.user)
    form = BulletinSettingsForm(request.POST or None, instance=BulletinSettings.load())
    if request.method == "POST" and form.is_valid():
        bulletin_settings_save(instance=form.save(commit=False))
        messages.success(request, _("Bulletin settings saved. They apply to bulletins published from now on."))
        return redirect("bulletins:index")
    return render(request, "bulletins/settings.html", {"form": form, "nav_section": "bulletins"})


# --- the live month (preview) ------------------------------------------------------------------


def month_view(request: AuthenticatedHttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_draft_reader(request.user)
    draft = bulletin_draft(year=year, month=month)
    versions = bulletin_versions(year=year, month=month)
    latest = versions[-1] if versions else None
    changes = figures_diff(latest.figures, draft.figures) if latest else []
    return render(
        request,
        "bulletins/month.html",
        {
            "year": year,
            "month": month,
            "doc": document_context(draft.figures, draft.meta),
            "versions": versions,
            "latest": latest,
            "changes": changes,
            "can_publish": access.can_publish(request.user),
            "nav_section": "bulletins",
        },
    )


def month_print(request: AuthenticatedHttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_draft_reader(request.user)
    draft = bulletin_draft(year=year, month=month)
    return render(request, "bulletins/print.html", document_context(draft.figures, draft.meta))


def month_docx(request: AuthenticatedHttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_draft_reader(request.user)
    draft = bulletin_draft(year=year, month=month)
    return _download(render_docx(draft.figures, draft.meta), DOCX, file_name(year, month, "docx"))


def month_xlsx(request: AuthenticatedHttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_draft_reader(request.user)
    draft = bulletin_draft(year=year, month=month)
    return _xlsx(render_xlsx(draft.figures, draft.meta), year, month)


def month_json(request: AuthenticatedHttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_draft_reader(request.user)
    return _json(bulletin_draft(year=year, month=month).figures, file_name(year, month, "json"))


def publish(request: AuthenticatedHttpRequest, year: int, month: int) -> HttpResponse:
    _month(month)
    access.require_publisher(request.user)
    versions = bulletin_versions(year=year, month=month)
    latest = versions[-1] if versions else None
    form = PublishForm(
        request.POST or None, reissue=latest is not None, initial={"doc_sequence": next_doc_sequence(year=year)}
    )
    if request.method == "POST" and form.is_valid():
        version = bulletin_publish(
            year=year,
            month=month,
            published_by=request.user,
            doc_sequence=form.cleaned_data["doc_sequence"],
            issued_on=form.cleaned_data["issued_on"],
            note=form.cleaned_data.get("note", ""),
        )
        messages.success(
            request,
            _("Published %(doc_number)s (version %(n)s). Download the Word document below and forward it as it is.")
            % {"doc_number": version.doc_number, "n": version.number},
        )
        return redirect("bulletins:version", year=year, month=month, number=version.number)
    draft = bulletin_draft(year=year, month=month)
    return render(
        request,
        "bulletins/publish.html",
        {
            "year": year,
            "month": month,
            "form": form,
            "draft": draft,
            "latest": latest,
            "changes": figures_diff(latest.figures, draft.figures) if latest else [],
            "nav_section": "bulletins",
        },
    )


# --- published versions ------------------------------------------------------------------------


def version_view(request: AuthenticatedHttpRequest, year: int, month: int, number: int) -> HttpResponse:
    version = access.get_version_for_user(request.user, year, month, number)
    versions = bulletin_versions(year=year, month=month)
    return render(
        request,
        "bulletins/version.html",
        {
            "year": year,
            "month": month,
            "version": version,
            "versions": versions,
            "is_latest": version.number == versions[-1].number,
            "doc": document_context(version.figures, version_meta(version)),
            "can_read_drafts": access.can_read_drafts(request.user),
            "can_publish": access.can_publish(request.user),
            "nav_section": "bulletins",
        },
    )


def version_print(request: AuthenticatedHttpRequest, year: int, month: int, number: int) -> HttpResponse:
    version = access.get_version_for_user(request.user, year, month, number)
    return render(request, "bulletins/print.html", document_context(version.figures, version_meta(version)))


def version_docx(request: AuthenticatedHttpRequest, year: int, month: int, number: int) -> HttpResponse:
    """The Word document exactly as published (stored bytes, not re-rendered)."""
    version = access.get_version_for_user(request.user, year, month, number, with_docx=True)
    return _download(bytes(version.docx), DOCX, file_name(year, month, "docx", number))


def version_xlsx(request: AuthenticatedHttpRequest, year: int, month: int, number: int) -> HttpResponse:
    version = access.get_version_for_user(request.user, year, month, number)
    return _xlsx(render_xlsx(version.figures, version_meta(version)), year, month, number)


def version_json(request: AuthenticatedHttpRequest, year: int, month: int, number: int) -> HttpResponse:
    version = access.get_version_for_user(request.user, year, month, number)
    return _json(version.figures, file_name(year, month, "json", number))


def render_print_html(figures: BulletinFigures, meta: DocumentMeta) -> str:
    """The standalone print page (used by the management command)."""
    return render_to_string("bulletins/print.html", document_context(figures, meta))
