"""Shared filter pieces for ledger lists (django-filter)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit, UnitKind


def townships() -> QuerySet[Unit]:
    """The townships and the development zone, in the county's order."""
    return Unit.objects.filter(kind__in=[UnitKind.TOWNSHIP, UnitKind.DEV_ZONE]).order_by("kind", "sort_order", "name")


class LedgerFilterSet(django_filters.FilterSet):
    """Base of ledger filters: date inputs get the date picker, every field is optional.

    Subclasses list their fields; `project_q` is a free-text search on the project's name and code
    (set `project_path` on the subclass if the project is reached through another relation).
    """

    project_path = "project"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = forms.DateInput(attrs={"type": "date"})
            field.required = False

    def filter_project_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        path = self.project_path
        return queryset.filter(Q(**{f"{path}__name__icontains": value}) | Q(**{f"{path}__code__icontains": value}))

    def filter_township(self, queryset: QuerySet, name: str, value: Unit | None) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(**{f"{self.project_path}__township": value})


class DateRangeFilterSet(LedgerFilterSet):
    """A ledger of dated entries: from and to (inclusive) on its `date` field."""

    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")


def project_text_filter() -> django_filters.CharFilter:
    return django_filters.CharFilter(label=_("Project"), method="filter_project_text")


def township_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(label=_("Township"), queryset=townships(), method="filter_township")
