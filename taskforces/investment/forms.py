"""Entry forms of the investment ledger (招商引资专班). Phone-friendly via `LedgerForm`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from ..common.filters import townships
from ..common.forms import LedgerForm
from .models import EnterpriseContact, Lead, LeadStage, PromotionEvent, PromotionKind, SiteVisit, Trip

# What the ledger holds about a lead, in the order its page shows it. The form edits all but the
# register project, which only the conversion of a signed lead sets (services.lead_convert_to_project).
LEAD_FIELDS = [
    "name",
    "investor",
    "investor_contact",
    "source_region",
    "source_place",
    "industry",
    "attraction_mode",
    "intended_investment",
    "stage",
    "contacted_on",
    "negotiating_on",
    "signed_on",
    "landed_on",
    "dropped_on",
    "host_township",
    "agency_handler",
    "source_trip",
    "project",
    "notes",
]


class LeadForm(LedgerForm):
    class Meta:
        model = Lead
        fields = [name for name in LEAD_FIELDS if name != "project"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model_choice("host_township").queryset = townships()
        self.model_choice("source_trip").queryset = Trip.objects.order_by("-date")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        stage = data.get("stage")
        if stage in (LeadStage.SIGNED, LeadStage.LANDED) and not data.get("signed_on"):
            self.add_error("signed_on", gettext("A signed lead needs its signing date."))
        if stage == LeadStage.LANDED and not data.get("landed_on"):
            self.add_error("landed_on", gettext("A landed lead needs the date it landed."))
        if data.get("signed_on") and data.get("landed_on") and data["landed_on"] < data["signed_on"]:
            self.add_error("landed_on", gettext("A lead lands after it is signed."))
        return data


class TripForm(LedgerForm):
    class Meta:
        model = Trip
        fields = ["date", "end_date", "destination", "region", "unit", "participants", "companies_met", "outcome"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("end_date") and data.get("date") and data["end_date"] < data["date"]:
            self.add_error("end_date", gettext("The return date is before the departure."))
        return data


class PromotionEventForm(LedgerForm):
    class Meta:
        model = PromotionEvent
        fields = [
            "kind",
            "chain",
            "title",
            "date",
            "place",
            "organizer",
            "companies_attending",
            "projects_signed",
            "amount_signed",
            "results",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == PromotionKind.INDUSTRY_CHAIN and not data.get("chain"):
            self.add_error("chain", gettext("Name the industry chain of the event."))
        return data


class SiteVisitForm(LedgerForm):
    class Meta:
        model = SiteVisit
        fields = ["project", "date", "visitors", "findings", "follow_up"]


class EnterpriseContactForm(LedgerForm):
    class Meta:
        model = EnterpriseContact
        fields = ["enterprise", "date", "mode", "participants", "content", "outcome", "lead"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model_choice("lead").queryset = Lead.objects.only("id", "name").order_by("name")
