"""Telling people: a notification in the app, and its delivery by email and to a group-chat robot.

Each recipient gets each notification once (a database constraint on recipient, kind and subject);
deliveries are claimed with a conditional update and retried with backoff. Apps above this one decide
whom to tell and what; this app only keeps and sends.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext_lazy


class NotificationKind(models.TextChoices):
    OCCURRENCE_DUE = "occurrence_due", pgettext_lazy("scheduling", "Scheduling due soon")
    OCCURRENCE_OVERDUE = "occurrence_overdue", pgettext_lazy("scheduling", "Scheduling overdue")
    PROBLEM_DUE = "problem_due", pgettext_lazy("scheduling", "Problem deadline near")
    PROBLEM_OVERDUE = "problem_overdue", pgettext_lazy("scheduling", "Problem overdue")
    PROBLEM_ESCALATED = "problem_escalated", pgettext_lazy("scheduling", "Problem escalated")
    PROBLEM_ASSIGNED = "problem_assigned", pgettext_lazy("scheduling", "Problem assigned to you")
    APPROVAL_DUE = "approval_due", pgettext_lazy("scheduling", "Approval deadline near")
    APPROVAL_OVERDUE = "approval_overdue", pgettext_lazy("scheduling", "Approval overdue")
    PROGRESS_MISSING = "progress_missing", pgettext_lazy("scheduling", "Monthly progress missing")


class Notification(models.Model):
    """A reminder in the app. Each recipient gets at most one per subject and kind (a DB constraint)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("scheduling", "recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(pgettext_lazy("scheduling", "kind"), max_length=30, choices=NotificationKind.choices)
    # What it is about, e.g. "occurrence:12", "problem:5:2024-05-10", "progress:2024-05".
    subject_key = models.CharField(pgettext_lazy("scheduling", "subject"), max_length=120)
    title = models.CharField(pgettext_lazy("scheduling", "title"), max_length=200)
    body = models.TextField(pgettext_lazy("scheduling", "text"), blank=True)
    link = models.CharField(pgettext_lazy("scheduling", "link"), max_length=300, blank=True)
    read_at = models.DateTimeField(pgettext_lazy("scheduling", "read at"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("scheduling", "created at"))

    class Meta:
        db_table = "scheduling_notification"  # moved from the cycles app (label scheduling)
        verbose_name = pgettext_lazy("scheduling", "notification")
        verbose_name_plural = pgettext_lazy("scheduling", "notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "subject_key"], name="notification_once_per_subject"),
        ]

    def __str__(self) -> str:
        return self.title


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", pgettext_lazy("scheduling", "Email")
    WEBHOOK = "webhook", pgettext_lazy("scheduling", "Group-chat robot")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("scheduling", "Waiting")
    SENDING = "sending", pgettext_lazy("scheduling", "Sending")
    SENT = "sent", pgettext_lazy("scheduling", "Sent")
    FAILED = "failed", pgettext_lazy("scheduling", "Failed, will retry")
    GAVE_UP = "gave_up", pgettext_lazy("scheduling", "Failed, gave up")


class Delivery(models.Model):
    """Sending a reminder beyond the app: an email to its recipient, or one group-chat post per subject.

    Claimed with a conditional update before sending; a failure is recorded and retried later with backoff.
    """

    notification = models.ForeignKey(
        Notification,
        verbose_name=pgettext_lazy("scheduling", "notification"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(pgettext_lazy("scheduling", "channel"), max_length=10, choices=DeliveryChannel.choices)
    kind = models.CharField(pgettext_lazy("scheduling", "kind"), max_length=30, choices=NotificationKind.choices)
    subject_key = models.CharField(pgettext_lazy("scheduling", "subject"), max_length=120)
    address = models.CharField(pgettext_lazy("scheduling", "address"), max_length=500)
    status = models.CharField(
        pgettext_lazy("scheduling", "status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(pgettext_lazy("scheduling", "attempts"), default=0)
    last_error = models.TextField(pgettext_lazy("scheduling", "last error"), blank=True)
    next_attempt_at = models.DateTimeField(pgettext_lazy("scheduling", "next attempt at"))
    claimed_at = models.DateTimeField(pgettext_lazy("scheduling", "claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(pgettext_lazy("scheduling", "sent at"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("scheduling", "created at"))

    class Meta:
        db_table = "scheduling_delivery"
        verbose_name = pgettext_lazy("scheduling", "delivery")
        verbose_name_plural = pgettext_lazy("scheduling", "deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_notification"),
            # The group chat hears of each subject and kind once, however many people were notified.
            models.UniqueConstraint(
                fields=["kind", "subject_key"],
                condition=Q(channel="webhook"),
                name="delivery_webhook_once_per_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.address}"
