"""Entry forms of the statistics-inclusion ledger (入库纳统专班)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..common.forms import LedgerForm
from .models import DocumentsStatus, StatisticsScreening

MONTHS = [(m, _("%(month)s (month)") % {"month": m}) for m in range(1, 13)]


class StatisticsScreeningForm(LedgerForm):
    class Meta:
        model = StatisticsScreening
        fields = [
            "project",
            "year",
            "month",
            "eligible",
            "included",
            "included_on",
            "documents_status",
            "documents_submitted_on",
            "documents_reviewed_on",
            "returned_reason",
            "notes",
        ]
        widgets = {"month": forms.Select(choices=MONTHS)}
        help_texts = {
            "eligible": _("Started, and total investment at or above the threshold."),
            "included": _("Entered in the statistics database (入库)."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            today = timezone.localdate()
            self.fields["year"].initial = today.year
            self.fields["month"].initial = today.month

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("included") and not data.get("included_on"):
            self.add_error("included_on", _("Enter the date it was included."))
        if not data.get("included"):
            data["included_on"] = None
        status = data.get("documents_status")
        if status in (DocumentsStatus.SUBMITTED, DocumentsStatus.REVIEWED, DocumentsStatus.RETURNED) and not data.get(
            "documents_submitted_on"
        ):
            self.add_error("documents_submitted_on", _("Enter the date the documents were submitted."))
        if status in (DocumentsStatus.REVIEWED, DocumentsStatus.RETURNED) and not data.get("documents_reviewed_on"):
            self.add_error("documents_reviewed_on", _("Enter the date the documents were reviewed."))
        if status == DocumentsStatus.RETURNED and not (data.get("returned_reason") or "").strip():
            self.add_error("returned_reason", _("Say why the documents were returned."))
        return data


class ScreeningOpenForm(forms.Form):
    """Open a month's screening: list every eligible project for that month."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label=_("Month"), choices=MONTHS, coerce=int)
