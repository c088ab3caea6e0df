"""Campaign views. Thin: read the period or the form, check access, call one selector or service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.http import AuthenticatedHttpRequest
from accounts.models import Campaign, Unit
from core.xlsx import xlsx_response

from . import selectors, services
from .access import campaign_viewer, get_campaign_for_user, get_record_for_user, require_editor
from .exports import campaign_workbook
from .forms import (
    CampaignYearForm,
    FlowchartForm,
    IndicatorForm,
    PeriodForm,
    PipelineApprovalForm,
    PipelineStartForm,
    PublishForm,
    UnitTargetForm,
)
from .models import ApprovalFlowchart, CampaignYear, Indicator, PipelineProject, RankingPublication
from .records import get_kind, record_fields


def _period(request: AuthenticatedHttpRequest) -> tuple[int, int]:
    form = PeriodForm(request.GET)
    default_year, default_month = selectors.default_period()
    if not form.is_valid():
        return default_year, default_month
    year = form.cleaned_data["year"] or default_year
    month = form.cleaned_data["month"] or (default_month if year == default_year else 12)
    return year, month


def _period_context(year: int, month: int) -> dict[str, Any]:
    years = selectors.available_years() or [year]
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    return {"year": year, "month": month, "years": years, "months": range(1, 13)}


def campaign_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    viewer = campaign_viewer(request.user)
    year, month = _period(request)
    rows = selectors.campaign_index(year=year, month=month, viewer=viewer)
    return render(
        request,
        "campaigns/index.html",
        {
            "rows": rows,
            "viewer": viewer,
            "nav_section": "campaigns",
            **_period_context(year, month),
            "config": selectors.campaign_year_settings(year=year),
        },
    )


def campaign_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    campaign, viewer = get_campaign_for_user(request.user, slug)
    year, month = _period(request)
    page = selectors.campaign_page(campaign=campaign, year=year, month=month, viewer=viewer, params=request.GET)
    return render(
        request,
        f"campaigns/{campaign.slug}.html",
        {
            **page,
            **_period_context(year, month),
            "viewer": viewer,
            "nav_section": "campaigns",
        },
    )


def campaign_export(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    campaign, viewer = get_campaign_for_user(request.user, slug)
    year, month = _period(request)
    page = selectors.campaign_page(campaign=campaign, year=year, month=month, viewer=viewer)
    return xlsx_response(campaign_workbook(page), f"{campaign.name}-{year}-{month:02d}", dated=False)


def _get_indicator(pk: int) -> Indicator:
    indicator = (
        Indicator.objects.select_related("campaign")
        .prefetch_related("unit_targets__unit", "scoring_items")
        .filter(pk=pk)
        .first()
    )
    if indicator is None:
        raise Http404
    return indicator


def indicator_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The figures of one indicator and the records they were computed from (?unit=<id>: one unit)."""
    viewer = campaign_viewer(request.user)
    indicator = _get_indicator(pk)
    _year, month = _period(request)
    unit = None
    unit_id = request.GET.get("unit") or (None if viewer.all_units else viewer.unit_id)
    if unit_id:
        try:
            unit = Unit.objects.get(pk=int(unit_id))
        except (ValueError, Unit.DoesNotExist):
            raise Http404 from None
    if not viewer.sees_unit(unit.pk if unit else None):
        raise Http404
    data = selectors.indicator_drilldown(
        indicator=indicator, year=indicator.year, month=month, viewer=viewer, unit=unit
    )
    return render(
        request,
        "campaigns/indicator_detail.html",
        {
            **data,
            "viewer": viewer,
            "nav_section": "campaigns",
            "campaign": indicator.campaign,
            "unit": unit,
            "unit_target_form": UnitTargetForm() if viewer.can_edit else None,
        },
    )


def indicator_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    require_editor(request.user)
    campaign = Campaign.objects.filter(slug=slug).first()
    if campaign is None:
        raise Http404
    year, _month = _period(request)
    form = IndicatorForm(request.POST or None, campaign=campaign, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        indicator = services.indicator_save(
            indicator=None, campaign=campaign, points=form.points(), **form.indicator_values()
        )
        messages.success(request, _("Indicator saved."))
        return redirect(f"{reverse('campaigns:detail', args=[slug])}?year={indicator.year}")
    return render(
        request,
        "campaigns/form.html",
        {
            "form": form,
            "title": _("New indicator: %(campaign)s") % {"campaign": campaign.name},
            "nav_section": "campaigns",
            "back": reverse("campaigns:detail", args=[slug]),
        },
    )


def indicator_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_editor(request.user)
    indicator = _get_indicator(pk)
    form = IndicatorForm(request.POST or None, instance=indicator, campaign=indicator.campaign)
    if request.method == "POST" and form.is_valid():
        services.indicator_save(
            indicator=indicator, campaign=indicator.campaign, points=form.points(), **form.indicator_values()
        )
        messages.success(request, _("Indicator saved. The figures now follow the new target."))
        return redirect(f"{reverse('campaigns:detail', args=[indicator.campaign.slug])}?year={indicator.year}")
    return render(
        request,
        "campaigns/form.html",
        {
            "form": form,
            "title": _("Edit indicator: %(name)s") % {"name": indicator.name},
            "nav_section": "campaigns",
            "back": reverse("campaigns:indicator", args=[pk]),
            "history": indicator.history.select_related("history_user")[:10],
        },
    )


@require_POST
def indicator_unit_target(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Set (or, with an empty value, remove) one unit's own target for an indicator."""
    require_editor(request.user)
    indicator = _get_indicator(pk)
    form = UnitTargetForm(request.POST)
    if form.is_valid():
        unit = form.cleaned_data["unit"]
        services.indicator_set_unit_target(
            indicator=indicator, unit=unit, target_value=form.cleaned_data["target_value"]
        )
        messages.success(request, _("Target of %(unit)s saved.") % {"unit": unit})
    else:
        messages.error(request, _("Choose a unit and give a number."))
    return redirect("campaigns:indicator", pk=pk)


def settings_edit(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    require_editor(request.user)
    config = selectors.campaign_year_settings(year=year) or CampaignYear(year=year)
    form = CampaignYearForm(request.POST or None, instance=config)
    if request.method == "POST" and form.is_valid():
        services.campaign_year_save(year=year, **form.cleaned_data)
        messages.success(request, _("Settings of %(year)s saved.") % {"year": year})
        return redirect(f"{reverse('campaigns:index')}?year={year}")
    return render(
        request,
        "campaigns/form.html",
        {
            "form": form,
            "title": _("Campaign settings %(year)s") % {"year": year},
            "nav_section": "campaigns",
            "back": reverse("campaigns:index"),
        },
    )


# --- the campaigns' own records -----------------------------------------------------------------------


def record_create(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    record_kind = get_kind(kind)
    require_editor(request.user)
    form = record_kind.form_class(request.POST or None, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        obj = record_kind.save(None, form.cleaned_data, request.user)
        messages.success(request, _("Saved."))
        return redirect("campaigns:record_detail", kind=kind, pk=obj.pk)
    return render(
        request,
        "campaigns/form.html",
        {
            "form": form,
            "title": _("New: %(kind)s") % {"kind": record_kind.title},
            "nav_section": "campaigns",
            "back": reverse("campaigns:detail", args=[record_kind.campaign]),
        },
    )


def record_detail(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    record_kind = get_kind(kind)
    obj = get_record_for_user(request.user, record_kind.queryset(), pk, unit_field=record_kind.unit_field)
    viewer = campaign_viewer(request.user)
    context = {
        "obj": obj,
        "kind": record_kind,
        "fields": record_fields(obj),
        "viewer": viewer,
        "nav_section": "campaigns",
        "history": obj.history.select_related("history_user")[:10] if hasattr(obj, "history") else [],
    }
    if kind == "pipeline":
        context["approval_form"] = PipelineApprovalForm()
        context["start_form"] = PipelineStartForm(initial={"started_on": None})
    return render(request, "campaigns/record_detail.html", context)


def record_edit(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    record_kind = get_kind(kind)
    obj = get_record_for_user(request.user, record_kind.queryset(), pk, unit_field=record_kind.unit_field, write=True)
    form = record_kind.form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        record_kind.save(obj, form.cleaned_data, request.user)
        messages.success(request, _("Saved."))
        return redirect("campaigns:record_detail", kind=kind, pk=pk)
    return render(
        request,
        "campaigns/form.html",
        {
            "form": form,
            "title": _("Edit: %(record)s") % {"record": obj},
            "nav_section": "campaigns",
            "back": reverse("campaigns:record_detail", args=[kind, pk]),
        },
    )


def _pipeline_for_write(request: AuthenticatedHttpRequest, pk: int) -> PipelineProject:
    return get_record_for_user(request.user, PipelineProject.objects.all(), pk, unit_field="township", write=True)


def pipeline_approval(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record a preliminary approval; the first one makes a planned project a reserve project."""
    project = _pipeline_for_write(request, pk)
    form = PipelineApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        was = project.get_stage_display()
        services.pipeline_approval_record(pipeline_project=project, recorded_by=request.user, **form.cleaned_data)
        if project.get_stage_display() != was:
            messages.success(request, _("Approval recorded: the project is now a reserve project."))
        else:
            messages.success(request, _("Approval recorded."))
        return redirect("campaigns:record_detail", kind="pipeline", pk=pk)
    return render(
        request,
        "campaigns/form.html",
        {
            "form": form,
            "title": _("Record a preliminary approval: %(name)s") % {"name": project.name},
            "nav_section": "campaigns",
            "back": reverse("campaigns:record_detail", args=["pipeline", pk]),
        },
    )


def pipeline_start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A reserve project starts construction and joins the key list."""
    project = _pipeline_for_write(request, pk)
    form = PipelineStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            key_project = services.pipeline_project_start(
                pipeline_project=project, started_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The project started and joined the key list."))
            return redirect("projects:detail", pk=key_project.pk)
    return render(
        request,
        "campaigns/form.html",
        {
            "form": form,
            "title": _("Start construction: %(name)s") % {"name": project.name},
            "nav_section": "campaigns",
            "back": reverse("campaigns:record_detail", args=["pipeline", pk]),
        },
    )


# --- flowcharts ---------------------------------------------------------------------------------------


def flowchart_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = FlowchartForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flowchart_upload(uploaded_by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("Flowchart uploaded."))
            return redirect("campaigns:detail", slug="service")
    return render(
        request,
        "campaigns/form.html",
        {
            "form": form,
            "title": _("Upload an approval flowchart"),
            "nav_section": "campaigns",
            "multipart": True,
            "back": reverse("campaigns:detail", args=["service"]),
        },
    )


def flowchart_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """Flowcharts are shown to every user of the campaigns; the file is private and streamed from here."""
    campaign_viewer(request.user)
    chart = ApprovalFlowchart.objects.filter(pk=pk).first()
    if chart is None:
        raise Http404
    try:
        handle = chart.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # FileResponse names the file inline (Content-Disposition) from `filename`.
    response = FileResponse(handle, content_type=chart.content_type, filename=chart.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- rankings -----------------------------------------------------------------------------------------


@require_POST
def ranking_publish(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_editor(request.user)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the year and month to publish."))
        return redirect("campaigns:detail", slug="assessment")
    try:
        publication = services.ranking_publish(
            year=form.cleaned_data["year"], month=form.cleaned_data["month"], published_by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("campaigns:detail", slug="assessment")
    messages.success(request, _("The ranking is published."))
    return redirect("campaigns:ranking", pk=publication.pk)


def ranking_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A published ranking: every township and unit may read it in full."""
    viewer = campaign_viewer(request.user)
    publication = RankingPublication.objects.select_related("published_by").filter(pk=pk).first()
    if publication is None:
        raise Http404
    groups: dict[str, list] = {}
    for row in publication.rows:
        groups.setdefault(row["group"], []).append(row)
    return render(
        request,
        "campaigns/ranking_detail.html",
        {
            "publication": publication,
            "groups": groups,
            "viewer": viewer,
            "nav_section": "campaigns",
        },
    )
