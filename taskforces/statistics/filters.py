"""Filter of the monthly screening table. The month always has a value: the newest screened month
unless another is chosen, so the table, the ageing colours and the export show one screening."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ..common.filters import LedgerFilterSet, project_text_filter, township_filter
from ..common.selectors import reference_date
from .models import DocumentsStatus, StatisticsScreening
from .selectors import Ageing, screening_as_of, with_ageing

AGEING_CHOICES = [
    ("late", _("Not included, a month or more after the start")),
    (Ageing.YELLOW, _("Yellow: one month after the start")),
    (Ageing.RED, _("Red: two months or more after the start")),
]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def period_key(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


class StatisticsScreeningFilter(LedgerFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Screening month"), choices=[], method="filter_period", empty_label=None
    )
    project = project_text_filter()
    township = township_filter()
    included = django_filters.ChoiceFilter(
        label=_("Included"), choices=YES_NO, method="filter_included", empty_label=_("All")
    )
    documents_status = django_filters.ChoiceFilter(
        label=_("Supporting documents"), choices=DocumentsStatus.choices, empty_label=_("All")
    )
    ageing = django_filters.ChoiceFilter(
        label=_("Inclusion overdue"), choices=AGEING_CHOICES, method="filter_ageing", empty_label=_("All")
    )

    class Meta:
        model = StatisticsScreening
        fields: list[str] = []

    def __init__(self, data: QueryDict | None = None, queryset: QuerySet | None = None, **kwargs: Any) -> None:
        queryset = StatisticsScreening.objects.all() if queryset is None else queryset
        self.today = reference_date()  # the ledgers' today: rows are aged as of it (or their month's end)
        months = list(queryset.order_by().values_list("year", "month").distinct().order_by("-year", "-month"))
        if not months:
            months = [(self.today.year, self.today.month)]
        keys = [period_key(y, m) for y, m in months]
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if data.get("period") not in keys:
            data["period"] = keys[0]
        super().__init__(data, queryset=queryset, **kwargs)
        choices = [
            (key, _("%(year)s-%(month)02d") % {"year": y, "month": m})
            for key, (y, m) in zip(keys, months, strict=True)
        ]
        self.filters["period"].extra["choices"] = choices
        # The base class has built the form already: give its field the choices too.
        self.form.fields["period"].choices = choices
        year, month = (int(part) for part in str(data["period"]).split("-"))
        self.selected_year, self.selected_month = year, month
        self.as_of = screening_as_of(year=year, month=month, today=self.today)

    def filter_period(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(year=self.selected_year, month=self.selected_month)

    def filter_included(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "yes":
            return queryset.filter(included=True)
        if value == "no":
            return queryset.filter(included=False)
        return queryset

    def filter_ageing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        queryset = with_ageing(queryset, as_of=self.as_of)
        if value == "late":
            return queryset.filter(Q(ageing=Ageing.YELLOW) | Q(ageing=Ageing.RED))
        return queryset.filter(Q(ageing=value))  # `ageing` is an annotation (a Q: the type checker knows fields only)
