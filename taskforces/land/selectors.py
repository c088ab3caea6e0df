"""Reads over the land-use guarantee ledger (用地保障专班): the key figures and what must stand out.

The notice's aim is "no returned files" (不退件): every figure that counts returned land
applications is meant to be zero, and the pages colour it red when it is not.

Every function runs a fixed number of queries whatever the number of entries, and counts only
what the user may read (`taskforces.access.entries_for_user`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from core.periods import quarter_of

from ..access import entries_for_user
from .models import LandDemand, LandMeeting, LandMeetingDecision, LandProblem, LandProblemStatus, LandStage

ZERO = Decimal("0")
# Stages in which the file is with the city or the province, waiting for an answer.
SUBMITTED_STAGES = (LandStage.SUBMITTED_CITY, LandStage.SUBMITTED_PROVINCE)


@dataclass
class StageCount:
    stage: str
    label: str
    count: int = 0
    area: Decimal = ZERO


@dataclass
class LandSummary:
    """The land ledger's key figures (area in 亩)."""

    demands: int = 0
    area: Decimal = ZERO
    stages: dict[str, StageCount] = field(default_factory=dict)
    open_problems: int = 0
    overdue_problems: int = 0
    last_meeting_date: date | None = None
    meeting_this_quarter: bool = False
    open_decisions: int = 0
    year: int = 0
    quarter: int = 1

    def _stage(self, stage: str) -> StageCount:
        return self.stages.get(stage) or StageCount(stage=stage, label=str(LandStage(stage).label))

    @property
    def returned(self) -> StageCount:
        return self._stage(LandStage.RETURNED)

    @property
    def approved(self) -> StageCount:
        return self._stage(LandStage.APPROVED)

    @property
    def submitted(self) -> StageCount:
        """With the city or the province."""
        city, province = self._stage(LandStage.SUBMITTED_CITY), self._stage(LandStage.SUBMITTED_PROVINCE)
        return StageCount(
            stage="submitted", label="", count=city.count + province.count, area=city.area + province.area
        )

    @property
    def pipeline(self) -> list[StageCount]:
        """Every stage in the order of an application, zeros included."""
        return [self._stage(stage) for stage in LandStage.values]


def visible_land_demands(*, user: User) -> QuerySet[LandDemand]:
    return entries_for_user(user, LandDemand)


def land_summary(*, user: User, today: date | None = None) -> LandSummary:
    """Demands by stage, open and overdue land problems, the quarterly meeting. Four queries.

    `today` is what problems are overdue against and whose quarter's meeting is looked for (the
    pages pass the ledgers' reference date, `taskforces.common.selectors.reference_date`).
    """
    today = today or timezone.localdate()
    summary = LandSummary(year=today.year, quarter=quarter_of(today.month))
    rows = visible_land_demands(user=user).values("stage").annotate(n=Count("id"), area=Sum("area_mu")).order_by()
    for row in rows:
        label = str(LandStage(row["stage"]).label) if row["stage"] in LandStage.values else row["stage"]
        summary.stages[row["stage"]] = StageCount(
            stage=row["stage"], label=label, count=row["n"], area=row["area"] or ZERO
        )
        summary.demands += row["n"]
        summary.area += row["area"] or ZERO

    problems = entries_for_user(user, LandProblem).aggregate(
        open=Count("id", filter=Q(status=LandProblemStatus.OPEN)),
        overdue=Count("id", filter=Q(status=LandProblemStatus.OPEN, deadline__lt=today)),
    )
    summary.open_problems, summary.overdue_problems = problems["open"], problems["overdue"]

    meetings = entries_for_user(user, LandMeeting).aggregate(
        last=Max("date"),
        this_quarter=Count("id", filter=Q(year=summary.year, quarter=summary.quarter)),
    )
    summary.last_meeting_date = meetings["last"]
    summary.meeting_this_quarter = bool(meetings["this_quarter"])

    summary.open_decisions = entries_for_user(user, LandMeetingDecision).filter(done=False).count()
    return summary


def land_meeting_ledger() -> QuerySet[LandMeeting]:
    """The land meetings with their decisions counted (`decision_count`, `open_decision_count`), newest first."""
    # Explicit order: Meta.ordering does not apply to a grouped (annotated) query.
    return LandMeeting.objects.annotate(
        decision_count=Count("decisions"), open_decision_count=Count("decisions", filter=Q(decisions__done=False))
    ).order_by("-date", "-id")


def returned_land_demands(*, user: User, limit: int = 20) -> list[LandDemand]:
    """Returned land applications, most recently returned first: what the page puts on top in red."""
    qs = (
        visible_land_demands(user=user)
        .filter(stage=LandStage.RETURNED)
        .select_related("project", "land_type")
        .order_by("-returned_on", "-id")
    )
    return list(qs[:limit])
