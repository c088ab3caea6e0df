"""The project list's filter: one year's key list, narrowed by tier, nature, place, unit, status, keyword."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit, UnitKind

from .models import Nature, ProjectStatus, ProjectYear, Tier
from .selectors.periods import available_years, default_month

MONTH_CHOICES = [(m, _("Jan–%(month)s") % {"month": m}) for m in range(1, 13)]
SORT_CHOICES = [
    ("", _("Order of the list")),
    ("rate", _("Completion rate, lowest first")),
    ("-rate", _("Completion rate, highest first")),
    ("-plan", _("Annual plan, largest first")),
    ("-total", _("Total investment, largest first")),
    ("name", _("Project name")),
]


class ProjectFilter(django_filters.FilterSet):
    """Filters ProjectYear rows. `year` always has a value (default: the latest listed year), so a
    project listed in several years appears once; `month` and `sort` do not filter, they shape the rows."""

    year = django_filters.TypedChoiceFilter(label=_("Year"), coerce=int, empty_value=None, choices=[])
    month = django_filters.TypedChoiceFilter(
        label=_("Completed up to"), coerce=int, empty_value=None, choices=MONTH_CHOICES, method="keep"
    )
    tier = django_filters.ChoiceFilter(label=_("Tier"), choices=Tier.choices, empty_label=_("All tiers"))
    nature = django_filters.ChoiceFilter(label=_("Nature"), choices=Nature.choices, empty_label=_("All natures"))
    township = django_filters.ModelChoiceFilter(
        label=_("Township"),
        field_name="project__township",
        queryset=Unit.objects.filter(kind__in=[UnitKind.TOWNSHIP, UnitKind.DEV_ZONE]),
        empty_label=_("All townships"),
    )
    responsible_unit = django_filters.ModelChoiceFilter(
        label=_("Responsible unit"),
        field_name="project__responsible_unit",
        queryset=Unit.objects.all(),
        empty_label=_("All units"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), field_name="project__status", choices=ProjectStatus.choices, empty_label=_("All statuses")
    )
    q = django_filters.CharFilter(
        label=_("Keyword"),
        method="keyword",
        widget=forms.TextInput(attrs={"placeholder": _("Name, code or owner")}),
    )
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES, method="keep", empty_label=None)

    class Meta:
        model = ProjectYear
        fields: list[str] = []

    def __init__(
        self, data: QueryDict | None = None, queryset: QuerySet[ProjectYear] | None = None, **kwargs: Any
    ) -> None:
        years = available_years() or [timezone.localdate().year]
        data = data.copy() if data is not None else QueryDict(mutable=True)
        # Fill the defaults into the data, so that the form shows what the rows are computed for.
        year = data.get("year")
        if year is None or year not in {str(y) for y in years}:
            year = str(years[0])
            data["year"] = year
        if not data.get("month"):
            data["month"] = str(default_month(year=int(year)))
        super().__init__(data, queryset=queryset, **kwargs)
        self.years = years
        self.filters["year"].extra["choices"] = [(y, str(y)) for y in years]
        for name in ("month", "sort"):
            self.filters[name].extra["required"] = False

    def keep(self, queryset: QuerySet[ProjectYear], name: str, value: object) -> QuerySet[ProjectYear]:
        """`month` and `sort` do not narrow the rows."""
        return queryset

    def keyword(self, queryset: QuerySet[ProjectYear], name: str, value: str) -> QuerySet[ProjectYear]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(project__name__icontains=value) | Q(project__code__icontains=value) | Q(project__owner__icontains=value)
        )

    @property
    def selected_year(self) -> int:
        """The year shown: the valid asked-for year, else the latest listed one."""
        self.form.is_valid()
        return self.form.cleaned_data.get("year") or self.years[0]

    @property
    def selected_month(self) -> int:
        if not hasattr(self, "_month"):
            self.form.is_valid()
            self._month = self.form.cleaned_data.get("month") or default_month(year=self.selected_year)
        return self._month

    @property
    def selected_sort(self) -> str:
        self.form.is_valid()
        return self.form.cleaned_data.get("sort") or ""

    def effective_query(self) -> QueryDict:
        """The query string with the defaults filled in and without the page (for export and paging links)."""
        query = QueryDict(mutable=True)
        for name in self.filters:
            value = self.data.get(name)
            if value:
                query[name] = value
        query["year"] = str(self.selected_year)
        query["month"] = str(self.selected_month)
        return query
