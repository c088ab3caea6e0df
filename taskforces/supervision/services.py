"""Writes of the supervision ledger: a visit with its ten checks and photos; problems found go on the county ledger."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import TaskForce, User
from files.pipeline import CleanedUpload
from files.services import attachment_create
from problems.models import Problem, ProblemSource
from problems.services import problem_raise

from ..common.services import entry_create, entry_update, record_author
from .models import CheckResult, SupervisionCheck, SupervisionVisit


@dataclass
class CheckInput:
    aspect: str
    result: str
    note: str = ""


def supervision_problem_raise(
    *,
    check: SupervisionCheck,
    user: User | None,
    now: datetime,
    taskforce: TaskForce | None,
    deadline: date | None = None,
) -> Problem:
    """Put the problem a check found on the county's problem ledger, at task-force level.

    Raised through the problem ledger's own service, like every other problem (its first event,
    its notifications). The ledger does not know visits: the caller links the problem to the check
    (`SupervisionCheck.problem`), through which the visit is reached.
    """
    visit = check.visit
    return problem_raise(
        description=f"{check.get_aspect_display()}：{check.note}",
        raised_by=user,
        now=now,
        project=visit.project,
        source=ProblemSource.SUPERVISION,
        source_taskforce=taskforce,
        category=str(check.get_aspect_display()),
        deadline=deadline,
    )


@transaction.atomic
def supervision_visit_save(
    *,
    visit: SupervisionVisit | None,
    values: Mapping[str, Any],
    checks: Sequence[CheckInput],
    photos: Sequence[CleanedUpload],
    user: User,
) -> SupervisionVisit:
    """Save a visit (`visit` None: a new one) with `values` (field name → value), its ten checks and new photos.

    Each check marked "problem" that has no problem yet creates one on the county's problem ledger
    (source: supervision, linked to the project and the visit). A problem already raised is not
    touched when the check is edited: its resolution is followed on the problem ledger.
    """
    if visit is None:
        visit = entry_create(model=SupervisionVisit, values=values, user=user)
    else:
        visit = entry_update(entry=visit, values=values, user=user)
    existing = {c.aspect: c for c in visit.checks.select_related("problem")}
    taskforce = TaskForce.objects.filter(slug=SupervisionVisit.ledger_slug).first()
    for item in checks:
        check = existing.get(item.aspect) or SupervisionCheck(visit=visit, aspect=item.aspect)
        note = item.note.strip()
        if check.pk and check.result == item.result and check.note == note:
            continue
        check.result = item.result
        check.note = note
        if check.result == CheckResult.PROBLEM and check.problem_id is None:
            check.problem = supervision_problem_raise(check=check, user=user, now=timezone.now(), taskforce=taskforce)
        record_author(check, user)
        check.save()  # once: one history line per change of a check
    for cleaned in photos:
        attachment_create(entry=visit, cleaned=cleaned, uploaded_by=user)
    return visit
