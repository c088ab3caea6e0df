"""Forms of the register pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.money import MONEY


class ProgressForm(forms.Form):
    """One month's progress of one project. Year choices are the years the project is listed in."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])
    month = forms.TypedChoiceField(
        label=_("Month"), coerce=int, choices=[(m, _("%(month)s (month)") % {"month": m}) for m in range(1, 13)]
    )
    completed = forms.DecimalField(
        label=_("Completed this month (10k yuan)"),
        min_value=Decimal("0"),
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )
    physical_progress = forms.CharField(
        label=_("Physical progress"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("What has been built this month")}),
    )
    problems = forms.CharField(
        label=_("Problems"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("Problems needing coordination, if any")}),
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.TypedChoiceField", self.fields["year"]).choices = [(y, str(y)) for y in years]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        year, month = data.get("year"), data.get("month")
        if year and month:
            today = timezone.localdate()
            if (year, month) > (today.year, today.month):
                raise forms.ValidationError(_("A month that has not begun cannot be reported."))
        return data
