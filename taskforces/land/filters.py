"""Filters of the land-use guarantee ledger's tables."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ..common.filters import LedgerFilterSet, project_text_filter, township_filter
from ..common.selectors import reference_date
from .models import LandDemand, LandMeeting, LandMeetingDecision, LandProblem, LandProblemStatus, LandStage, LandType

QUARTERS = [(q, _("Q%(quarter)s") % {"quarter": q}) for q in range(1, 5)]


class LandDemandFilter(LedgerFilterSet):
    project = project_text_filter()
    township = township_filter()
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=LandStage.choices, empty_label=_("All stages"))
    land_type = django_filters.ModelChoiceFilter(
        label=_("Land type"), queryset=LandType.objects.all(), empty_label=_("All land types")
    )

    class Meta:
        model = LandDemand
        fields: list[str] = []


class LandProblemFilter(LedgerFilterSet):
    project = project_text_filter()
    township = township_filter()
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=LandProblemStatus.choices, empty_label=_("All statuses")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"),
        method="filter_overdue",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = LandProblem
        fields: list[str] = []

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        overdue = Q(status=LandProblemStatus.OPEN, deadline__lt=reference_date())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class LandMeetingFilter(LedgerFilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    quarter = django_filters.ChoiceFilter(label=_("Quarter"), choices=QUARTERS, empty_label=_("All quarters"))

    class Meta:
        model = LandMeeting
        fields: list[str] = []


class LandMeetingDecisionFilter(LedgerFilterSet):
    project = project_text_filter()
    meeting = django_filters.ModelChoiceFilter(
        label=_("Meeting"), queryset=LandMeeting.objects.order_by("-date"), empty_label=_("All meetings")
    )
    done = django_filters.BooleanFilter(label=_("Done"), widget=django_filters.widgets.BooleanWidget())

    class Meta:
        model = LandMeetingDecision
        fields: list[str] = []
