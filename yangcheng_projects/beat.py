"""Every periodic task, in one place. Each entry says in words when it fires.

Beat only ticks: what is due is stored in the database and claimed atomically by the task, so an
extra or a missed tick does no harm (a missed period is opened by the next tick: catch-up).
Times are the county's (CELERY_TIMEZONE = Asia/Shanghai).
"""

from __future__ import annotations

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict] = {
    # Every 10 minutes, around the clock (at :00, :10, :20 ...): open the occurrences of the periods
    # that have begun (a new week on Monday 00:00, a new month on the 1st ...), catching up missed ones.
    "scheduling-open-due-occurrences": {
        "task": "scheduling.open_due_occurrences",
        "schedule": crontab(minute="*/10"),
    },
    # Every 15 minutes, at :05, :20, :35 and :50: move overdue problems up one level. The service acts
    # from 08:00 county time only, so the first escalations of a day go out at 08:05.
    "scheduling-escalate-overdue-problems": {
        "task": "scheduling.escalate_overdue_problems",
        "schedule": crontab(minute="5,20,35,50"),
    },
    # Every 15 minutes, at :07, :22, :37 and :52: create the reminders that are due (occurrences due
    # soon or overdue, problem and approval deadlines, missing monthly progress), from 08:00 on.
    "scheduling-send-reminders": {
        "task": "scheduling.send_reminders",
        "schedule": crontab(minute="7,22,37,52"),
    },
    # Every minute: send the waiting emails and group-chat posts, and retry failed ones whose wait is over.
    "scheduling-send-due-deliveries": {
        "task": "scheduling.send_due_deliveries",
        "schedule": crontab(minute="*"),
    },
}
