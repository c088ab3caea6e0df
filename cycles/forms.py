"""Forms of the scheduling pages. Validation only; the writes are in services."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import pgettext_lazy

from accounts.forms import PeopleChoiceField, PersonChoiceField, people_queryset
from accounts.models import User
from core.forms import DateInput
from files.forms import MultipleFileField
from problems.models import Problem

from .models import Cadence, Duty, OwnerKind


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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_people"].queryset = people_queryset().select_related("unit")
        if self.instance.pk:
            self.fields["code"].disabled = True  # the seeding and links rely on it

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("owner_kind")
        if kind == OwnerKind.TASKFORCE and not data.get("taskforce"):
            self.add_error("taskforce", pgettext_lazy("scheduling", "Choose the task force."))
        if kind == OwnerKind.CAMPAIGN and not data.get("campaign"):
            self.add_error("campaign", pgettext_lazy("scheduling", "Choose the campaign."))
        if kind != OwnerKind.TASKFORCE:
            data["taskforce"] = None
        if kind != OwnerKind.CAMPAIGN:
            data["campaign"] = None
        cadence = data.get("cadence")
        weekday, day, second, month = (data.get(f) for f in ("weekday", "day", "second_day", "month_in_period"))
        needed: dict[str, tuple[int, int]] = {}
        if cadence == Cadence.WEEKLY:
            needed = {"weekday": (0, 6)}
        elif cadence == Cadence.SEMI_MONTHLY:
            needed = {"day": (1, 15), "second_day": (16, 31)}
        elif cadence == Cadence.MONTHLY:
            needed = {"day": (1, 31)}
        elif cadence == Cadence.QUARTERLY:
            needed = {"month_in_period": (1, 3), "day": (1, 31)}
        elif cadence == Cadence.HALF_YEARLY:
            needed = {"month_in_period": (1, 6), "day": (1, 31)}
        elif cadence == Cadence.YEARLY:
            needed = {"month_in_period": (1, 12), "day": (1, 31)}
        values = {"weekday": weekday, "day": day, "second_day": second, "month_in_period": month}
        for name, (low, high) in needed.items():
            value = values[name]
            if value is None:
                self.add_error(name, pgettext_lazy("scheduling", "Required for this cadence."))
            elif not low <= value <= high:
                self.add_error(
                    name, pgettext_lazy("scheduling", "Between %(low)s and %(high)s.") % {"low": low, "high": high}
                )
        for name in values:
            if name not in needed:
                data[name] = None  # parameters of another cadence are dropped, not kept half-valid
        return data

    def _post_clean(self) -> None:
        # Apply the cleaned-away parameters to the instance before the model's own validation.
        for name in ("taskforce", "campaign", "weekday", "day", "second_day", "month_in_period"):
            if name in self.cleaned_data and self.cleaned_data[name] is None:
                setattr(self.instance, name, None)
        super()._post_clean()


class AdHocOccurrenceForm(forms.Form):
    due_on = forms.DateField(label=pgettext_lazy("scheduling", "date"), widget=DateInput())
    subject = forms.CharField(label=pgettext_lazy("scheduling", "subject"), max_length=100, required=False)


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
    resolved = forms.ModelMultipleChoiceField(
        label=pgettext_lazy("scheduling", "problems resolved at this meeting"),
        queryset=Problem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, resolvable: QuerySet[Problem] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if resolvable is None:
            del self.fields["resolved"]
        else:
            self.fields["resolved"].queryset = resolvable
            self.fields["resolved"].label_from_instance = lambda p: (
                f"{p.description[:50]}（{p.project.name}）" if p.project_id else p.description[:50]
            )


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

    def __init__(self, *args, people: QuerySet[User] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people if people is not None else people_queryset()

    def clean(self) -> dict:
        data = super().clean()
        action = data.get("action")
        if action == "reassign" and not data.get("owner"):
            self.add_error("owner", pgettext_lazy("scheduling", "Choose the new owner."))
        if action == "redate" and not data.get("deadline"):
            self.add_error("deadline", pgettext_lazy("scheduling", "Give the new deadline."))
        if action in ("resolve", "close") and not data.get("note"):
            self.add_error("note", pgettext_lazy("scheduling", "Say what was decided."))
        return data
