"""Reads over the funding ledger (争取资金专班): totals by fund type and by year, deadlines.

Amounts are in 万元. Totals are taken over whatever queryset the caller passes (the page passes the
filtered ledger, so the totals always match the rows shown and exported). Fixed query counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from accounts.models import User

from ..access import entries_for_user
from .models import FundingApplication, FundingStatus, FundType

ZERO = Decimal("0")
# An application whose deadline is this close and that has not gone in yet is "due soon".
DUE_SOON_DAYS = 30
NOT_YET_APPLIED = (FundingStatus.PREPARING,)


@dataclass
class FundingTotals:
    """Count and sums of a group of applications."""

    key: str | int = ""
    label: str = ""
    count: int = 0
    applied: Decimal = ZERO
    approved: Decimal = ZERO
    received: Decimal = ZERO

    @property
    def approval_rate(self) -> Decimal | None:
        """Approved ÷ applied, in percent."""
        return self.approved * 100 / self.applied if self.applied else None

    @property
    def receipt_rate(self) -> Decimal | None:
        """Received ÷ approved, in percent (funds in place, 资金到位率)."""
        return self.received * 100 / self.approved if self.approved else None

    def add(self, other: FundingTotals) -> None:
        self.count += other.count
        self.applied += other.applied
        self.approved += other.approved
        self.received += other.received


@dataclass
class FundingBreakdown:
    by_type: list[FundingTotals] = field(default_factory=list)
    by_year: list[FundingTotals] = field(default_factory=list)
    total: FundingTotals = field(default_factory=lambda: FundingTotals(key="total"))


_SUMS = {
    "n": Count("id"),
    "applied": Sum("amount_applied"),
    "approved": Sum("amount_approved"),
    "received": Sum("amount_received"),
}


def _totals(key: str | int, label: str, row: Mapping[str, Any]) -> FundingTotals:
    return FundingTotals(
        key=key,
        label=label,
        count=row["n"],
        applied=row["applied"] or ZERO,
        approved=row["approved"] or ZERO,
        received=row["received"] or ZERO,
    )


def visible_applications(*, user: User) -> QuerySet[FundingApplication]:
    return entries_for_user(user, FundingApplication)


def funding_breakdown(*, applications: QuerySet[FundingApplication]) -> FundingBreakdown:
    """Totals by fund type (every type listed, in the order of the choices, zeros included) and by
    year (newest first), and the grand total. Two queries."""
    breakdown = FundingBreakdown()
    base = applications.order_by()
    no_sums: Mapping[str, Any] = {"n": 0, "applied": None, "approved": None, "received": None}
    by_type: dict[str, Mapping[str, Any]] = {
        row["fund_type"]: row for row in base.values("fund_type").annotate(**_SUMS)
    }
    for fund_type in FundType:
        totals = _totals(fund_type.value, str(fund_type.label), by_type.get(fund_type.value) or no_sums)
        breakdown.by_type.append(totals)
        breakdown.total.add(totals)
    by_year: list[Mapping[str, Any]] = list(base.values("year").annotate(**_SUMS).order_by("-year"))
    for year_row in by_year:
        breakdown.by_year.append(_totals(year_row["year"], str(year_row["year"]), year_row))
    return breakdown


@dataclass
class FundingSummary:
    year: int
    this_year: FundingTotals
    all_years: FundingTotals
    due_soon: int = 0
    missed_deadline: int = 0
    rejected: int = 0


def funding_summary(*, user: User, year: int | None = None, today: date | None = None) -> FundingSummary:
    """The key figures: this year's and all years' sums, deadlines coming up or missed. One query."""
    today = today or timezone.localdate()
    year = year or today.year
    this_year = Q(year=year)
    not_applied = Q(status__in=NOT_YET_APPLIED, deadline__isnull=False)
    row = visible_applications(user=user).aggregate(
        n=Count("id"),
        applied=Sum("amount_applied"),
        approved=Sum("amount_approved"),
        received=Sum("amount_received"),
        y_n=Count("id", filter=this_year),
        y_applied=Sum("amount_applied", filter=this_year),
        y_approved=Sum("amount_approved", filter=this_year),
        y_received=Sum("amount_received", filter=this_year),
        due_soon=Count(
            "id", filter=not_applied & Q(deadline__gte=today, deadline__lte=today + timedelta(days=DUE_SOON_DAYS))
        ),
        missed=Count("id", filter=not_applied & Q(deadline__lt=today)),
        rejected=Count("id", filter=this_year & Q(status=FundingStatus.REJECTED)),
    )
    return FundingSummary(
        year=year,
        this_year=_totals(year, str(year), {k[2:]: v for k, v in row.items() if k.startswith("y_")}),
        all_years=_totals("all", "", row),
        due_soon=row["due_soon"],
        missed_deadline=row["missed"],
        rejected=row["rejected"],
    )


def deadline_state(application: FundingApplication, *, today: date | None = None) -> str:
    """ "missed" when the deadline passed before the application went in, "soon" within DUE_SOON_DAYS, else ""."""
    if application.deadline is None or application.status not in NOT_YET_APPLIED:
        return ""
    today = today or timezone.localdate()
    if application.deadline < today:
        return "missed"
    if application.deadline <= today + timedelta(days=DUE_SOON_DAYS):
        return "soon"
    return ""
