"""Duties, their occurrences and reminders: the notice's calendar, run by Celery beat.

A `Duty` is a recurring obligation of a task force, a campaign or the HQ office (weekly scheduling,
half-monthly consultation, quarterly land meeting...). It stores `next_due`, the start of the next
period whose occurrence has not been opened yet: beat only ticks, and the opener claims the duties
whose `next_due` has passed (STYLE habit 4). An `Occurrence` is one period's meeting or check, closed
by recording it. Reminders are `Notification`s (one per recipient, subject and kind, enforced by the
database), sent on by email and the group-chat webhook through `Delivery` rows that are retried.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext, pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Campaign, TaskForce, Unit
from files.models import Attachment
from problems.models import Problem, ProblemLevel

from .periods import CadenceCode


class OwnerKind(models.TextChoices):
    TASKFORCE = "taskforce", pgettext_lazy("scheduling", "Task force")
    CAMPAIGN = "campaign", pgettext_lazy("scheduling", "Campaign")
    HQ = "hq", pgettext_lazy("scheduling", "HQ office")


class Cadence(models.TextChoices):
    WEEKLY = CadenceCode.WEEKLY, pgettext_lazy("scheduling", "Weekly")
    SEMI_MONTHLY = CadenceCode.SEMI_MONTHLY, pgettext_lazy("scheduling", "Twice a month")
    MONTHLY = CadenceCode.MONTHLY, pgettext_lazy("scheduling", "Monthly")
    QUARTERLY = CadenceCode.QUARTERLY, pgettext_lazy("scheduling", "Quarterly")
    HALF_YEARLY = CadenceCode.HALF_YEARLY, pgettext_lazy("scheduling", "Twice a year")
    YEARLY = CadenceCode.YEARLY, pgettext_lazy("scheduling", "Yearly")
    AD_HOC = CadenceCode.AD_HOC, pgettext_lazy("scheduling", "Ad hoc")


class Weekday(models.IntegerChoices):
    MONDAY = 0, pgettext_lazy("scheduling", "Monday")
    TUESDAY = 1, pgettext_lazy("scheduling", "Tuesday")
    WEDNESDAY = 2, pgettext_lazy("scheduling", "Wednesday")
    THURSDAY = 3, pgettext_lazy("scheduling", "Thursday")
    FRIDAY = 4, pgettext_lazy("scheduling", "Friday")
    SATURDAY = 5, pgettext_lazy("scheduling", "Saturday")
    SUNDAY = 6, pgettext_lazy("scheduling", "Sunday")


class Duty(models.Model):
    """A recurring duty of the notice: who holds it, how often, who answers for it."""

    code = models.SlugField(
        pgettext_lazy("scheduling", "code"),
        max_length=60,
        unique=True,
        help_text=pgettext_lazy("scheduling", "A stable short name, e.g. approvals-weekly."),
    )
    name = models.CharField(
        pgettext_lazy("scheduling", "name"),
        max_length=60,
        help_text=pgettext_lazy("scheduling", "What is held, e.g. scheduling, consultation, bulletin."),
    )
    description = models.TextField(pgettext_lazy("scheduling", "about the duty"), blank=True)
    owner_kind = models.CharField(pgettext_lazy("scheduling", "belongs to"), max_length=20, choices=OwnerKind.choices)
    taskforce = models.ForeignKey(
        TaskForce,
        verbose_name=pgettext_lazy("scheduling", "task force"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cycle_duties",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=pgettext_lazy("scheduling", "campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cycle_duties",
    )
    cadence = models.CharField(pgettext_lazy("scheduling", "cadence"), max_length=20, choices=Cadence.choices)
    weekday = models.PositiveSmallIntegerField(
        pgettext_lazy("scheduling", "weekday"), null=True, blank=True, choices=Weekday.choices
    )
    day = models.PositiveSmallIntegerField(
        pgettext_lazy("scheduling", "day of the month"),
        null=True,
        blank=True,
        help_text=pgettext_lazy(
            "scheduling",
            "Monthly and longer: the day it is due (31 = the month's last day). Twice a month: the first half's day.",
        ),
    )
    second_day = models.PositiveSmallIntegerField(
        pgettext_lazy("scheduling", "second day"),
        null=True,
        blank=True,
        help_text=pgettext_lazy("scheduling", "Twice a month: the day in the second half (16-31)."),
    )
    month_in_period = models.PositiveSmallIntegerField(
        pgettext_lazy("scheduling", "month in the period"),
        null=True,
        blank=True,
        help_text=pgettext_lazy("scheduling", "Quarterly: 1-3; twice a year: 1-6; yearly: 1-12 (the calendar month)."),
    )
    # The level of the problem ledger this duty's meeting decides on (its agenda lists those problems).
    problem_level = models.CharField(
        pgettext_lazy("scheduling", "problem level on the agenda"),
        max_length=20,
        choices=ProblemLevel.choices,
        blank=True,
    )
    responsible_unit = models.ForeignKey(
        Unit,
        verbose_name=pgettext_lazy("scheduling", "responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responsible_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("scheduling", "responsible people"),
        blank=True,
        related_name="cycle_duties",
    )
    remind_days_before = models.PositiveSmallIntegerField(pgettext_lazy("scheduling", "remind days before"), default=2)
    active = models.BooleanField(pgettext_lazy("scheduling", "in use"), default=True)
    # The start (local midnight, aware) of the next period whose occurrence is still to be opened.
    next_due = models.DateTimeField(pgettext_lazy("scheduling", "next period opens at"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(pgettext_lazy("scheduling", "sort order"), default=0)
    created_at = models.DateTimeField(pgettext_lazy("scheduling", "created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = pgettext_lazy("scheduling", "duty")
        verbose_name_plural = pgettext_lazy("scheduling", "duties")
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
                    | Q(
                        cadence="semi_monthly",
                        day__isnull=False,
                        second_day__isnull=False,
                        day__gte=1,
                        day__lte=15,
                        second_day__gte=16,
                        second_day__lte=31,
                    )
                    | Q(cadence="monthly", day__isnull=False, day__gte=1, day__lte=31)
                    | Q(
                        cadence="quarterly",
                        month_in_period__isnull=False,
                        day__isnull=False,
                        month_in_period__gte=1,
                        month_in_period__lte=3,
                        day__gte=1,
                        day__lte=31,
                    )
                    | Q(
                        cadence="half_yearly",
                        month_in_period__isnull=False,
                        day__isnull=False,
                        month_in_period__gte=1,
                        month_in_period__lte=6,
                        day__gte=1,
                        day__lte=31,
                    )
                    | Q(
                        cadence="yearly",
                        month_in_period__isnull=False,
                        day__isnull=False,
                        month_in_period__gte=1,
                        month_in_period__lte=12,
                        day__gte=1,
                        day__lte=31,
                    )
                    | Q(cadence="ad_hoc")
                ),
            ),
            models.CheckConstraint(name="duty_remind_within_a_month", condition=Q(remind_days_before__lte=31)),
        ]

    def __str__(self) -> str:
        return f"{self.owner_name} {self.name}"

    @property
    def owner_name(self) -> str:
        if self.taskforce is not None:
            return self.taskforce.name
        if self.campaign is not None:
            return self.campaign.name
        return str(pgettext_lazy("scheduling", "HQ office"))

    @property
    def schedule_text(self) -> str:
        """The cadence in words, e.g. 每周五 / 每月20日."""
        if self.cadence == Cadence.WEEKLY and self.weekday is not None:  # the database requires the weekday
            return pgettext("scheduling", "every %(weekday)s") % {"weekday": Weekday(self.weekday).label}
        if self.cadence == Cadence.SEMI_MONTHLY:
            return pgettext("scheduling", "on the %(first)s and %(second)s of each month") % {
                "first": self.day,
                "second": self.second_day,
            }
        if self.cadence == Cadence.MONTHLY:
            if self.day and self.day >= 31:
                return pgettext("scheduling", "monthly, on the last day")
            return pgettext("scheduling", "monthly, day %(day)s") % {"day": self.day}
        if self.cadence == Cadence.QUARTERLY:
            return pgettext("scheduling", "quarterly, month %(month)s of the quarter, day %(day)s") % {
                "month": self.month_in_period,
                "day": self.day,
            }
        if self.cadence == Cadence.HALF_YEARLY:
            return pgettext("scheduling", "twice a year, month %(month)s of the half, day %(day)s") % {
                "month": self.month_in_period,
                "day": self.day,
            }
        if self.cadence == Cadence.YEARLY:
            return pgettext("scheduling", "yearly, %(month)s/%(day)s") % {
                "month": self.month_in_period,
                "day": self.day,
            }
        return pgettext("scheduling", "ad hoc")


class OccurrenceStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("scheduling", "Not held yet")
    HELD = "held", pgettext_lazy("scheduling", "Held")


class Occurrence(models.Model):
    """One period's meeting or check of a duty, e.g. 前期手续专班 2024年第19周调度."""

    duty = models.ForeignKey(
        Duty, verbose_name=pgettext_lazy("scheduling", "duty"), on_delete=models.CASCADE, related_name="occurrences"
    )
    period_key = models.CharField(pgettext_lazy("scheduling", "period"), max_length=20)
    period_start = models.DateField(pgettext_lazy("scheduling", "period start"))
    period_end = models.DateField(pgettext_lazy("scheduling", "period end"))
    due_date = models.DateField(pgettext_lazy("scheduling", "due date"))
    title = models.CharField(pgettext_lazy("scheduling", "title"), max_length=200)
    status = models.CharField(
        pgettext_lazy("scheduling", "status"),
        max_length=10,
        choices=OccurrenceStatus.choices,
        default=OccurrenceStatus.OPEN,
    )
    held_on = models.DateField(pgettext_lazy("scheduling", "date held"), null=True, blank=True)
    attendees = models.TextField(pgettext_lazy("scheduling", "attendees"), blank=True)
    minutes = models.TextField(pgettext_lazy("scheduling", "minutes"), blank=True)
    decisions = models.TextField(pgettext_lazy("scheduling", "decisions"), blank=True)
    problems_raised = models.ManyToManyField(
        Problem,
        verbose_name=pgettext_lazy("scheduling", "problems raised"),
        blank=True,
        related_name="raised_at_occurrences",
    )
    problems_resolved = models.ManyToManyField(
        Problem,
        verbose_name=pgettext_lazy("scheduling", "problems resolved"),
        blank=True,
        related_name="resolved_at_occurrences",
    )
    opened_at = models.DateTimeField(pgettext_lazy("scheduling", "opened at"))
    recorded_at = models.DateTimeField(pgettext_lazy("scheduling", "recorded at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("scheduling", "recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Minutes, sign-in sheets, photos: kept as files.Attachment rows (private, served after the read check).
    attachments = GenericRelation(Attachment)
    history = HistoricalRecords(excluded_fields=["opened_at"])

    class Meta:
        verbose_name = pgettext_lazy("scheduling", "occurrence")
        verbose_name_plural = pgettext_lazy("scheduling", "occurrences")
        ordering = ["due_date", "duty__sort_order", "id"]
        indexes = [models.Index(fields=["due_date"]), models.Index(fields=["status", "due_date"])]
        constraints = [
            models.UniqueConstraint(fields=["duty", "period_key"], name="occurrence_one_per_period"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(held_on__isnull=False), name="occurrence_held_has_date"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="occurrence_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title
