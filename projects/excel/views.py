"""Excel import and export pages. Thin: form → access check → one service call → render/redirect.

Flow: upload (projects:import / projects:progress_import) stores the file in an ImportBatch and shows
its preview (projects:import_preview); confirm (POST) applies exactly what was previewed, in one
transaction; discard (POST) drops it. Only administrators and the HQ office import.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import user_roles
from accounts.http import AuthenticatedHttpRequest
from core.xlsx import xlsx_response

from ..access import can_manage_register, get_import_batch_for_user
from ..filters import ProjectFilter
from ..models import ImportBatch, ImportKind, ImportStatus, Tier
from ..selectors.listing import visible_listings
from ..selectors.periods import available_years, default_month
from .apply import ImportOutdatedError, ImportRejectedError
from .batches import BatchNotPendingError, import_batch_confirm, import_batch_create, import_batch_discard
from .exports import progress_template, project_list_template, project_list_workbook
from .forms import ProgressImportForm, ProgressTemplateForm, ProjectImportForm
from .reader import ImportFileError


def _require_manager(request: AuthenticatedHttpRequest) -> None:
    if not can_manage_register(request.user):
        raise PermissionDenied


def _default_year() -> int:
    years = available_years()
    return years[0] if years else timezone.localdate().year


def _recent(kind: str) -> list[ImportBatch]:
    return list(ImportBatch.objects.filter(kind=kind).select_related("uploaded_by")[:10])


def _keep_upload(
    request: AuthenticatedHttpRequest, form: ProjectImportForm | ProgressImportForm, *, kind: str
) -> HttpResponse | None:
    """A valid upload is kept and its preview opened; None (the form shows why) when it is refused."""
    if request.method != "POST" or not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        batch = import_batch_create(
            upload=data["file"],
            original_name=data["file"].name,
            kind=kind,
            year=data["year"],
            month=data.get("month"),
            create_units=data.get("create_units", False),
            uploaded_by=request.user,
        )
    except ImportFileError as exc:
        form.add_error("file", exc.message)
        return None
    return redirect("projects:import_preview", pk=batch.pk)


def project_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a key-project list; a good upload goes straight to its preview."""
    _require_manager(request)
    form = ProjectImportForm(request.POST or None, request.FILES or None, default_year=_default_year())
    kept = _keep_upload(request, form, kind=ImportKind.PROJECTS)
    if kept is not None:
        return kept
    return render(
        request,
        "projects/import_upload.html",
        {"form": form, "kind": ImportKind.PROJECTS, "recent": _recent(ImportKind.PROJECTS), "nav_section": "projects"},
    )


def progress_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a month's progress of many projects."""
    _require_manager(request)
    year = _default_year()
    month = default_month(year=year)
    form = ProgressImportForm(request.POST or None, request.FILES or None, default_year=year, default_month=month)
    kept = _keep_upload(request, form, kind=ImportKind.PROGRESS)
    if kept is not None:
        return kept
    return render(
        request,
        "projects/import_upload.html",
        {
            "form": form,
            "template_form": ProgressTemplateForm(initial={"year": year, "month": month}),
            "kind": ImportKind.PROGRESS,
            "recent": _recent(ImportKind.PROGRESS),
            "nav_section": "projects",
        },
    )


def import_preview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """What confirming would create, update and leave unchanged, and every problem."""
    batch = get_import_batch_for_user(request.user, pk)
    summary = batch.summary or {}
    items = summary.get("items", [])
    tiers = [
        {"tier": tier, "label": tier.label, **summary.get("tiers", {}).get(tier.value, {})}
        for tier in Tier
        if summary.get("tiers", {}).get(tier.value, {}).get("count")
    ]
    context = {
        "batch": batch,
        "summary": summary,
        "tiers": tiers,
        "created": [i for i in items if i["action"] == "create"],
        "updated": [i for i in items if i["action"] == "update"],
        "unchanged": [i for i in items if i["action"] == "unchanged"],
        "can_confirm": batch.status == ImportStatus.PREVIEWED and not summary.get("errors"),
        "is_pending": batch.status == ImportStatus.PREVIEWED,
        "nav_section": "projects",
    }
    return render(request, "projects/import_preview.html", context)


@require_POST
def import_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    batch = get_import_batch_for_user(request.user, pk, write=True)
    try:
        plan = import_batch_confirm(batch=batch, user=request.user)
    except BatchNotPendingError:
        messages.warning(request, _("This file was already imported or discarded."))
    except ImportRejectedError:
        messages.error(request, _("The file has errors: nothing was imported. Correct the file and upload it again."))
    except ImportOutdatedError:
        messages.warning(
            request,
            _(
                "The register changed after this preview was made. The preview has been refreshed: check it and confirm again."
            ),
        )
    else:
        messages.success(
            request,
            _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": plan.count("create"), "updated": plan.count("update"), "unchanged": plan.count("unchanged")},
        )
    return redirect("projects:import_preview", pk=batch.pk)


@require_POST
def import_discard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    batch = get_import_batch_for_user(request.user, pk, write=True)
    try:
        import_batch_discard(batch=batch, user=request.user)
    except BatchNotPendingError:
        messages.warning(request, _("This file was already imported or discarded."))
        return redirect("projects:import_preview", pk=batch.pk)
    messages.info(request, _("The upload was discarded; nothing was imported."))
    return redirect("projects:progress_import" if batch.kind == ImportKind.PROGRESS else "projects:import")


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    """A download named as the catalogue has it (with its .xlsx); the county's file names carry no date."""
    return xlsx_response(data, filename.removesuffix(".xlsx"), dated=False)


def _require_role(request: AuthenticatedHttpRequest) -> None:
    if not user_roles(request.user):
        raise PermissionDenied


def project_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The blank county-format list for a year (?year=2025), with a sheet of instructions."""
    _require_role(request)
    try:
        year = int(request.GET.get("year") or _default_year())
    except ValueError:
        year = _default_year()
    return _xlsx(project_list_template(year=year), _("%(year)s key projects (template).xlsx") % {"year": year})


def progress_form(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The month's progress form, prefilled with the year's projects the user may see."""
    _require_role(request)
    form = ProgressTemplateForm(request.GET or None)
    if form.is_valid():
        year, month = form.cleaned_data["year"], form.cleaned_data["month"]
    else:
        year = _default_year()
        month = default_month(year=year)
    listings = visible_listings(request.user).filter(year=year).select_related("project")
    return _xlsx(
        progress_template(listings=listings, year=year, month=month),
        _("%(year)s month %(month)s progress.xlsx") % {"year": year, "month": month},
    )


def project_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The filtered project list (the list page's filter parameters) as a county-format .xlsx."""
    _require_role(request)
    listing = visible_listings(request.user).select_related("project__township", "project__responsible_unit")
    filterset = ProjectFilter(request.GET, queryset=listing)
    year = filterset.selected_year
    rows = filterset.qs.filter(year=year) if filterset.is_valid() else listing.filter(year=year)
    return _xlsx(project_list_workbook(listings=rows, year=year), _("%(year)s key projects.xlsx") % {"year": year})
