"""Forms of the problem ledger: raising, resolving, reassigning, re-dating and filtering."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import pgettext_lazy

from accounts.forms import PersonChoiceField, people_queryset
from accounts.models import Role, TaskForce, Unit, User
from core.forms import DateInput, choice_field, model_choice_field
from projects.access import visible_projects
from projects.models import Project

from .access import can_manage_problems, raisable_taskforces
from .models import ProblemLevel, ProblemStatus


class ProblemForm(forms.Form):
    """Raise a problem."""

    description = forms.CharField(
        label=pgettext_lazy("scheduling", "description"), widget=forms.Textarea(attrs={"rows": 3})
    )
    project = forms.ModelChoiceField(
        label=pgettext_lazy("scheduling", "project"), queryset=Project.objects.none(), required=False
    )
    source_taskforce = forms.ModelChoiceField(
        label=pgettext_lazy("scheduling", "task force"), queryset=TaskForce.objects.none(), required=False
    )
    category = forms.CharField(label=pgettext_lazy("scheduling", "problem category"), max_length=50, required=False)
    owner = PersonChoiceField(label=pgettext_lazy("scheduling", "owner"), queryset=User.objects.none(), required=False)
    owner_unit = forms.ModelChoiceField(
        label=pgettext_lazy("scheduling", "responsible unit"), queryset=Unit.objects.all(), required=False
    )
    deadline = forms.DateField(label=pgettext_lazy("scheduling", "deadline"), widget=DateInput())
    level = forms.ChoiceField(
        label=pgettext_lazy("scheduling", "level"), choices=ProblemLevel.choices, initial=ProblemLevel.TASKFORCE
    )

    def __init__(
        self,
        *args: Any,
        taskforces: QuerySet[TaskForce],
        projects: QuerySet[Project],
        may_set_level: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        source_taskforce = model_choice_field(self, "source_taskforce")
        source_taskforce.queryset = taskforces
        model_choice_field(self, "project").queryset = projects.order_by("name")
        model_choice_field(self, "owner").queryset = people_queryset().select_related("unit")
        if not may_set_level:
            # A task-force member raises problems for their own task force, at the task-force level.
            del self.fields["level"]
            source_taskforce.required = True
            source_taskforce.empty_label = None


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=pgettext_lazy("scheduling", "resolution"), widget=forms.Textarea(attrs={"rows": 3})
    )
    close = forms.BooleanField(label=pgettext_lazy("scheduling", "close without resolution"), required=False)


class ReassignForm(forms.Form):
    owner = PersonChoiceField(
        label=pgettext_lazy("scheduling", "new owner"), queryset=User.objects.none(), required=False
    )
    owner_unit = forms.ModelChoiceField(
        label=pgettext_lazy("scheduling", "responsible unit"), queryset=Unit.objects.all(), required=False
    )
    note = forms.CharField(label=pgettext_lazy("scheduling", "note"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "owner").queryset = people_queryset().select_related("unit")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner") and not data.get("owner_unit"):
            raise ValidationError(pgettext_lazy("scheduling", "Choose a person or a unit."))
        return data


class RedateForm(forms.Form):
    deadline = forms.DateField(label=pgettext_lazy("scheduling", "new deadline"), widget=DateInput())
    note = forms.CharField(label=pgettext_lazy("scheduling", "note"), max_length=500, required=False)


class ProblemFilterForm(forms.Form):
    level = forms.ChoiceField(
        label=pgettext_lazy("scheduling", "level"),
        choices=[("", pgettext_lazy("scheduling", "All levels")), *ProblemLevel.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("scheduling", "status"),
        choices=[("", pgettext_lazy("scheduling", "All statuses")), *ProblemStatus.choices],
        required=False,
        initial=ProblemStatus.OPEN,
    )
    overdue = forms.BooleanField(label=pgettext_lazy("scheduling", "overdue only"), required=False)
    taskforce = forms.ChoiceField(label=pgettext_lazy("scheduling", "task force"), required=False)
    q = forms.CharField(label=pgettext_lazy("scheduling", "search"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "taskforce").choices = [("", pgettext_lazy("scheduling", "All task forces"))] + [
            (tf.slug, tf.name) for tf in TaskForce.objects.only("slug", "name")
        ]


def leaders_queryset() -> QuerySet[User]:
    """People a meeting may hand a problem to."""
    return (
        people_queryset()
        .filter(groups__name__in=[Role.LEADER, Role.HQ, Role.TASKFORCE])
        .distinct()
        .select_related("unit")
    )


def problem_form_for(user: User, data: Mapping[str, Any] | None = None) -> ProblemForm:
    """The form to raise a problem: task forces and projects the user may raise it for; the level only for HQ."""
    return ProblemForm(
        data,
        taskforces=raisable_taskforces(user),
        projects=visible_projects(user),
        may_set_level=can_manage_problems(user),
    )
