from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import BulletinSettings


class PublishForm(forms.Form):
    """The confirmation step of publishing: prefilled, so confirming is one click."""

    doc_sequence = forms.IntegerField(
        label=_("Number of the document in the year"),
        min_value=1,
        max_value=9999,
        help_text=_("The N in 〔year〕N号; the next free number is filled in."),
    )
    issued_on = forms.DateField(
        label=_("Date of issue"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Reason for re-issue"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only for a re-issue: what was corrected."),
    )

    def __init__(self, *args: Any, reissue: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].initial = timezone.localdate()
        if not reissue:
            del self.fields["note"]


class BulletinSettingsForm(forms.ModelForm):
    class Meta:
        model = BulletinSettings
        fields = ["decimals", "red_points", "yellow_points", "doc_number_prefix", "issuer", "recipients", "closing"]
        widgets = {"closing": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        red, yellow = data.get("red_points"), data.get("yellow_points")
        if red is not None and yellow is not None and red < yellow:
            self.add_error("red_points", _("The red threshold must be at least the yellow one."))
        return data


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
