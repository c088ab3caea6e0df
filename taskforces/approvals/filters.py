"""Filters of the approvals ledger: the item list and the per-project summary."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit

from ..common.filters import LedgerFilterSet, project_text_filter, township_filter, townships
from ..common.models import ApprovalItemType
from ..common.selectors import reference_date
from .models import ApprovalItem, ApprovalLevel, ApprovalStatus
from .selectors import overdue_filter


class ApprovalItemFilter(LedgerFilterSet):
    project = project_text_filter()
    township = township_filter()
    item_type = django_filters.ModelChoiceFilter(label=_("Approval item"), queryset=ApprovalItemType.objects.all())
    level = django_filters.ChoiceFilter(label=_("Approval level"), choices=ApprovalLevel.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ApprovalStatus.choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    handling_unit = django_filters.ModelChoiceFilter(label=_("Handling unit"), queryset=Unit.objects.all())

    class Meta:
        model = ApprovalItem
        fields: list[str] = []

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        condition = overdue_filter(reference_date())
        return queryset.filter(condition) if value else queryset.exclude(condition)


class ProjectSummaryFilter(django_filters.FilterSet):
    """The per-project summary: projects (not items), annotated by `project_approval_summary`."""

    project = django_filters.CharFilter(label=_("Project"), method="filter_name")
    township = django_filters.ModelChoiceFilter(label=_("Township"), queryset=townships(), field_name="township")
    overdue_only = django_filters.BooleanFilter(label=_("Only projects with overdue items"), method="filter_overdue")

    def filter_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value)) if value else queryset

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        return queryset.filter(overdue_count__gt=0) if value else queryset
