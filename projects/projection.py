"""The year-end projection (target-gap engine): what the year will bring at the present pace, and what each
remaining month must bring to reach the plan.

For the county's key projects in total, each tier, each township, each responsible unit, and for the FAI
target, after month M of year Y:

- annual plan, completed Jan..M, remaining (plan − completed, never below zero), months left (12 − M);
- needed per month = remaining ÷ months left (none in December: no month is left);
- achieved per month: over the last three months ((Jan..M − Jan..M−3) ÷ 3; over the months there are
  when M < 3) and over the year to date (Jan..M ÷ M);
- projected year-end figure, and the shortfall = plan − projected (negative: a surplus).

The projection method, stated in the result:
- "last_year_profile" when last year's key projects were reported through December: investment is
  seasonal (winter months are low), so Jan..M is taken to be the same share of the year as last year's
  Jan..M was of last year's total (the county's profile, applied to every group): projected = Jan..M ÷ share;
- "run_rate" otherwise (no previous year, an incomplete one, or nothing in last year's Jan..M):
  projected = Jan..M ÷ M × 12.

The FAI target has its own method, from the statistics bureau's published figures (projects/fai.py): last
year's Jan..m as published (or this year's Jan..m ÷ (1 + growth)) against last year's total (published
December, or the year target's base), else the run rate.

Reads the register through its models and `projects.selectors` only. Amounts in 万元, exact Decimals; the
JSON form writes them as exact two-place strings (core.money.plain_amount). Six queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.models import Unit
from core.money import HUNDRED, ZERO, percent_text, plain_amount, yi_text

from .fai import FaiMonthly
from .models import MonthlyProgress, Tier, YearTarget
from .selectors.figures import key_projects

LAST_YEAR_PROFILE = "last_year_profile"
RUN_RATE = "run_rate"
TWELVE = Decimal(12)


@dataclass(frozen=True)
class Figures:
    """One row of the projection. `completed_before_3m` is Jan..M−3 (zero when M <= 3; None when unknown);
    `share` is the part of the year that Jan..M was last year (None: the run rate applies)."""

    annual_plan: Decimal
    completed: Decimal
    month: int
    completed_before_3m: Decimal | None = ZERO
    share: Decimal | None = None

    @property
    def remaining(self) -> Decimal:
        return max(self.annual_plan - self.completed, ZERO)

    @property
    def months_left(self) -> int:
        return 12 - self.month

    @property
    def needed_per_month(self) -> Decimal | None:
        return self.remaining / self.months_left if self.months_left else None

    @property
    def achieved_per_month_3m(self) -> Decimal | None:
        if self.completed_before_3m is None:
            return None
        return (self.completed - self.completed_before_3m) / min(3, self.month)

    @property
    def achieved_per_month_ytd(self) -> Decimal:
        return self.completed / self.month

    @property
    def projected(self) -> Decimal:
        if self.share:
            return self.completed / self.share
        return self.completed / self.month * TWELVE

    @property
    def shortfall(self) -> Decimal:
        """Plan − projected: positive is a shortfall, negative a surplus."""
        return self.annual_plan - self.projected

    def as_json(self) -> dict[str, Any]:
        return {
            "annual_plan": plain_amount(self.annual_plan),
            "completed": plain_amount(self.completed),
            "remaining": plain_amount(self.remaining),
            "months_left": self.months_left,
            "needed_per_month": None if self.needed_per_month is None else plain_amount(self.needed_per_month),
            "achieved_per_month_3m": _amount_or_none(self.achieved_per_month_3m),
            "projected": plain_amount(self.projected),
            "shortfall": plain_amount(self.shortfall),
        }


def _amount_or_none(value: Decimal | None) -> str | None:
    return None if value is None else plain_amount(value)


@dataclass(frozen=True)
class NamedFigures:
    id: int
    name: str
    figures: Figures

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name} | self.figures.as_json()


@dataclass(frozen=True)
class FaiProjection:
    """The FAI target's projection; `figures` is None until the bureau's first figure of the year (up to M)
    is entered. `figures.annual_plan` is the target; `figures.month` the month of the published figure."""

    target: Decimal
    target_growth_rate: Decimal
    base: Decimal | None
    figures: Figures | None
    growth_rate: Decimal | None
    method: str | None

    @property
    def projected_growth_rate(self) -> Decimal | None:
        """The projected year's growth on last year's FAI (the target's base), in percent."""
        if self.figures is None or not self.base:
            return None
        return (self.figures.projected / self.base - 1) * HUNDRED

    def as_json(self) -> dict[str, Any]:
        figures = self.figures
        computed = (
            figures.as_json()
            if figures
            else dict.fromkeys(
                [
                    "completed",
                    "remaining",
                    "months_left",
                    "needed_per_month",
                    "achieved_per_month_3m",
                    "projected",
                    "shortfall",
                ]
            )
        )
        computed.pop("annual_plan", None)
        return {
            "target": plain_amount(self.target),
            "target_growth_rate": percent_text(self.target_growth_rate),
            "base": None if self.base is None else plain_amount(self.base),
            "month": figures.month if figures else None,
            "growth_rate": percent_text(self.growth_rate),
            "projected_growth_rate": percent_text(self.projected_growth_rate),
            "method": self.method,
        } | computed


@dataclass(frozen=True)
class Projection:
    year: int
    month: int
    method: str
    total: Figures
    tiers: dict[str, Figures]
    townships: list[NamedFigures]
    units: list[NamedFigures]
    fai: FaiProjection | None

    def as_json(self) -> dict[str, Any]:
        """The shape of `manage.py projection --json`."""
        return {
            "year": self.year,
            "month": self.month,
            "method": self.method,
            "total": self.total.as_json(),
            "tiers": {tier: figures.as_json() for tier, figures in self.tiers.items()},
            "townships": [item.as_json() for item in self.townships],
            "units": [item.as_json() for item in self.units],
            "fai": None if self.fai is None else self.fai.as_json(),
        }


def last_year_share(*, year: int, month: int) -> Decimal | None:
    """Last year's key projects' Jan..M as a share of their whole year, when that year was reported through
    December and Jan..M holds something; else None. One query."""
    sums = dict(
        MonthlyProgress.objects.filter(year=year - 1, project_id__in=key_projects(year=year - 1).values("project_id"))
        .order_by()
        .values_list("month")
        .annotate(total=Sum("completed"))
        .values_list("month", "total")
    )
    whole = sum(sums.values(), ZERO)
    if 12 not in sums or not whole:
        return None
    part = sum((amount for m, amount in sums.items() if m <= month), ZERO)
    return part / whole if part else None


class _Sums:
    """Plan, Jan..M and Jan..M−3 summed for one group."""

    def __init__(self) -> None:
        self.plan = ZERO
        self.completed = ZERO
        self.before_3m = ZERO

    def figures(self, *, month: int, share: Decimal | None) -> Figures:
        return Figures(
            annual_plan=self.plan,
            completed=self.completed,
            month=month,
            completed_before_3m=self.before_3m,
            share=share,
        )


def year_end_projection(*, year: int, month: int) -> Projection:
    """The projection after month `month` of `year` (see the module's docstring). Six queries."""
    if not 1 <= month <= 12:
        raise ValueError(month)
    share = last_year_share(year=year, month=month)
    listings = list(
        key_projects(year=year)
        .order_by()
        .values_list("project_id", "tier", "annual_plan", "project__township_id", "project__responsible_unit_id")
    )
    done: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for project_id, m, amount in (
        MonthlyProgress.objects.filter(
            year=year, month__lte=month, project_id__in=key_projects(year=year).values("project_id")
        )
        .order_by()
        .values_list("project_id", "month", "completed")
    ):
        done[project_id][0] += amount
        if m <= month - 3:
            done[project_id][1] += amount

    total = _Sums()
    tiers = {tier.value: _Sums() for tier in Tier}
    townships: dict[int, _Sums] = defaultdict(_Sums)
    units: dict[int, _Sums] = defaultdict(_Sums)
    for project_id, tier, plan, township_id, unit_id in listings:
        completed, before = done.get(project_id, (ZERO, ZERO))
        groups = [total, tiers[tier]]
        if township_id:
            groups.append(townships[township_id])
        if unit_id:
            groups.append(units[unit_id])
        for group in groups:
            group.plan += plan
            group.completed += completed
            group.before_3m += before

    names = dict(Unit.objects.filter(pk__in=set(townships) | set(units)).values_list("pk", "name"))

    def named(groups: dict[int, _Sums]) -> list[NamedFigures]:
        items = [
            NamedFigures(pk, names.get(pk, str(pk)), g.figures(month=month, share=share)) for pk, g in groups.items()
        ]
        return sorted(items, key=lambda item: (item.name, item.id))

    return Projection(
        year=year,
        month=month,
        method=LAST_YEAR_PROFILE if share else RUN_RATE,
        total=total.figures(month=month, share=share),
        tiers={tier: sums.figures(month=month, share=share) for tier, sums in tiers.items()},
        townships=named(townships),
        units=named(units),
        fai=fai_projection(year=year, month=month),
    )


def fai_projection(*, year: int, month: int) -> FaiProjection | None:
    """The FAI target's projection from the bureau's figures published up to month M (else the year target's
    `fai_completed`); None without a target for the year. Two queries."""
    target = YearTarget.objects.filter(year=year).first()
    if target is None:
        return None
    rows = {(row.year, row.month): row for row in FaiMonthly.objects.filter(year__in=[year - 1, year])}
    this_year = {m: row for (y, m), row in rows.items() if y == year and m <= month}
    growth: Decimal | None = None
    if this_year:
        latest = this_year[max(this_year)]
        m, completed, growth = latest.month, latest.completed, latest.growth_rate
    elif target.fai_completed is not None and target.fai_completed_month and target.fai_completed_month <= month:
        m, completed = target.fai_completed_month, target.fai_completed
    else:
        return FaiProjection(target.fai_target, target.growth_rate, target.base, None, None, None)
    before: Decimal | None = ZERO
    if m > 3:
        three_back = this_year.get(m - 3)
        before = three_back.completed if three_back else None
    last_part: Decimal | None = rows[(year - 1, m)].completed if (year - 1, m) in rows else None
    if last_part is None and growth is not None and growth > -HUNDRED:
        last_part = completed / (1 + growth / HUNDRED)  # the growth is measured against last year's Jan..m
    last_whole = rows[(year - 1, 12)].completed if (year - 1, 12) in rows else target.base
    share = last_part / last_whole if last_part and last_whole else None
    figures = Figures(
        annual_plan=target.fai_target, completed=completed, month=m, completed_before_3m=before, share=share
    )
    return FaiProjection(
        target=target.fai_target,
        target_growth_rate=target.growth_rate,
        base=target.base,
        figures=figures,
        growth_rate=growth,
        method=LAST_YEAR_PROFILE if share else RUN_RATE,
    )


def method_text(method: str | None, month: int) -> str:
    """The projection method in words, as the page states it."""
    if method == LAST_YEAR_PROFILE:
        return _(
            "Projected with last year's monthly profile: Jan–%(month)s is taken to be the same share of the year "
            "as last year."
        ) % {"month": month}
    if method == RUN_RATE:
        return _("Projected at the year-to-date run rate of Jan–%(month)s (no complete previous year to follow).") % {
            "month": month
        }
    return ""


def projection_sentence(figures: Figures) -> str:
    """The dashboard's sentence, amounts in 亿元: 按目前进度，预计全年完成X亿元，缺口Y亿元；后N个月需月均完成Z亿元."""
    values = {
        "projected": yi_text(figures.projected),
        "gap": yi_text(abs(figures.shortfall)),
        "months": figures.months_left,
        "needed": yi_text(figures.needed_per_month or ZERO),
    }
    if figures.shortfall > 0:
        head = (
            _("At the current pace the year will reach %(projected)s 100m yuan, %(gap)s 100m yuan short of the plan")
            % values
        )
    else:
        head = (
            _("At the current pace the year will reach %(projected)s 100m yuan, %(gap)s 100m yuan above the plan")
            % values
        )
    if figures.months_left == 0:
        return head
    if figures.remaining == 0:
        return _("%(head)s; the year's plan is already met") % {"head": head}
    tail = _("the remaining %(months)s months need %(needed)s 100m yuan a month") % values
    return _("%(head)s; %(tail)s") % {"head": head, "tail": tail}


def growth_text(fai: FaiProjection) -> str:
    """FAI Jan..m and its growth against the target rate, for the dashboard."""
    if fai.figures is None or fai.growth_rate is None:
        return ""
    return _("FAI Jan–%(month)s: %(completed)s 100m yuan, growth %(growth)s%% (target %(target)s%%)") % {
        "month": fai.figures.month,
        "completed": yi_text(fai.figures.completed),
        "growth": percent_text(fai.growth_rate),
        "target": percent_text(fai.target_growth_rate),
    }
