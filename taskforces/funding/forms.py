"""Entry form of the funding ledger (争取资金专班)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..common.forms import LedgerForm
from .models import FundingApplication, FundingStatus

# Statuses that say the application has gone in.
APPLIED_STATUSES = (FundingStatus.APPLIED, FundingStatus.APPROVED, FundingStatus.RECEIVED, FundingStatus.REJECTED)


class FundingApplicationForm(LedgerForm):
    class Meta:
        model = FundingApplication
        fields = [
            "project",
            "fund_type",
            "year",
            "batch",
            "status",
            "deadline",
            "amount_applied",
            "applied_on",
            "amount_approved",
            "approved_on",
            "amount_received",
            "received_on",
            "notes",
        ]
        help_texts = {
            "batch": _("E.g. 2024年第二批中央预算内投资计划"),
            "deadline": _("The date the application must be in."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["year"].initial = timezone.localdate().year

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        if status in APPLIED_STATUSES:
            if not data.get("applied_on"):
                self.add_error("applied_on", _("Enter the date it was applied for."))
            if not data.get("amount_applied"):
                self.add_error("amount_applied", _("Enter the amount applied for."))
        if status in (FundingStatus.APPROVED, FundingStatus.RECEIVED):
            if not data.get("approved_on"):
                self.add_error("approved_on", _("Enter the date it was approved."))
            if not data.get("amount_approved"):
                self.add_error("amount_approved", _("Enter the amount approved."))
        if status == FundingStatus.RECEIVED:
            if not data.get("received_on"):
                self.add_error("received_on", _("Enter the date the funds were received."))
            if not data.get("amount_received"):
                self.add_error("amount_received", _("Enter the amount received."))
        approved, received = data.get("amount_approved"), data.get("amount_received")
        if approved is not None and received is not None and approved and received > approved:
            self.add_error("amount_received", _("More was received than approved; check the amounts."))
        return data
