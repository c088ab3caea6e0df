"""Filter of the funding applications table (the totals on the page follow it)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ..common.filters import LedgerFilterSet, project_text_filter, township_filter
from .models import FundingApplication, FundingStatus, FundType


class FundingApplicationFilter(LedgerFilterSet):
    year = django_filters.ChoiceFilter(label=_("Year"), choices=[], empty_label=_("All years"))
    fund_type = django_filters.ChoiceFilter(
        label=_("Fund type"), choices=FundType.choices, empty_label=_("All fund types")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=FundingStatus.choices, empty_label=_("All statuses")
    )
    project = project_text_filter()
    township = township_filter()
    batch = django_filters.CharFilter(label=_("Batch"), lookup_expr="icontains")

    class Meta:
        model = FundingApplication
        fields: list[str] = []

    def __init__(self, data: QueryDict | None = None, queryset: QuerySet | None = None, **kwargs: Any) -> None:
        super().__init__(data, queryset=queryset, **kwargs)
        base = self.queryset if self.queryset is not None else FundingApplication.objects.all()
        years = list(base.order_by().values_list("year", flat=True).distinct().order_by("-year"))
        choices = [(str(y), str(y)) for y in years]
        self.filters["year"].extra["choices"] = choices
        # The base class has built the form already: give its field the choices too.
        self.form.fields["year"].choices = [("", _("All years")), *choices]
