"""Entry form of the approvals ledger (前期手续专班). Phone-friendly via `LedgerForm`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from ..common.forms import LedgerForm
from .models import ApprovalItem, ApprovalStatus


class ApprovalItemForm(LedgerForm):
    class Meta:
        model = ApprovalItem
        fields = [
            "project",
            "item_type",
            "level",
            "measures",
            "deadline",
            "responsible_leader",
            "handling_unit",
            "handler",
            "status",
            "blocked_reason",
            "applied_on",
            "approved_on",
            "document_number",
            "green_lane",
            "notes",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        if status == ApprovalStatus.APPROVED and not data.get("approved_on"):
            self.add_error("approved_on", gettext("An approved item needs its approval date."))
        if status == ApprovalStatus.BLOCKED and not (data.get("blocked_reason") or "").strip():
            self.add_error("blocked_reason", gettext("Say why the item is blocked."))
        if data.get("applied_on") and data.get("approved_on") and data["approved_on"] < data["applied_on"]:
            self.add_error("approved_on", gettext("The approval date is before the application date."))
        return data
