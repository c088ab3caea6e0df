"""Metrics of the investment task force's ledger: trips, promotion events, leads signed and landed
(counts and amounts), and contacts with head enterprises."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taskforces.models import EnterpriseContact, Lead, PromotionEvent, PromotionKind, Trip
from taskforces.registry import section_for_model

from .base import Kind, MetricContext, Record, Values, Window, metric, money_text, tally

_ENTRY_SECTIONS: dict[type[Model], tuple[str, str] | None] = {}


def entry_url(obj: Model) -> str:
    """The task-force ledger page of an entry (via the ledgers' registry), or "" when it has none."""
    model = type(obj)
    if model not in _ENTRY_SECTIONS:
        section = section_for_model(model)
        _ENTRY_SECTIONS[model] = (section.slug, section.key) if section else None
    found = _ENTRY_SECTIONS[model]
    return reverse("taskforces:entry", args=[found[0], found[1], obj.pk]) if found else ""


def _trip_record(t: Trip) -> Record:
    return Record(label=f"{t.unit.name} → {t.destination}", url=entry_url(t), detail=t.participants, when=t.date)


@metric(
    "attraction.trips",
    _("out-of-county investment trips in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: trips"),
)
def trips(ctx: MetricContext, window: Window) -> Values:
    rows = (
        Trip.objects.filter(date__gte=window.start, date__lte=window.end).select_related("unit").order_by("date", "id")
    )
    return tally((([t.unit_id], Decimal(1), t) for t in rows), _trip_record)


def _promotion_record(e: PromotionEvent) -> Record:
    return Record(label=e.title, url=entry_url(e), detail=e.place, when=e.date)


def _promotions(window: Window, kind: str) -> Values:
    rows = PromotionEvent.objects.filter(kind=kind, date__gte=window.start, date__lte=window.end).order_by(
        "date", "id"
    )
    return tally((([e.organizer_id], Decimal(1), e) for e in rows), _promotion_record)


@metric(
    "attraction.promotions_comprehensive",
    _("comprehensive promotion events in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: promotion events"),
)
def promotions_comprehensive(ctx: MetricContext, window: Window) -> Values:
    return _promotions(window, PromotionKind.COMPREHENSIVE)


@metric(
    "attraction.promotions_chain",
    _("industry-chain promotion events in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: promotion events"),
)
def promotions_chain(ctx: MetricContext, window: Window) -> Values:
    return _promotions(window, PromotionKind.INDUSTRY_CHAIN)


def _leads(window: Window, date_field: str, amount: bool) -> Values:
    rows = Lead.objects.filter(**{f"{date_field}__gte": window.start, f"{date_field}__lte": window.end}).order_by(
        date_field, "id"
    )

    def describe(lead: Lead) -> Record:
        return Record(
            label=lead.name,
            url=entry_url(lead),
            detail=f"{lead.investor} · {money_text(lead.intended_investment)}",
            when=getattr(lead, date_field),
            amount=lead.intended_investment,
        )

    return tally(
        (([lead.host_township_id], lead.intended_investment if amount else Decimal(1), lead) for lead in rows),
        describe,
    )


@metric(
    "attraction.leads_signed",
    _("leads signed in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: leads"),
)
def leads_signed(ctx: MetricContext, window: Window) -> Values:
    return _leads(window, "signed_on", amount=False)


@metric(
    "attraction.leads_signed_amount",
    _("investment of the leads signed in the period"),
    Kind.MONEY,
    accrues=True,
    source=_("Investment ledger: leads"),
)
def leads_signed_amount(ctx: MetricContext, window: Window) -> Values:
    return _leads(window, "signed_on", amount=True)


@metric(
    "attraction.leads_landed",
    _("leads landed in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: leads"),
)
def leads_landed(ctx: MetricContext, window: Window) -> Values:
    return _leads(window, "landed_on", amount=False)


@metric(
    "attraction.leads_landed_amount",
    _("investment of the leads landed in the period"),
    Kind.MONEY,
    accrues=True,
    source=_("Investment ledger: leads"),
)
def leads_landed_amount(ctx: MetricContext, window: Window) -> Values:
    return _leads(window, "landed_on", amount=True)


def _contact_record(c: EnterpriseContact) -> Record:
    return Record(label=c.enterprise, url=entry_url(c), detail=c.get_mode_display(), when=c.date)


@metric(
    "attraction.head_contacts",
    _("contacts with head enterprises in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Investment ledger: head-enterprise contacts"),
)
def head_contacts(ctx: MetricContext, window: Window) -> Values:
    rows = (
        EnterpriseContact.objects.filter(date__gte=window.start, date__lte=window.end)
        .select_related("lead")
        .order_by("date", "id")
    )
    return tally(
        (([c.lead.host_township_id if c.lead else None], Decimal(1), c) for c in rows),
        _contact_record,
    )
