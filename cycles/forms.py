"""Forms of the scheduling pages. Validation only; the writes are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import pgettext_lazy

from accounts.forms import PeopleChoiceField, PersonChoiceField, people_queryset
from accounts.models import User
from core.forms import DateInput, model_choice_field
from files.forms import MultipleFileField
from problems.models import Problem

from .models import Cadence, Duty, OwnerKind

# The parameters each cadence needs, with their ranges; the others are dropped.
CADENCE_PARAMETERS: dict[str, dict[str, tuple[int, int]]] = {
    Cadence.WEEKLY: {"weekday": (0, 6)},
    Cadence.SEMI_MONTHLY: {"day": (1, 15), "second_day": (16, 31)},
    Cadence.MONTHLY: {"day": (1, 31)},
    Cadence.QUARTERLY: {"month_in_period": (1, 3), "day": (1, 31)},
    Cadence.HALF_YEARLY: {"month_in_period": (1, 6), "day": (1, 31)},
    Cadence.YEARLY: {"month_in_period": (1, 12), "day": (1, 31)},
}
SCHEDULE_PARAMETERS = ("weekday", "day", "second_day", "month_in_period")


class DutyForm(forms.ModelForm):
    responsible_people = PeopleChoiceField(
        label=pgettext_lazy("scheduling", "responsible people"),
        queryset=people_queryset(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Duty
        fields = [
            "name",
            "code",
            "owner_kind",
            "taskforce",
            "campaign",
            "cadence",
            "weekday",
            "day",
            "second_day",
            "month_in_period",
            "remind_days_before",
            "responsible_unit",
            "responsible_people",
            "problem_level",
            "description",
            "active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "responsible_people").queryset = people_queryset().select_related("unit")
        if self.instance.pk:
            self.fields["code"].disabled = True  # the seeding and links rely on it

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("owner_kind")
        if kind == OwnerKind.TASKFORCE and not data.get("taskforce"):
            self.add_error("taskforce", pgettext_lazy("scheduling", "Choose the task force."))
        if kind == OwnerKind.CAMPAIGN and not data.get("campaign"):
            self.add_error("campaign", pgettext_lazy("scheduling", "Choose the campaign."))
        if kind != OwnerKind.TASKFORCE:
            data["taskforce"] = None
        if kind != OwnerKind.CAMPAIGN:
            data["campaign"] = None
        needed = CADENCE_PARAMETERS.get(data.get("cadence") or "", {})
        for name, (low, high) in needed.items():
            value = data.get(name)
            if value is None:
                self.add_error(name, pgettext_lazy("scheduling", "Required for this cadence."))
            elif not low <= value <= high:
                self.add_error(
                    name, pgettext_lazy("scheduling", "Between %(low)s and %(high)s.") % {"low": low, "high": high}
                )
        for name in SCHEDULE_PARAMETERS:
            if name not in needed:
                data[name] = None  # parameters of another cadence are dropped, not kept half-valid
        return data

    def _post_clean(self) -> None:
        # Apply the cleaned-away parameters to the instance before the model's own validation.
        for name in ("taskforce", "campaign", *SCHEDULE_PARAMETERS):
            if name in self.cleaned_data and self.cleaned_data[name] is None:
                setattr(self.instance, name, None)
        super()._post_clean()  # type: ignore[misc]  # ModelForm's hook, left out of django-stubs


class AdHocOccurrenceForm(forms.Form):
    due_on = forms.DateField(label=pgettext_lazy("scheduling", "date"), widget=DateInput())
    subject = forms.CharField(label=pgettext_lazy("scheduling", "subject"), max_length=100, required=False)


class ProblemsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Problem) -> str:
        return f"{obj.description[:50]}（{obj.project.name}）" if obj.project is not None else obj.description[:50]


class OccurrenceRecordForm(forms.Form):
    held_on = forms.DateField(label=pgettext_lazy("scheduling", "date held"), widget=DateInput())
    attendees = forms.CharField(
        label=pgettext_lazy("scheduling", "attendees"), widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes = forms.CharField(label=pgettext_lazy("scheduling", "minutes"), widget=forms.Textarea(attrs={"rows": 5}))
    decisions = forms.CharField(
        label=pgettext_lazy("scheduling", "decisions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    attachments = MultipleFileField(
        kinds=("photo", "document"),
        label=pgettext_lazy("scheduling", "attachments"),
        help_text=pgettext_lazy("scheduling", "Minutes, sign-in sheet, photos: PDF, Word, Excel, JPEG or PNG."),
    )
    resolved = ProblemsChoiceField(
        label=pgettext_lazy("scheduling", "problems resolved at this meeting"),
        queryset=Problem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, resolvable: QuerySet[Problem] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if resolvable is None:
            del self.fields["resolved"]
        else:
            model_choice_field(self, "resolved").queryset = resolvable


class AgendaDecisionForm(forms.Form):
    """The meeting's decision on one problem of its agenda."""

    ACTIONS = [
        ("keep", pgettext_lazy("scheduling", "No change")),
        ("resolve", pgettext_lazy("scheduling", "Resolved")),
        ("close", pgettext_lazy("scheduling", "Close")),
        ("reassign", pgettext_lazy("scheduling", "Reassign")),
        ("redate", pgettext_lazy("scheduling", "New deadline")),
    ]
    problem = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(label=pgettext_lazy("scheduling", "decision"), choices=ACTIONS, initial="keep")
    note = forms.CharField(label=pgettext_lazy("scheduling", "note"), max_length=500, required=False)
    owner = PersonChoiceField(
        label=pgettext_lazy("scheduling", "new owner"), queryset=User.objects.none(), required=False
    )
    deadline = forms.DateField(label=pgettext_lazy("scheduling", "new deadline"), required=False, widget=DateInput())

    def __init__(self, *args: Any, people: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "owner").queryset = people if people is not None else people_queryset()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("action")
        if action == "reassign" and not data.get("owner"):
            self.add_error("owner", pgettext_lazy("scheduling", "Choose the new owner."))
        if action == "redate" and not data.get("deadline"):
            self.add_error("deadline", pgettext_lazy("scheduling", "Give the new deadline."))
        if action in ("resolve", "close") and not data.get("note"):
            self.add_error("note", pgettext_lazy("scheduling", "Say what was decided."))
        return data
