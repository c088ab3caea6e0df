"""Everything beat triggers, at once: `cycles_run` (also `manage.py run_cycles`).

Each step is a pure function of `now` that claims what is due atomically, so running this twice, or
beside the beat-driven tasks, does nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from notifications.delivery import deliveries_send_due
from problems.services import problems_escalate_overdue

from .reminders import reminders_send_due
from .services import occurrences_open_due


@dataclass
class CycleResult:
    opened: int
    escalated: int
    reminders_sent: int
    deliveries_sent: int

    def as_dict(self) -> dict[str, int]:
        return {"opened": self.opened, "escalated": self.escalated, "reminders_sent": self.reminders_sent}


def cycles_run(*, now: datetime, deliver: bool = True) -> CycleResult:
    """What beat triggers, as of `now`: open due occurrences (with catch-up), escalate overdue problems,
    create due reminders, and (unless `deliver` is False) send the waiting emails and webhook posts.

    `reminders_sent` counts the people newly told in the app, escalation notices included.
    """
    opened = occurrences_open_due(now=now)
    escalation = problems_escalate_overdue(now=now)
    reminders = reminders_send_due(now=now)
    deliveries = deliveries_send_due(now=now) if deliver else 0
    return CycleResult(opened, escalation.escalated, reminders + escalation.notified, deliveries)
