"""Metrics of the government–bank–enterprise meetings (the service campaign's own records): meetings
held and financing agreed."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import BankEnterpriseMeeting
from .base import Kind, MetricContext, Record, Values, Window, metric, money_text, tally


def _meeting_record(m: BankEnterpriseMeeting) -> Record:
    return Record(
        label=f"{m.held_on} {m.place}",
        url=reverse("campaigns:record_detail", args=["bank-meeting", m.pk]),
        detail=gettext("%(banks)s banks, %(enterprises)s enterprises, %(agreed)s agreed")
        % {
            "banks": len(m.bank_list),
            "enterprises": len(m.enterprise_list),
            "agreed": money_text(m.financing_agreed),
        },
        when=m.held_on,
        amount=m.financing_agreed,
    )


def _bank_meetings(window: Window, amount: bool) -> Values:
    rows = BankEnterpriseMeeting.objects.filter(held_on__gte=window.start, held_on__lte=window.end).order_by(
        "held_on", "id"
    )
    return tally((([], m.financing_agreed if amount else Decimal(1), m) for m in rows), _meeting_record)


@metric(
    "service.bank_meetings",
    _("government–bank–enterprise meetings held in the period"),
    Kind.COUNT,
    accrues=True,
    source=_("Government–bank–enterprise meetings"),
)
def bank_meetings(ctx: MetricContext, window: Window) -> Values:
    return _bank_meetings(window, amount=False)


@metric(
    "service.bank_financing_agreed",
    _("financing agreed at government–bank–enterprise meetings"),
    Kind.MONEY,
    accrues=True,
    source=_("Government–bank–enterprise meetings"),
)
def bank_financing_agreed(ctx: MetricContext, window: Window) -> Values:
    return _bank_meetings(window, amount=True)
