"""Duties, their occurrences and reminders: the notice's calendar, run by Celery beat.

A `Duty` is a recurring obligation of a task force, a campaign or the HQ office (weekly scheduling,
half-monthly consultation, quarterly land meeting...). It stores `next_due`, the start of the next
period whose occurrence has not been opened yet: beat only ticks, and the opener claims the duties
whose `next_due` has passed (STYLE habit 4). An `Occurrence` is one period's meeting or check, closed
by recording it. Reminders are `Notification`s (one per recipient, subject and kind, enforced by the
database), sent on by email and the group-chat webhook through `Delivery` rows that are retried.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models import Campaign
from projects.models import Unit
from taskforces.models import Problem, ProblemLevel, TaskForce

from .periods import CadenceCode


class OwnerKind(models.TextChoices):
    TASKFORCE = "taskforce", _("Task force")
    CAMPAIGN = "campaign", _("Campaign")
    HQ = "hq", _("HQ office")


class Cadence(models.TextChoices):
    WEEKLY = CadenceCode.WEEKLY, _("Weekly")
    SEMI_MONTHLY = CadenceCode.SEMI_MONTHLY, _("Twice a month")
    MONTHLY = CadenceCode.MONTHLY, _("Monthly")
    QUARTERLY = CadenceCode.QUARTERLY, _("Quarterly")
    HALF_YEARLY = CadenceCode.HALF_YEARLY, _("Twice a year")
    YEARLY = CadenceCode.YEARLY, _("Yearly")
    AD_HOC = CadenceCode.AD_HOC, _("Ad hoc")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Duty(models.Model):
    """A recurring duty of the notice: who holds it, how often, who answers for it."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("A stable short name, e.g. approvals-weekly."))
    name = models.CharField(_("name"), max_length=60, help_text=_("What is held, e.g. scheduling, consultation, bulletin."))
    description = models.TextField(_("description"), blank=True)
    owner_kind = models.CharField(_("belongs to"), max_length=20, choices=OwnerKind.choices)
    taskforce = models.ForeignKey(
        TaskForce, verbose_name=_("task force"), null=True, blank=True, on_delete=models.CASCADE, related_name="cycle_duties"
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), null=True, blank=True, on_delete=models.CASCADE, related_name="cycle_duties"
    )
    cadence = models.CharField(_("cadence"), max_length=20, choices=Cadence.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"), null=True, blank=True, choices=Weekday.choices)
    day = models.PositiveSmallIntegerField(
        _("day of the month"), null=True, blank=True,
        help_text=_("Monthly and longer: the day it is due (31 = the month's last day). Twice a month: the first half's day."),
    )
    second_day = models.PositiveSmallIntegerField(
        _("second day"), null=True, blank=True, help_text=_("Twice a month: the day in the second half (16-31).")
    )
    month_in_period = models.PositiveSmallIntegerField(
        _("month in the period"), null=True, blank=True,
        help_text=_("Quarterly: 1-3; twice a year: 1-6; yearly: 1-12 (the calendar month)."),
    )
    # The level of the problem ledger this duty's meeting decides on (its agenda lists those problems).
    problem_level = models.CharField(
        _("problem level on the agenda"), max_length=20, choices=ProblemLevel.choices, blank=True
    )
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responsible_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible people"), blank=True, related_name="cycle_duties"
    )
    remind_days_before = models.PositiveSmallIntegerField(_("remind days before"), default=2)
    active = models.BooleanField(_("in use"), default=True)
    # The start (local midnight, aware) of the next period whose occurrence is still to be opened.
    next_due = models.DateTimeField(_("next period opens at"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("duty")
        verbose_name_plural = _("duties")
        ordering = ["owner_kind", "sort_order", "id"]
        indexes = [models.Index(fields=["active", "next_due"])]
        constraints = [
            models.CheckConstraint(
                name="duty_one_owner",
                condition=(
                    Q(owner_kind="taskforce", taskforce__isnull=False, campaign__isnull=True)
                    | Q(owner_kind="campaign", taskforce__isnull=True, campaign__isnull=False)
                    | Q(owner_kind="hq", taskforce__isnull=True, campaign__isnull=True)
                ),
            ),
            models.CheckConstraint(
                name="duty_cadence_parameters",
                condition=(
                    Q(cadence="weekly", weekday__isnull=False, weekday__lte=6)
                    | Q(cadence="semi_monthly", day__isnull=False, second_day__isnull=False,
                        day__gte=1, day__lte=15, second_day__gte=16, second_day__lte=31)
                    | Q(cadence="monthly", day__isnull=False, day__gte=1, day__lte=31)
                    | Q(cadence="quarterly", month_in_period__isnull=False, day__isnull=False,
                        month_in_period__gte=1, month_in_period__lte=3, day__gte=1, day__lte=31)
                    | Q(cadence="half_yearly", month_in_period__isnull=False, day__isnull=False,
                        month_in_period__gte=1, month_in_period__lte=6, day__gte=1, day__lte=31)
                    | Q(cadence="yearly", month_in_period__isnull=False, day__isnull=False,
                        month_in_period__gte=1, month_in_period__lte=12, day__gte=1, day__lte=31)
                    | Q(cadence="ad_hoc")
                ),
            ),
            models.CheckConstraint(name="duty_remind_within_a_month", condition=Q(remind_days_before__lte=31)),
        ]

    def __str__(self) -> str:
        return f"{self.owner_name} {self.name}"

    @property
    def owner_name(self) -> str:
        if self.taskforce_id:
            return self.taskforce.name
        if self.campaign_id:
            return self.campaign.name
        return str(_("HQ office"))

    @property
    def schedule_text(self) -> str:
        """The cadence in words, e.g. 每周五 / 每月20日."""
        from django.utils.translation import gettext

        if self.cadence == Cadence.WEEKLY:
            return gettext("every %(weekday)s") % {"weekday": Weekday(self.weekday).label}
        if self.cadence == Cadence.SEMI_MONTHLY:
            return gettext("on the %(first)s and %(second)s of each month") % {"first": self.day, "second": self.second_day}
        if self.cadence == Cadence.MONTHLY:
            if self.day and self.day >= 31:
                return gettext("monthly, on the last day")
            return gettext("monthly, day %(day)s") % {"day": self.day}
        if self.cadence == Cadence.QUARTERLY:
            return gettext("quarterly, month %(month)s of the quarter, day %(day)s") % {"month": self.month_in_period, "day": self.day}
        if self.cadence == Cadence.HALF_YEARLY:
            return gettext("twice a year, month %(month)s of the half, day %(day)s") % {"month": self.month_in_period, "day": self.day}
        if self.cadence == Cadence.YEARLY:
            return gettext("yearly, %(month)s/%(day)s") % {"month": self.month_in_period, "day": self.day}
        return gettext("ad hoc")


class OccurrenceStatus(models.TextChoices):
    OPEN = "open", _("Not held yet")
    HELD = "held", _("Held")


class Occurrence(models.Model):
    """One period's meeting or check of a duty, e.g. 前期手续专班 2024年第19周调度."""

    duty = models.ForeignKey(Duty, verbose_name=_("duty"), on_delete=models.CASCADE, related_name="occurrences")
    period_key = models.CharField(_("period"), max_length=20)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_date = models.DateField(_("due date"))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=OccurrenceStatus.choices, default=OccurrenceStatus.OPEN)
    held_on = models.DateField(_("date held"), null=True, blank=True)
    attendees = models.TextField(_("attendees"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    problems_raised = models.ManyToManyField(
        Problem, verbose_name=_("problems raised"), blank=True, related_name="raised_at_occurrences"
    )
    problems_resolved = models.ManyToManyField(
        Problem, verbose_name=_("problems resolved"), blank=True, related_name="resolved_at_occurrences"
    )
    opened_at = models.DateTimeField(_("opened at"))
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["opened_at"])

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["due_date", "duty__sort_order", "id"]
        indexes = [models.Index(fields=["due_date"]), models.Index(fields=["status", "due_date"])]
        constraints = [
            models.UniqueConstraint(fields=["duty", "period_key"], name="occurrence_one_per_period"),
            models.CheckConstraint(condition=Q(status="open") | Q(held_on__isnull=False), name="occurrence_held_has_date"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="occurrence_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.title


def _attachment_path(instance: OccurrenceAttachment, filename: str) -> str:
    # Keep only the suffix of the client's name: the stored name is ours, the shown name is in `original_name`.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"scheduling/{instance.occurrence_id}/{instance.sha256[:16]}{suffix}"


class OccurrenceAttachment(models.Model):
    """A file kept with a recorded occurrence (minutes, sign-in sheet, photo). Private: served by a view."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class LevelOfficial(models.Model):
    """Who answers for problems at a level of the ladder: the deputy county head in charge (of one task
    force's area, or of all when no task force is given), the executive deputy county head, the county head.

    They are told when a problem reaches their level; the task-force level's people are its leads.
    """

    level = models.CharField(_("level"), max_length=20, choices=ProblemLevel.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+")
    taskforce = models.ForeignKey(
        TaskForce, verbose_name=_("in charge of task force"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="+", help_text=_("Deputy county heads: the task force whose problems they take; empty for all."),
    )

    class Meta:
        verbose_name = _("level official")
        verbose_name_plural = _("level officials")
        ordering = ["level", "id"]
        constraints = [
            models.UniqueConstraint(fields=["level", "user", "taskforce"], name="levelofficial_unique"),
            models.UniqueConstraint(
                fields=["level", "user"], condition=Q(taskforce__isnull=True), name="levelofficial_unique_general"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} · {self.user}"


class NotificationKind(models.TextChoices):
    OCCURRENCE_DUE = "occurrence_due", _("Scheduling due soon")
    OCCURRENCE_OVERDUE = "occurrence_overdue", _("Scheduling overdue")
    PROBLEM_DUE = "problem_due", _("Problem deadline near")
    PROBLEM_OVERDUE = "problem_overdue", _("Problem overdue")
    PROBLEM_ESCALATED = "problem_escalated", _("Problem escalated")
    PROBLEM_ASSIGNED = "problem_assigned", _("Problem assigned to you")
    APPROVAL_DUE = "approval_due", _("Approval deadline near")
    APPROVAL_OVERDUE = "approval_overdue", _("Approval overdue")
    PROGRESS_MISSING = "progress_missing", _("Monthly progress missing")


class Notification(models.Model):
    """A reminder in the app. Each recipient gets at most one per subject and kind (a DB constraint)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    # What it is about, e.g. "occurrence:12", "problem:5:2024-05-10", "progress:2024-05".
    subject_key = models.CharField(_("subject"), max_length=120)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "subject_key"], name="notification_once_per_subject"),
        ]

    def __str__(self) -> str:
        return self.title


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    WEBHOOK = "webhook", _("Group-chat robot")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will retry")
    GAVE_UP = "gave_up", _("Failed, gave up")


class Delivery(models.Model):
    """Sending a reminder beyond the app: an email to its recipient, or one group-chat post per subject.

    Claimed with a conditional update before sending; a failure is recorded and retried later with backoff.
    """

    notification = models.ForeignKey(
        Notification, verbose_name=_("notification"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=DeliveryChannel.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    subject_key = models.CharField(_("subject"), max_length=120)
    address = models.CharField(_("address"), max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_notification"),
            # The group chat hears of each subject and kind once, however many people were notified.
            models.UniqueConstraint(
                fields=["kind", "subject_key"], condition=Q(channel="webhook"), name="delivery_webhook_once_per_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.address}"
