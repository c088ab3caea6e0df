"""The campaigns' own record types, for the generic create / show / edit pages.

`unit_field` names the field that ties a record to a township or unit: a township's user sees only
its own records; records of the county as a whole (ceremonies, bank meetings) only readers of everything.
`save` hands a valid form's values to the record's service (None: a new record).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from . import services
from .forms import (
    BankEnterpriseMeetingForm,
    CeremonyForm,
    DecisionForm,
    IndustrialProjectForm,
    InspectionForm,
    PipelineProjectForm,
)
from .models import BankEnterpriseMeeting, Ceremony, Decision, IndustrialProject, Inspection, PipelineProject


@dataclass(frozen=True)
class RecordKind:
    key: str
    title: Promise
    model: type[Model]
    form_class: type[ModelForm]
    campaign: str
    unit_field: str | None
    queryset: Callable[[], QuerySet[Any]]
    save: Callable[[Any, dict[str, Any], User], Model]


RECORD_KINDS: dict[str, RecordKind] = {
    kind.key: kind
    for kind in [
        RecordKind(
            "pipeline",
            _("Pipeline project"),
            PipelineProject,
            PipelineProjectForm,
            "reserve",
            "township",
            lambda: PipelineProject.objects.select_related("township", "project").prefetch_related("approvals"),
            lambda record, values, user: services.pipeline_project_save(pipeline_project=record, **values),
        ),
        RecordKind(
            "industrial",
            _("Industrial project"),
            IndustrialProject,
            IndustrialProjectForm,
            "five-batches",
            "township",
            lambda: IndustrialProject.objects.select_related("township", "project"),
            lambda record, values, user: services.industrial_project_save(industrial_project=record, **values),
        ),
        RecordKind(
            "ceremony",
            _("Ceremony"),
            Ceremony,
            CeremonyForm,
            "five-batches",
            None,
            lambda: Ceremony.objects.prefetch_related("projects"),
            lambda record, values, user: services.ceremony_save(ceremony=record, **values),
        ),
        RecordKind(
            "bank-meeting",
            _("Government–bank–enterprise meeting"),
            BankEnterpriseMeeting,
            BankEnterpriseMeetingForm,
            "service",
            None,
            BankEnterpriseMeeting.objects.all,
            lambda record, values, user: services.bank_meeting_save(meeting=record, **values),
        ),
        RecordKind(
            "inspection",
            _("Inspection"),
            Inspection,
            InspectionForm,
            "assessment",
            "unit",
            lambda: Inspection.objects.select_related("unit", "inspector"),
            lambda record, values, user: services.inspection_save(inspection=record, inspector=user, **values),
        ),
        RecordKind(
            "decision",
            _("Reward or penalty"),
            Decision,
            DecisionForm,
            "assessment",
            "unit",
            lambda: Decision.objects.select_related("unit", "campaign", "decided_by"),
            lambda record, values, user: services.decision_save(decision=record, decided_by=user, **values),
        ),
    ]
}


def get_kind(key: str) -> RecordKind:
    kind = RECORD_KINDS.get(key)
    if kind is None:
        raise Http404
    return kind


def record_fields(obj: Model) -> list[tuple[str, str]]:
    """(label, value) for every shown field of a record, choices and relations in words."""
    rows = []
    for f in [*obj._meta.concrete_fields, *obj._meta.many_to_many]:
        if f.auto_created or f.name == "id":
            continue
        if f.many_to_many:
            value = "、".join(str(o) for o in getattr(obj, f.name).all())
        else:
            display = getattr(obj, f"get_{f.name}_display", None)
            raw = getattr(obj, f.name)
            if display:
                value = display()
            elif isinstance(raw, bool):
                value = str(_("yes") if raw else _("no"))
            elif raw is None or raw == "":
                value = "—"
            else:
                value = str(raw)
        rows.append((str(f.verbose_name), value))
    return rows
