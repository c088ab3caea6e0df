"""The task-force pages. Thin: access check → registry section → selector/service → render.

Generic views serve every registered ledger section (see `taskforces.registry`); custom views of
one ledger live in its package (`taskforces/<slug>/views.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.models import Unit, User
from core.xlsx import xlsx_response
from files.access import get_attachment_for_user
from files.forms import AttachmentForm, attachments_field
from files.selectors import attachments_by_entry
from files.services import attachment_create, attachment_delete

from ..access import (
    can_edit_taskforce,
    can_read_taskforce,
    get_entry_for_user,
    get_taskforce_for_user,
    member_slugs,
    reads_all_ledgers,
)
from ..exports import field_value, ledger_workbook, model_columns, model_field
from ..history import entry_history
from ..registry import LedgerSection, get_section, page_for, section_for_model, sections_for
from . import services
from .forms import LedgerForm
from .models import LedgerEntry
from .selectors import (
    entry_url,
    filtered_entries,
    ledger_page,
    one_reference_date,
    recent_changes,
    show,
    taskforce_overview,
)


def taskforce_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_read_taskforce(request.user, ""):
        raise PermissionDenied
    cards = taskforce_overview(user=request.user)
    return render(
        request,
        "taskforces/index.html",
        {
            "cards": cards,
            "my_slugs": member_slugs(request.user),
            "reporter_unit": _reporter_unit(request.user),
            "nav_section": "taskforces",
        },
    )


def _reporter_unit(user: User) -> Unit | None:
    """The unit whose projects a township or unit reporter is limited to; None for those who read everything."""
    return None if reads_all_ledgers(user) else user.unit


@one_reference_date()  # figures, filters, rows and badges share one "today"
def taskforce_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    taskforce = get_taskforce_for_user(request.user, slug)
    sections = [s for s in sections_for(slug) if s.visible_to(request.user)]
    key = request.GET.get("tab") or (sections[0].key if sections else "")
    section = next((s for s in sections if s.key == key), None)
    if sections and section is None:
        raise Http404
    page = page_for(slug)
    context = {
        "taskforce": taskforce,
        "sections": sections,
        "section": section,
        "can_edit": can_edit_taskforce(request.user, taskforce),
        "reporter_unit": _reporter_unit(request.user),
        "members": taskforce.memberships.select_related("user", "user__unit").order_by("role", "user__full_name"),
        "figures": page.figures(user=request.user, taskforce=taskforce) if page.figures else [],
        "panel_template": page.panel_template,
        "page_context": page.panel_context(request=request, taskforce=taskforce) if page.panel_context else {},
        "nav_section": "taskforces",
    }
    if section is not None:
        rows, page_obj, filterset = ledger_page(
            user=request.user, section=section, data=request.GET, page_number=request.GET.get("page")
        )
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            rows=rows,
            page_obj=page_obj,
            filterset=filterset,
            querystring=query.urlencode(),
            filters_active=sum(1 for name in (filterset.form.fields if filterset else []) if request.GET.get(name)),
            changes=recent_changes(user=request.user, section=section),
        )
    return render(request, "taskforces/detail.html", context)


@one_reference_date()  # figures, filters, rows and badges share one "today"
def entry_export(request: AuthenticatedHttpRequest, slug: str, key: str) -> HttpResponse:
    """The filtered ledger as .xlsx, with the same filters as the page."""
    taskforce = get_taskforce_for_user(request.user, slug)
    section = get_section(slug, key)
    if not section.visible_to(request.user):
        raise Http404
    rows: Iterable[Any]
    if section.listing_only:
        # A summary list (e.g. coverage) exports its rows with its own columns.
        if not (section.rows_for and section.export_columns):
            raise Http404
        rows, _filterset = section.rows_for(user=request.user, data=request.GET)
    else:
        rows, _filterset = filtered_entries(user=request.user, section=section, data=request.GET)
    columns = (
        section.export_columns() if section.export_columns else model_columns(section.model, section.export_fields)
    )
    content = ledger_workbook(title=str(section.title), columns=columns, rows=rows)
    return xlsx_response(content, f"{taskforce.name}_{section.title}")


def _entry_form(
    request: AuthenticatedHttpRequest, form_class: type[LedgerForm], section: LedgerSection, *, instance: Model | None
) -> LedgerForm:
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    initial = {}
    if instance is None and request.method == "GET":
        # Links like ?project=12 preselect a field (e.g. "new approval item for this project").
        initial = {k: v for k, v in request.GET.items() if k in form_class.base_fields}
    form = form_class(data, files, instance=instance, initial=initial, user=request.user)
    if section.attachment_kinds and instance is None:
        form.fields["uploads"] = attachments_field(section.attachment_kinds)
    return form


def entry_create(request: AuthenticatedHttpRequest, slug: str, key: str) -> HttpResponse:
    return _entry_form_page(request, slug, key, pk=None)


def entry_edit(request: AuthenticatedHttpRequest, slug: str, key: str, pk: int) -> HttpResponse:
    return _entry_form_page(request, slug, key, pk=pk)


def _entry_form_page(request: AuthenticatedHttpRequest, slug: str, key: str, *, pk: int | None) -> HttpResponse:
    """A new entry (403 to readers of the ledger) or an edit (404 unless the entry is readable, then 403 to readers)."""
    taskforce = get_taskforce_for_user(request.user, slug, write=pk is None)
    section = get_section(slug, key)
    if section.form_class is None:
        raise Http404
    entry = None if pk is None else get_entry_for_user(request.user, section.model, pk, write=True)
    form = _entry_form(request, section.form_class, section, instance=entry)
    if request.method == "POST" and form.is_valid():
        saved: LedgerEntry
        if entry is None:
            saved = services.entry_create(
                model=section.model,
                values=form.values(),
                user=request.user,
                uploads=form.cleaned_data.get("uploads") or [],
            )
        else:
            saved = services.entry_update(entry=entry, values=form.values(), user=request.user)
        messages.success(request, _("Saved."))
        return redirect(entry_url(section, saved))
    return render(
        request,
        "taskforces/entry_form.html",
        {"taskforce": taskforce, "section": section, "form": form, "entry": entry, "nav_section": "taskforces"},
    )


def _detail_fields(section: LedgerSection, entry: LedgerEntry) -> list[tuple[str, str, str]]:
    """(label, value as shown, field name) of the fields the entry page lists."""
    names = section.detail_fields or (list(section.form_class.base_fields) if section.form_class else [])
    return [(str(model_field(type(entry), name).verbose_name), show(field_value(entry, name)), name) for name in names]


@one_reference_date()  # figures, filters, rows and badges share one "today"
def entry_detail(request: AuthenticatedHttpRequest, slug: str, key: str, pk: int) -> HttpResponse:
    taskforce = get_taskforce_for_user(request.user, slug)
    section = get_section(slug, key)
    if section.listing_only:
        raise Http404
    entry = get_entry_for_user(request.user, section.model, pk, qs=section.get_queryset())
    can_edit = can_edit_taskforce(request.user, taskforce)
    context = {
        "taskforce": taskforce,
        "section": section,
        "entry": entry,
        "fields": _detail_fields(section, entry),
        "row_class": section.row_class(entry) if section.row_class else "",
        "can_edit": can_edit,
        "attachments": attachments_by_entry([entry]).get(entry.pk, []) if section.attachment_kinds else [],
        "attachment_form": AttachmentForm(kinds=section.attachment_kinds)
        if can_edit and section.attachment_kinds
        else None,
        "history": entry_history(entry, with_attachments=bool(section.attachment_kinds)),
        "nav_section": "taskforces",
    }
    if section.detail_context:
        context.update(section.detail_context(request=request, entry=entry))
    return render(request, section.detail_template or "taskforces/entry_detail.html", context)


@require_POST
def attachment_upload(request: AuthenticatedHttpRequest, slug: str, key: str, pk: int) -> HttpResponse:
    """Members add files to an entry: 404 unless the entry is readable, then 403 to readers (as editing)."""
    get_taskforce_for_user(request.user, slug)
    section = get_section(slug, key)
    if not section.attachment_kinds:
        raise Http404
    entry = get_entry_for_user(request.user, section.model, pk, write=True)
    form = AttachmentForm(request.POST, request.FILES, kinds=section.attachment_kinds)
    if form.is_valid():
        for cleaned in form.cleaned_data["files"]:
            attachment_create(
                entry=entry, cleaned=cleaned, uploaded_by=request.user, caption=form.cleaned_data["caption"]
            )
        messages.success(request, _("Files added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(entry_url(section, entry) + "#attachments")


@require_POST
def attachment_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    attachment = get_attachment_for_user(request.user, pk, write=True)
    entry = attachment.entry
    attachment_delete(attachment=attachment, user=request.user)
    messages.success(request, _("File removed."))
    section = section_for_model(type(entry)) if entry is not None else None
    if section is None or entry is None:
        return redirect(reverse("taskforces:index"))
    return redirect(entry_url(section, entry) + "#attachments")
