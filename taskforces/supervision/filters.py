"""Filters of the supervision ledger: the visits and the month's coverage of the key projects."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..common.filters import LedgerFilterSet, project_text_filter, township_filter, townships
from ..common.selectors import reference_date
from .models import CheckResult, SupervisionVisit


class SupervisionVisitFilter(LedgerFilterSet):
    project = project_text_filter()
    township = township_filter()
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")
    with_problems = django_filters.BooleanFilter(label=_("With problems"), method="filter_problems")

    class Meta:
        model = SupervisionVisit
        fields: list[str] = []

    def filter_problems(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        condition = {"checks__result": CheckResult.PROBLEM}
        return queryset.filter(**condition).distinct() if value else queryset.exclude(**condition)


class CoverageFilter(django_filters.FilterSet):
    """The coverage list: the year's key listings, annotated by `supervision.selectors.coverage`."""

    month = django_filters.CharFilter(
        label=_("Month"), method="filter_nothing", widget=forms.TextInput(attrs={"type": "month"})
    )
    township = django_filters.ModelChoiceFilter(
        label=_("Township"), queryset=townships(), field_name="project__township"
    )
    not_visited = django_filters.BooleanFilter(label=_("Only not visited"), method="filter_not_visited")

    def filter_nothing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # the month is applied by the selector

    def filter_not_visited(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(month_visits=0) if value else queryset.filter(month_visits__gt=0)


def selected_month(data: Mapping[str, Any] | None) -> tuple[int, int]:
    """The month asked for (?month=YYYY-MM), else the reference month."""
    raw = (data or {}).get("month") or ""
    try:
        year, month = (int(x) for x in raw.split("-"))
        date(year, month, 1)
    except ValueError:
        day = reference_date()
        return day.year, day.month
    return year, month
