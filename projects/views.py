"""Register views. Thin: parse input, check access, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest

from .access import can_manage_register, can_report_progress, get_project_for_progress, get_project_for_user
from .filters import ProjectFilter
from .forms import ProgressForm
from .models import Project
from .panels import project_panels
from .selectors.figures import investment_progress
from .selectors.listing import project_list_rows, visible_listings
from .selectors.project import project_history, project_months
from .services import progress_record

PAGE_SIZE = 50


# --- the project list -------------------------------------------------------------------------------


def project_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One year's key list, filtered, with the totals of the whole filtered set. Fixed query count."""
    filterset = ProjectFilter(request.GET, queryset=visible_listings(request.user))
    year, month = filterset.selected_year, filterset.selected_month
    listing = filterset.qs.filter(year=year)
    totals = investment_progress(year=year, month=month, listing=listing)
    rows = project_list_rows(listing=listing, year=year, month=month, sort=filterset.selected_sort)
    paginator = Paginator(rows, PAGE_SIZE)
    # The totals already counted the filtered set: spare the paginator its own COUNT over the subqueries.
    paginator.__dict__["count"] = totals.total.count
    page = paginator.get_page(request.GET.get("page"))
    query = filterset.effective_query()
    return render(
        request,
        "projects/list.html",
        {
            "filter": filterset,
            "page": page,
            "totals": totals,
            "year": year,
            "month": month,
            "query": query.urlencode(),
            "export_url": f"{reverse('projects:export')}?{query.urlencode()}",
            "oc4ids_url": f"{reverse('opendata:oc4ids')}?{query.urlencode()}",
            "import_url": reverse("projects:import") if can_manage_register(request.user) else None,
            "nav_section": "projects",
        },
    )


# --- one project ------------------------------------------------------------------------------------


def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk)
    return _render_detail(request, project)


@require_POST
def progress_entry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Create or correct one month's progress: administrators and HQ for any project, reporters for
    their own unit's. 404 for a project the user cannot see, 403 for one they may only read."""
    project = get_project_for_progress(request.user, pk)
    form = ProgressForm(request.POST, years=_listed_years(project))
    if not form.is_valid():
        return _render_detail(request, project, form=form, year=_int(request.POST.get("year")))
    data = form.cleaned_data
    _record, created = progress_record(
        project=project,
        year=data["year"],
        month=data["month"],
        completed=data["completed"],
        physical_progress=data["physical_progress"],
        problems=data["problems"],
        reported_by=request.user,
    )
    text = (
        _("Progress for %(year)s, month %(month)s recorded.")
        if created
        else _("Progress for %(year)s, month %(month)s updated.")
    )
    messages.success(request, text % {"year": data["year"], "month": data["month"]})
    return redirect(f"{reverse('projects:detail', args=[project.pk])}?year={data['year']}#months")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _listed_years(project: Project) -> list[int]:
    years = sorted({listing.year for listing in project.years.all()}, reverse=True)
    return years or [timezone.localdate().year]


def _render_detail(
    request: AuthenticatedHttpRequest, project: Project, *, form: ProgressForm | None = None, year: int | None = None
) -> HttpResponse:
    listings = sorted(project.years.all(), key=lambda listing: listing.year, reverse=True)
    years = [listing.year for listing in listings] or [timezone.localdate().year]
    year = year if year in years else _int(request.GET.get("year"))
    if year not in years:
        year = years[0]
    listing = next((item for item in listings if item.year == year), None)
    months = project_months(project=project, year=year, annual_plan=listing.annual_plan if listing else None)
    can_report = can_report_progress(request.user, project)
    if can_report and form is None:
        form = ProgressForm(years=years, initial=_progress_initial(request, year, months))
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "listings": listings,
            "listing": listing,
            "year": year,
            "months": months,
            "reported_months": [m for m in months if m.record is not None],
            "form": form if can_report else None,
            "can_report": can_report,
            "can_manage": can_manage_register(request.user),
            "history": project_history(project=project),
            "panels": project_panels(),
            "nav_section": "projects",
        },
    )


def _progress_initial(request: AuthenticatedHttpRequest, year: int, months: list) -> dict:
    """Pre-fill the form: the month asked for (?month=), else the month after the last one reported
    (never a month that has not begun)."""
    today = timezone.localdate()
    last_open = today.month if year == today.year else 12 if year < today.year else 1
    month = _int(request.GET.get("month"))
    if month is None or not 1 <= month <= 12:
        reported = [m.month for m in months if m.record is not None]
        month = min(reported[-1] + 1, last_open) if reported else last_open
    initial: dict = {"year": year, "month": month}
    record = months[month - 1].record
    if record is not None:
        initial.update(
            completed=record.completed, physical_progress=record.physical_progress, problems=record.problems
        )
    return initial
