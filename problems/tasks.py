"""Celery task of the problem ledger: thin (an optional ISO time in, one service call).

Its name keeps the "scheduling." prefix from before the ledger had an app of its own: beat's schedule
and any message still queued refer to it by name.
"""

from __future__ import annotations

from celery import shared_task

from core.clock import parse_now

from .services import problems_escalate_overdue


@shared_task(name="scheduling.escalate_overdue_problems")
def escalate_overdue_problems(now: str | None = None) -> int:
    return problems_escalate_overdue(now=parse_now(now)).escalated
