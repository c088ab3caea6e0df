"""Reads of the investment ledger: the key figures the notice and the attraction campaign ask for."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from accounts.models import User

from ..access import entries_for_user
from .models import EnterpriseContact, Lead, LeadStage, PromotionEvent, PromotionKind, SiteVisit, Trip

# The attraction campaign's targets (DOMAIN.md): trips per month, events per year.
TRIPS_PER_MONTH = 2
COMPREHENSIVE_EVENTS_PER_YEAR = 2
CHAIN_EVENTS_PER_YEAR = 5


def lead_ledger() -> QuerySet[Lead]:
    """The leads as the ledger lists them: latest movement first (the date of the stage each has reached)."""
    return (
        Lead.objects.select_related("industry", "attraction_mode", "host_township", "project")
        .annotate(stage_date=Coalesce("dropped_on", "landed_on", "signed_on", "negotiating_on", "contacted_on"))
        .order_by(F("stage_date").desc(nulls_last=True), "-id")
    )


def trip_ledger() -> QuerySet[Trip]:
    """The trips with the number of leads each produced (`lead_count`)."""
    return Trip.objects.select_related("unit").annotate(lead_count=Count("leads"))


def investment_figures(*, user: User, today: date) -> dict[str, Any]:
    """Counts for the investment page, over what the user may see. Five queries."""
    leads = entries_for_user(user, Lead).aggregate(
        contact=Count("id", filter=Q(stage=LeadStage.CONTACT)),
        negotiating=Count("id", filter=Q(stage=LeadStage.NEGOTIATING)),
        signed=Count("id", filter=Q(stage__in=[LeadStage.SIGNED, LeadStage.LANDED], signed_on__year=today.year)),
        signed_amount=Sum(
            "intended_investment", filter=Q(stage__in=[LeadStage.SIGNED, LeadStage.LANDED], signed_on__year=today.year)
        ),
        landed=Count("id", filter=Q(stage=LeadStage.LANDED, landed_on__year=today.year)),
        unconverted=Count("id", filter=Q(stage__in=[LeadStage.SIGNED, LeadStage.LANDED], project__isnull=True)),
    )
    trips = entries_for_user(user, Trip).filter(date__year=today.year, date__month=today.month).count()
    events = (
        entries_for_user(user, PromotionEvent)
        .filter(date__year=today.year)
        .aggregate(
            comprehensive=Count("id", filter=Q(kind=PromotionKind.COMPREHENSIVE)),
            chain=Count("id", filter=Q(kind=PromotionKind.INDUSTRY_CHAIN)),
        )
    )
    week_start = date.fromordinal(today.toordinal() - today.weekday())
    visits = entries_for_user(user, SiteVisit).filter(date__gte=week_start, date__lte=today).count()
    contacts = entries_for_user(user, EnterpriseContact).filter(date__year=today.year).count()
    return {
        **leads,
        "signed_amount": leads["signed_amount"] or Decimal("0"),
        "trips_this_month": trips,
        "events": events,
        "visits_this_week": visits,
        "contacts_this_year": contacts,
    }
