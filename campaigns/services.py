"""Every change to the campaigns' records goes through here (keyword-only, typed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.forms import ModelForm
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit, User
from projects.models import Nature, Project, ProjectStatus, ProjectYear

from .models import (
    ApprovalFlowchart,
    CampaignYear,
    Indicator,
    IndicatorUnitTarget,
    PipelineApproval,
    PipelineProject,
    PipelineStage,
    RankingPublication,
    Scheme,
    ScoringItem,
)

# --- the pipeline ---------------------------------------------------------------------------------


def pipeline_stage_on(project: PipelineProject, day: date) -> str:
    """The stage a pipeline project was at on `day` ("" before it entered the pipeline)."""
    if project.started_on and project.started_on <= day:
        return PipelineStage.STARTED
    if project.reserve_on and project.reserve_on <= day:
        return PipelineStage.RESERVE
    if project.entered_on <= day:
        return PipelineStage.PLANNED
    return ""


@transaction.atomic
def pipeline_approval_record(
    *,
    pipeline_project: PipelineProject,
    name: str,
    obtained_on: date,
    document_number: str = "",
    recorded_by: User | None,
) -> PipelineApproval:
    """Record a preliminary approval. The first one makes a planned project a reserve project (from that day)."""
    project = PipelineProject.objects.select_for_update().get(pk=pipeline_project.pk)
    approval = PipelineApproval.objects.create(
        pipeline_project=project,
        name=name,
        obtained_on=obtained_on,
        document_number=document_number,
        recorded_by=recorded_by,
    )
    # An approval obtained before the project was entered makes it a reserve project from its entry.
    reserve_from = max(obtained_on, project.entered_on)
    if project.stage == PipelineStage.PLANNED:
        project.stage = PipelineStage.RESERVE
        project.reserve_on = reserve_from
        project.save(update_fields=["stage", "reserve_on"])
    elif project.stage == PipelineStage.RESERVE and project.reserve_on and reserve_from < project.reserve_on:
        project.reserve_on = reserve_from
        project.save(update_fields=["reserve_on"])
    pipeline_project.refresh_from_db()
    return approval


@transaction.atomic
def pipeline_project_start(
    *,
    pipeline_project: PipelineProject,
    started_on: date,
    tier: str,
    annual_plan: Decimal,
    responsible_unit: Unit | None = None,
    project: Project | None = None,
    started_by: User | None = None,
) -> Project:
    """A reserve project starts construction: it joins that year's key list as a new project.

    Creates the register project (or links `project` when it is already in the register) and its
    listing for the start's year. Only a reserve project (one with a preliminary approval) can start.
    """
    entry = PipelineProject.objects.select_for_update().get(pk=pipeline_project.pk)
    if entry.stage == PipelineStage.STARTED:
        raise ValidationError(_("This project has already started and is on the key list."))
    if entry.stage != PipelineStage.RESERVE or entry.reserve_on is None:
        raise ValidationError(_("Only a reserve project (with at least one preliminary approval) can start."))
    if started_on < entry.reserve_on:
        raise ValidationError(_("The start cannot be before the project became a reserve project."))
    if project is None:
        project = Project.objects.create(
            name=entry.name,
            owner=entry.owner,
            total_investment=entry.estimated_investment,
            township=entry.township,
            responsible_unit=responsible_unit,
            industry=entry.industry,
            planned_start=started_on,
            actual_start=started_on,
            status=ProjectStatus.UNDER_CONSTRUCTION,
            remarks=_("Joined the key list from the project reserve."),
        )
    else:
        changed = []
        if project.actual_start is None:
            project.actual_start = started_on
            changed.append("actual_start")
        if project.status == ProjectStatus.NOT_STARTED:
            project.status = ProjectStatus.UNDER_CONSTRUCTION
            changed.append("status")
        if changed:
            project.save(update_fields=changed)
    ProjectYear.objects.get_or_create(
        project=project,
        year=started_on.year,
        defaults={"tier": tier, "nature": Nature.NEW, "annual_plan": annual_plan},
    )
    entry.stage = PipelineStage.STARTED
    entry.started_on = started_on
    entry.project = project
    entry.save(update_fields=["stage", "started_on", "project"])
    pipeline_project.refresh_from_db()
    return project


# --- records and targets ----------------------------------------------------------------------------


@transaction.atomic
def record_save(*, form: ModelForm, saved_by: User | None) -> object:
    """Save a campaign record from its validated form (the form says which fields a user may set)."""
    obj = form.save(commit=False)
    for field_name in ("recorded_by", "decided_by", "inspector"):
        if hasattr(obj, field_name) and getattr(obj, f"{field_name}_id", None) is None and saved_by is not None:
            setattr(obj, field_name, saved_by)
    obj.save()
    form.save_m2m()
    return obj


@transaction.atomic
def indicator_save(*, form: ModelForm, points: dict[str, Decimal | None]) -> Indicator:
    """Save an indicator and its points in each score table (None or empty removes it from that table)."""
    indicator = form.save()
    for scheme, value in points.items():
        if value is None:
            ScoringItem.objects.filter(scheme=scheme, indicator=indicator).delete()
        else:
            ScoringItem.objects.update_or_create(scheme=scheme, indicator=indicator, defaults={"points": value})
    return indicator


def indicator_set_unit_target(
    *, indicator: Indicator, unit: Unit, target_value: Decimal | None
) -> IndicatorUnitTarget | None:
    """Give one unit its own target for an indicator; None removes it (the unit follows the general target)."""
    if target_value is None:
        IndicatorUnitTarget.objects.filter(indicator=indicator, unit=unit).delete()
        return None
    return IndicatorUnitTarget.objects.update_or_create(
        indicator=indicator, unit=unit, defaults={"target_value": target_value}
    )[0]


def campaign_year_for_edit(*, year: int) -> CampaignYear:
    return CampaignYear.objects.get_or_create(year=year)[0]


# --- flowcharts -------------------------------------------------------------------------------------

_SIGNATURES = [
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
]


def sniff_document(head: bytes) -> tuple[str, str] | None:
    """The content type and suffix of a PDF, PNG or JPEG, judged by its first bytes (not its name)."""
    for magic, content_type, suffix in _SIGNATURES:
        if head.startswith(magic):
            return content_type, suffix
    return None


@transaction.atomic
def flowchart_upload(*, category: str, title: str, file: UploadedFile, uploaded_by: User | None) -> ApprovalFlowchart:
    if file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    head = file.read(16)
    file.seek(0)
    kind = sniff_document(head)
    if kind is None:
        raise ValidationError(_("Only PDF, PNG or JPEG files can be uploaded."))
    content_type, suffix = kind
    original = file.name
    file.name = f"flowchart{suffix}"  # the stored name is ours; the shown name is kept apart
    return ApprovalFlowchart.objects.create(
        category=category,
        title=title,
        file=file,
        original_name=original[:255],
        content_type=content_type,
        size=file.size,
        uploaded_by=uploaded_by,
    )


# --- rankings ---------------------------------------------------------------------------------------


def ranking_publish(
    *, year: int, month: int | None, published_by: User | None, scheme: str = Scheme.COUNTY
) -> RankingPublication:
    """Freeze the month's (or, month None, the year's) ranking with each unit's grounds, and publish it.

    Published rankings are never recomputed: later corrections of data or weights do not change them.
    """
    from .engine import Engine
    from .models import Decision

    engine = Engine(year=year, month=month or 12)
    table = engine.score_table(scheme, over="month" if month else "year")
    decisions: dict[int, list[str]] = {}
    for decision in Decision.objects.filter(year=year, month=month).order_by("decided_on", "id"):
        decisions.setdefault(decision.unit_id, []).append(f"{decision.get_kind_display()}：{decision.grounds}")
    rows = [
        {
            "group": group.label,
            "rank": row.rank,
            "unit_id": row.unit.pk,
            "unit": row.unit.name,
            "score": str(row.score),
            "met": row.met,
            "grounds": row.grounds(),
            "decisions": decisions.get(row.unit.pk, []),
        }
        for group in table.groups
        for row in group.rows
    ]
    method = f"{engine.method_text}\n{table.method}"
    try:
        with transaction.atomic():
            return RankingPublication.objects.create(
                scheme=scheme,
                year=year,
                month=month,
                method=method,
                rows=rows,
                published_at=timezone.now(),
                published_by=published_by,
            )
    except IntegrityError:
        raise ValidationError(_("This ranking has already been published.")) from None
