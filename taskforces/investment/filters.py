"""Filters of the investment ledger's tables."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit

from ..common.filters import DateRangeFilterSet, LedgerFilterSet, project_text_filter, township_filter, townships
from ..common.models import AttractionMode, Industry
from .models import (
    ContactMode,
    EnterpriseContact,
    Lead,
    LeadStage,
    PromotionEvent,
    PromotionKind,
    SiteVisit,
    SourceRegion,
    Trip,
)


class LeadFilter(LedgerFilterSet):
    q = django_filters.CharFilter(label=_("Lead or investor"), method="filter_q")
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=LeadStage.choices)
    source_region = django_filters.ChoiceFilter(label=_("Source region"), choices=SourceRegion.choices)
    industry = django_filters.ModelChoiceFilter(label=_("Industry"), queryset=Industry.objects.all())
    attraction_mode = django_filters.ModelChoiceFilter(
        label=_("Attraction mode"), queryset=AttractionMode.objects.all()
    )
    host_township = django_filters.ModelChoiceFilter(label=_("Host township"), queryset=townships())

    class Meta:
        model = Lead
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(investor__icontains=value)) if value else queryset


class TripFilter(DateRangeFilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Unit that went"), queryset=Unit.objects.all())
    region = django_filters.ChoiceFilter(label=_("Region"), choices=SourceRegion.choices)

    class Meta:
        model = Trip
        fields: list[str] = []


class PromotionEventFilter(DateRangeFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PromotionKind.choices)
    chain = django_filters.ModelChoiceFilter(label=_("Industry chain"), queryset=Industry.objects.all())

    class Meta:
        model = PromotionEvent
        fields: list[str] = []


class SiteVisitFilter(DateRangeFilterSet):
    project = project_text_filter()
    township = township_filter()

    class Meta:
        model = SiteVisit
        fields: list[str] = []


class EnterpriseContactFilter(DateRangeFilterSet):
    enterprise = django_filters.CharFilter(label=_("Enterprise"), lookup_expr="icontains")
    mode = django_filters.ChoiceFilter(label=_("Kind of contact"), choices=ContactMode.choices)

    class Meta:
        model = EnterpriseContact
        fields: list[str] = []
