"""Forms of the campaigns: indicators and targets, the year's settings, and the campaigns' own records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Campaign, Unit, UnitKind
from projects.models import Project, Tier

from .engine import compatible_units
from .metrics import METRICS, metric_choices
from .models import (
    BankEnterpriseMeeting,
    CampaignYear,
    Ceremony,
    Decision,
    Indicator,
    IndustrialProject,
    Inspection,
    PipelineProject,
    Scheme,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TOWNSHIP_KINDS = (UnitKind.TOWNSHIP, UnitKind.DEV_ZONE)


def _townships() -> QuerySet[Unit]:
    return Unit.objects.filter(kind__in=TOWNSHIP_KINDS).order_by("kind", "sort_order", "name")


def _assessed_units() -> QuerySet[Unit]:
    return Unit.objects.filter(kind__in=(*TOWNSHIP_KINDS, UnitKind.DEPARTMENT)).order_by("kind", "sort_order", "name")


def _limit(field: forms.Field, queryset: QuerySet[Any]) -> None:
    """Offer only `queryset` in a model choice field."""
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{field!r} is not a model choice field")
    field.queryset = queryset


class PeriodForm(forms.Form):
    """The year and month a campaign page looks at (query string)."""

    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    month = forms.IntegerField(min_value=1, max_value=12, required=False)


class IndicatorForm(forms.ModelForm):
    metric = forms.ChoiceField(label=_("what is measured"), choices=metric_choices)
    target_base = forms.ChoiceField(
        label=_("base figure"),
        required=False,
        choices=lambda: [("", "—"), *metric_choices()],
        help_text=_("For a relative target: the figure the multiplier applies to, over the same scope and period."),
    )
    points_attraction = forms.DecimalField(
        label=_("weight in the investment-attraction evaluation"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
    )
    points_five_batches = forms.DecimalField(
        label=_("weight (score of the stage) in the five-batches assessment"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
    )
    points_county = forms.DecimalField(
        label=_("weight in the county assessment"), required=False, min_value=0, max_digits=6, decimal_places=2
    )

    POINT_FIELDS: dict[str, str] = {
        Scheme.ATTRACTION: "points_attraction",
        Scheme.FIVE_BATCHES: "points_five_batches",
        Scheme.COUNTY: "points_county",
    }

    class Meta:
        model = Indicator
        fields = [
            "year",
            "code",
            "name",
            "metric",
            "scope",
            "period",
            "comparison",
            "target_value",
            "target_multiplier",
            "target_base",
            "display_unit",
            "sort_order",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.instance.campaign = campaign
        if self.instance.pk:
            for item in self.instance.scoring_items.all():
                self.fields[self.POINT_FIELDS[item.scheme]].initial = item.points

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        value, multiplier, base = (
            data.get("target_value"),
            data.get("target_multiplier"),
            data.get("target_base") or "",
        )
        if value is not None and (multiplier is not None or base):
            raise forms.ValidationError(
                _("Give either a fixed target value or a multiplier and a base figure, not both.")
            )
        if value is None and (multiplier is None or not base):
            raise forms.ValidationError(_("Give a fixed target value, or a multiplier and a base figure."))
        data["target_base"] = base
        metric_key, unit = data.get("metric"), data.get("display_unit")
        if metric_key and unit and unit not in compatible_units(metric_key):
            self.add_error("display_unit", _("This unit does not fit what is measured."))
        if base and metric_key and METRICS[base].kind != METRICS[metric_key].kind:
            self.add_error(
                "target_base",
                _("The base figure must be measured like the indicator (money with money, counts with counts)."),
            )
        return data

    def points(self) -> dict[str, Decimal | None]:
        """The indicator's weight in each score table (None: not in that table)."""
        return {scheme: self.cleaned_data.get(name) for scheme, name in self.POINT_FIELDS.items()}

    def indicator_values(self) -> dict[str, Any]:
        """The indicator's own fields, for `services.indicator_save`."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class UnitTargetForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none())
    target_value = forms.DecimalField(
        label=_("the unit's own target"),
        required=False,
        max_digits=18,
        decimal_places=4,
        help_text=_("Empty: the unit follows the indicator's general target."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["unit"], _assessed_units())


class CampaignYearForm(forms.ModelForm):
    class Meta:
        model = CampaignYear
        fields = ["reserve_counts_in_planned_pool", "yellow_ratio"]


class PipelineProjectForm(forms.ModelForm):
    class Meta:
        model = PipelineProject
        fields = ["name", "township", "industry", "estimated_investment", "owner", "entered_on", "notes"]
        widgets = {"entered_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["township"], _townships())


class PipelineApprovalForm(forms.Form):
    name = forms.CharField(
        label=_("approval"), max_length=100, help_text=_("e.g. project filing, land pre-review, EIA approval")
    )
    document_number = forms.CharField(label=_("document number"), max_length=100, required=False)
    obtained_on = forms.DateField(label=_("obtained on"), widget=DATE)


class PipelineStartForm(forms.Form):
    started_on = forms.DateField(label=_("started on"), widget=DATE)
    tier = forms.ChoiceField(label=_("tier"), choices=Tier.choices, initial=Tier.COUNTY)
    annual_plan = forms.DecimalField(
        label=_("annual planned investment (10k yuan)"), min_value=0, max_digits=16, decimal_places=2
    )
    responsible_unit = forms.ModelChoiceField(
        label=_("responsible unit"), queryset=Unit.objects.none(), required=False
    )
    project = forms.ModelChoiceField(
        label=_("already in the register as"),
        queryset=Project.objects.none(),
        required=False,
        help_text=_("Leave empty to create the key project from this entry."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(
            self.fields["responsible_unit"],
            Unit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("sort_order", "name"),
        )
        _limit(self.fields["project"], Project.objects.filter(pipeline_entry__isnull=True).order_by("name"))


class IndustrialProjectForm(forms.ModelForm):
    class Meta:
        model = IndustrialProject
        fields = [
            "name",
            "township",
            "industry",
            "investment",
            "signed_on",
            "landed_on",
            "started_on",
            "production_on",
            "effect_on",
            "notes",
        ]
        widgets = dict.fromkeys(("signed_on", "landed_on", "started_on", "production_on", "effect_on"), DATE) | {
            "notes": forms.Textarea(attrs={"rows": 2})
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["township"], _townships())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        order = ["signed_on", "landed_on", "started_on", "production_on", "effect_on"]
        dates: list[date | None] = [data.get(name) for name in order]
        for position, name in enumerate(order[1:], start=1):
            day, before = dates[position], dates[position - 1]
            if day is None:
                continue
            if before is None:
                self.add_error(name, _("Record the earlier stages first."))
            elif day < before:
                self.add_error(name, _("A stage cannot be reached before the one before it."))
        return data


class CeremonyForm(forms.ModelForm):
    class Meta:
        model = Ceremony
        fields = ["held_on", "kind", "place", "projects", "notes"]
        widgets = {
            "held_on": DATE,
            "projects": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(
            self.fields["projects"],
            IndustrialProject.objects.select_related("township").order_by("township__sort_order", "name"),
        )


class BankEnterpriseMeetingForm(forms.ModelForm):
    class Meta:
        model = BankEnterpriseMeeting
        fields = ["held_on", "place", "banks", "enterprises", "financing_requested", "financing_agreed", "notes"]
        widgets = {
            "held_on": DATE,
            "banks": forms.Textarea(attrs={"rows": 3}),
            "enterprises": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class FlowchartForm(forms.Form):
    category = forms.CharField(
        label=_("project category"),
        max_length=100,
        help_text=_("e.g. enterprise investment (filing), government investment (approval)"),
    )
    title = forms.CharField(label=_("title"), max_length=200)
    file = forms.FileField(label=_("file (PDF, PNG or JPEG)"))


class InspectionForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = [
            "year",
            "month",
            "unit",
            "inspected_on",
            "checked_implementation",
            "checked_mechanism",
            "checked_scheduling",
            "checked_results",
            "findings",
            "follow_up",
            "follow_up_done",
        ]
        widgets = {
            "inspected_on": DATE,
            "findings": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["unit"], _assessed_units())


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["campaign", "unit", "year", "month", "kind", "grounds", "decided_on"]
        widgets = {"decided_on": DATE, "grounds": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self.fields["unit"], _assessed_units())


class PublishForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    month = forms.IntegerField(
        label=_("month"), min_value=1, max_value=12, required=False, help_text=_("Empty: the annual ranking.")
    )


__all__ = [
    "BankEnterpriseMeetingForm",
    "CampaignYearForm",
    "CeremonyForm",
    "DecisionForm",
    "FlowchartForm",
    "IndicatorForm",
    "IndustrialProjectForm",
    "InspectionForm",
    "PeriodForm",
    "PipelineApprovalForm",
    "PipelineProjectForm",
    "PipelineStartForm",
    "PublishForm",
    "UnitTargetForm",
]
