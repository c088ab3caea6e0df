"""The home page's form."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _


class PeriodForm(forms.Form):
    """The dashboard's year and month selector (GET)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])
    month = forms.TypedChoiceField(
        label=_("Up to month"),
        coerce=int,
        choices=[(m, _("Jan–%(month)s") % {"month": m}) for m in range(1, 13)],
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.TypedChoiceField", self.fields["year"]).choices = [
            (y, _("%(year)s (year)") % {"year": y}) for y in years
        ]
