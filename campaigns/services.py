"""Every change to the campaigns' records goes through here: keyword-only, typed values, never forms.

The forms validate what a user typed (and which fields they may set) and hand the values over.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Campaign, Unit, User
from projects.models import Nature, Project, ProjectStatus, ProjectYear

from .engine import Engine
from .models import (
    ApprovalFlowchart,
    BankEnterpriseMeeting,
    CampaignYear,
    Ceremony,
    Decision,
    Indicator,
    IndicatorUnitTarget,
    IndustrialProject,
    Inspection,
    PipelineApproval,
    PipelineProject,
    PipelineStage,
    RankingPublication,
    Scheme,
    ScoringItem,
)

M = TypeVar("M", bound=models.Model)


def _save(record: M, fields: dict[str, object]) -> M:
    """Set `fields` on a record and save it (an existing record: only those fields)."""
    for name, value in fields.items():
        setattr(record, name, value)
    if record.pk is None:
        record.save()
    else:
        record.save(update_fields=list(fields))
    return record


# --- the pipeline ---------------------------------------------------------------------------------


def pipeline_project_save(
    *,
    pipeline_project: PipelineProject | None,
    name: str,
    township: Unit,
    industry: str,
    estimated_investment: Decimal,
    owner: str,
    entered_on: date,
    notes: str,
) -> PipelineProject:
    """Enter a project in the pipeline (as a planned project), or correct one; its stage moves only by
    `pipeline_approval_record` and `pipeline_project_start`."""
    return _save(
        pipeline_project or PipelineProject(),
        {
            "name": name,
            "township": township,
            "industry": industry,
            "estimated_investment": estimated_investment,
            "owner": owner,
            "entered_on": entered_on,
            "notes": notes,
        },
    )


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


# --- the five batches, meetings, inspections, decisions ----------------------------------------------


def industrial_project_save(
    *,
    industrial_project: IndustrialProject | None,
    name: str,
    township: Unit,
    industry: str,
    investment: Decimal,
    signed_on: date,
    landed_on: date | None,
    started_on: date | None,
    production_on: date | None,
    effect_on: date | None,
    notes: str,
) -> IndustrialProject:
    return _save(
        industrial_project or IndustrialProject(),
        {
            "name": name,
            "township": township,
            "industry": industry,
            "investment": investment,
            "signed_on": signed_on,
            "landed_on": landed_on,
            "started_on": started_on,
            "production_on": production_on,
            "effect_on": effect_on,
            "notes": notes,
        },
    )


@transaction.atomic
def ceremony_save(
    *,
    ceremony: Ceremony | None,
    held_on: date,
    kind: str,
    place: str,
    projects: Iterable[IndustrialProject],
    notes: str,
) -> Ceremony:
    saved = _save(ceremony or Ceremony(), {"held_on": held_on, "kind": kind, "place": place, "notes": notes})
    saved.projects.set(projects)
    return saved


def bank_meeting_save(
    *,
    meeting: BankEnterpriseMeeting | None,
    held_on: date,
    place: str,
    banks: str,
    enterprises: str,
    financing_requested: Decimal,
    financing_agreed: Decimal,
    notes: str,
) -> BankEnterpriseMeeting:
    return _save(
        meeting or BankEnterpriseMeeting(),
        {
            "held_on": held_on,
            "place": place,
            "banks": banks,
            "enterprises": enterprises,
            "financing_requested": financing_requested,
            "financing_agreed": financing_agreed,
            "notes": notes,
        },
    )


def inspection_save(
    *,
    inspection: Inspection | None,
    year: int,
    month: int,
    unit: Unit,
    inspected_on: date,
    checked_implementation: bool,
    checked_mechanism: bool,
    checked_scheduling: bool,
    checked_results: bool,
    findings: str,
    follow_up: str,
    follow_up_done: bool,
    inspector: User | None,
) -> Inspection:
    """Record an inspection, or correct one; the inspector is whoever recorded it first."""
    record = inspection or Inspection()
    fields: dict[str, object] = {
        "year": year,
        "month": month,
        "unit": unit,
        "inspected_on": inspected_on,
        "checked_implementation": checked_implementation,
        "checked_mechanism": checked_mechanism,
        "checked_scheduling": checked_scheduling,
        "checked_results": checked_results,
        "findings": findings,
        "follow_up": follow_up,
        "follow_up_done": follow_up_done,
    }
    if record.inspector_id is None and inspector is not None:
        fields["inspector"] = inspector
    return _save(record, fields)


def decision_save(
    *,
    decision: Decision | None,
    campaign: Campaign,
    unit: Unit,
    year: int,
    month: int | None,
    kind: str,
    grounds: str,
    decided_on: date,
    decided_by: User | None,
) -> Decision:
    """Record a reward or penalty, or correct one; "recorded by" is whoever recorded it first."""
    record = decision or Decision()
    fields: dict[str, object] = {
        "campaign": campaign,
        "unit": unit,
        "year": year,
        "month": month,
        "kind": kind,
        "grounds": grounds,
        "decided_on": decided_on,
    }
    if record.decided_by_id is None and decided_by is not None:
        fields["decided_by"] = decided_by
    return _save(record, fields)


# --- indicators, targets and the year's settings -------------------------------------------------------


@transaction.atomic
def indicator_save(
    *,
    indicator: Indicator | None,
    campaign: Campaign,
    year: int,
    code: str,
    name: str,
    metric: str,
    scope: str,
    period: str,
    comparison: str,
    target_value: Decimal | None,
    target_multiplier: Decimal | None,
    target_base: str,
    display_unit: str,
    sort_order: int,
    notes: str,
    points: dict[str, Decimal | None],
) -> Indicator:
    """Save an indicator and its points in each score table (None removes it from that table)."""
    indicator = _save(
        indicator or Indicator(),
        {
            "campaign": campaign,
            "year": year,
            "code": code,
            "name": name,
            "metric": metric,
            "scope": scope,
            "period": period,
            "comparison": comparison,
            "target_value": target_value,
            "target_multiplier": target_multiplier,
            "target_base": target_base,
            "display_unit": display_unit,
            "sort_order": sort_order,
            "notes": notes,
        },
    )
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


def campaign_year_save(*, year: int, reserve_counts_in_planned_pool: bool, yellow_ratio: Decimal) -> CampaignYear:
    """The year's readings and thresholds (created on first save)."""
    return CampaignYear.objects.update_or_create(
        year=year,
        defaults={"reserve_counts_in_planned_pool": reserve_counts_in_planned_pool, "yellow_ratio": yellow_ratio},
    )[0]


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
    size = file.size or 0
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    head = file.read(16)
    file.seek(0)
    kind = sniff_document(head)
    if kind is None:
        raise ValidationError(_("Only PDF, PNG or JPEG files can be uploaded."))
    content_type, suffix = kind
    original = file.name or ""
    file.name = f"flowchart{suffix}"  # the stored name is ours; the shown name is kept apart
    return ApprovalFlowchart.objects.create(
        category=category,
        title=title,
        file=file,
        original_name=original[:255],
        content_type=content_type,
        size=size,
        uploaded_by=uploaded_by,
    )


# --- rankings ---------------------------------------------------------------------------------------


def ranking_publish(
    *, year: int, month: int | None, published_by: User | None, scheme: str = Scheme.COUNTY
) -> RankingPublication:
    """Freeze the month's (or, month None, the year's) ranking with each unit's grounds, and publish it.

    Published rankings are never recomputed: later corrections of data or weights do not change them.
    """
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
