"""Writes of the supervision ledger: a visit with its ten checks and photos; problems found go on the county ledger."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.forms import ModelForm
from django.utils import timezone

from projects.models import User

from ..models import (
    CheckResult,
    Problem,
    ProblemEvent,
    ProblemEventKind,
    ProblemLevel,
    ProblemSource,
    SupervisionAspect,
    SupervisionCheck,
    SupervisionVisit,
    TaskForce,
)
from ..uploads import CleanedUpload
from . import attachment_create, entry_save


@dataclass
class CheckInput:
    aspect: str
    result: str
    note: str = ""


def _raise_problem(*, visit: SupervisionVisit, check: SupervisionCheck, user: User, taskforce: TaskForce | None) -> Problem:
    """A problem found on a visit, on the county's problem ledger at task-force level, with its first event."""
    now = timezone.now()
    problem = Problem(
        project=visit.project,
        source=ProblemSource.SUPERVISION,
        source_taskforce=taskforce,
        source_visit=visit,
        description=f"{check.get_aspect_display()}：{check.note}",
        category=str(check.get_aspect_display()),
        level=ProblemLevel.TASKFORCE,
        raised_at=now,
        raised_by=user,
        level_changed_at=now,
    )
    problem._history_user = user
    problem.save()
    ProblemEvent.objects.create(
        problem=problem, at=now, kind=ProblemEventKind.RAISED, actor=user, to_level=ProblemLevel.TASKFORCE,
        note=f"{visit.date:%Y-%m-%d} {visit.inspectors}",
    )
    return problem


@transaction.atomic
def supervision_visit_save(
    *, form: ModelForm, checks: list[CheckInput], photos: list[CleanedUpload], user: User
) -> SupervisionVisit:
    """Save a visit (new or edited) with its ten checks and new photos.

    Each check marked "problem" that has no problem yet creates one on the county's problem ledger
    (source: supervision, linked to the project and the visit). A problem already raised is not
    touched when the check is edited: its resolution is followed on the problem ledger.
    """
    visit: SupervisionVisit = entry_save(form=form, user=user)  # type: ignore[assignment]
    existing = {c.aspect: c for c in visit.checks.select_related("problem")}
    taskforce = TaskForce.objects.filter(slug="supervision").first()
    for item in checks:
        check = existing.get(item.aspect) or SupervisionCheck(visit=visit, aspect=item.aspect)
        note = item.note.strip()
        if check.pk and check.result == item.result and check.note == note:
            continue
        check.result = item.result
        check.note = note
        if check.result == CheckResult.PROBLEM and check.problem_id is None:
            check.problem = _raise_problem(visit=visit, check=check, user=user, taskforce=taskforce)
        check._history_user = user
        check.save()  # once: one history line per change of a check
    for cleaned in photos:
        attachment_create(entry=visit, cleaned=cleaned, uploaded_by=user)
    return visit


def aspects() -> list[tuple[str, str]]:
    return list(SupervisionAspect.choices)
