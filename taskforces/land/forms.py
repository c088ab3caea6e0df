"""Entry forms of the land-use guarantee ledger (用地保障专班). Phone-friendly via `LedgerForm`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.periods import quarter_of

from ..common.forms import LedgerForm
from .models import LandDemand, LandMeeting, LandMeetingDecision, LandProblem, LandProblemStatus, LandStage

# The date field that records when each stage was reached (the stage's own date).
STAGE_DATE_FIELD: dict[str, str] = {
    LandStage.SUBMITTED_CITY: "submitted_city_on",
    LandStage.SUBMITTED_PROVINCE: "submitted_province_on",
    LandStage.APPROVED: "approved_on",
    LandStage.RETURNED: "returned_on",
}


class LandDemandForm(LedgerForm):
    class Meta:
        model = LandDemand
        fields = [
            "project",
            "area_mu",
            "land_type",
            "stage",
            "submitted_city_on",
            "submitted_province_on",
            "approved_on",
            "approval_number",
            "returned_on",
            "returned_reason",
            "notes",
        ]
        widgets = {"returned_reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "stage": _("Where the land application stands now."),
            "returned_reason": _("Required when the file was returned: why, and what is being done."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        stage = data.get("stage")
        date_field = STAGE_DATE_FIELD.get(stage or "")
        if date_field and not data.get(date_field):
            self.add_error(date_field, _("Enter the date of this stage."))
        if stage == LandStage.RETURNED and not (data.get("returned_reason") or "").strip():
            self.add_error("returned_reason", _("Say why the file was returned."))
        returned_on, approved_on = data.get("returned_on"), data.get("approved_on")
        if stage == LandStage.APPROVED and returned_on and approved_on and returned_on > approved_on:
            self.add_error("approved_on", _("The approval cannot be older than the return."))
        # The date the current stage was reached, shown in the ledger, handed over with the other
        # values (`values()`): a new "preparing" or "not filed" stage is dated the day it is entered.
        # `self.instance` is still the stored entry here (the form applies its fields after clean()).
        if stage is not None and not self.errors:
            if date_field:
                data["stage_date"] = data[date_field]
            elif stage != self.instance.stage or self.instance.stage_date is None:
                data["stage_date"] = timezone.localdate()
        return data


class LandProblemForm(LedgerForm):
    class Meta:
        model = LandProblem
        fields = [
            "project",
            "demand",
            "description",
            "measures",
            "responsible_unit",
            "deadline",
            "status",
            "resolved_on",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "measures": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # str(demand) names its project: join it, or the select would query once per option.
        self.model_choice("demand").queryset = LandDemand.objects.select_related("project").order_by(
            "project__name", "id"
        )
        self.fields["demand"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        demand, project = data.get("demand"), data.get("project")
        if demand is not None and project is not None and demand.project_id != project.pk:
            self.add_error("demand", _("This land demand belongs to another project."))
        if data.get("status") == LandProblemStatus.RESOLVED and not data.get("resolved_on"):
            self.add_error("resolved_on", _("Enter the date it was resolved."))
        if data.get("status") == LandProblemStatus.OPEN:
            data["resolved_on"] = None
        return data


class LandMeetingForm(LedgerForm):
    class Meta:
        model = LandMeeting
        fields = ["date", "year", "quarter", "place", "chair", "attendees", "summary"]
        widgets = {
            "quarter": forms.Select(choices=[(q, _("Q%(quarter)s") % {"quarter": q}) for q in range(1, 5)]),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"year": _("The quarter this meeting is for (usually the quarter of its date).")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            today = timezone.localdate()
            self.fields["year"].initial = today.year
            self.fields["quarter"].initial = quarter_of(today.month)

    def clean_quarter(self) -> int:
        quarter = self.cleaned_data["quarter"]
        if not 1 <= quarter <= 4:
            raise forms.ValidationError(_("A quarter is 1 to 4."))
        return quarter


class LandMeetingDecisionForm(LedgerForm):
    class Meta:
        model = LandMeetingDecision
        fields = ["meeting", "project", "decision", "responsible_unit", "deadline", "done"]
        widgets = {"decision": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model_choice("meeting").queryset = LandMeeting.objects.order_by("-date", "-id")
        self.fields["project"].required = False
