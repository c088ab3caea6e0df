"""Pre-construction approvals task force (前期手续专班): each project's approval-item list (审批事项清单)."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Unit
from projects.models import Project

from ..common.models import ApprovalItemType, LedgerEntry

__all__ = [
    "ApprovalItem",
    "ApprovalLevel",
    "ApprovalStatus",
]


class ApprovalLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Provincial")
    CITY = "city", _("City")
    COUNTY = "county", _("County")


class ApprovalStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("approval item", "Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    APPROVED = "approved", _("Approved")
    BLOCKED = "blocked", _("Blocked")


class ApprovalItem(LedgerEntry):
    """One approval a project needs. Overdue: a deadline before today and not approved.

    `applied_on` → `approved_on` is what the service-guarantee campaign measures.
    """

    ledger_slug = "approvals"
    project_path = "project"

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="approval_items"
    )
    item_type = models.ForeignKey(
        ApprovalItemType, verbose_name=_("approval item"), on_delete=models.PROTECT, related_name="items"
    )
    level = models.CharField(
        _("approval level"), max_length=20, choices=ApprovalLevel.choices, default=ApprovalLevel.COUNTY
    )
    measures = models.TextField(_("measures"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    responsible_leader = models.CharField(_("responsible leader"), max_length=100, blank=True)
    handling_unit = models.ForeignKey(
        Unit, verbose_name=_("handling unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handler = models.CharField(_("handler"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ApprovalStatus.choices, default=ApprovalStatus.NOT_STARTED
    )
    blocked_reason = models.TextField(_("reason blocked"), blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    document_number = models.CharField(_("approval document number"), max_length=100, blank=True)
    green_lane = models.BooleanField(_("green fast lane"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    attachments = GenericRelation("files.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("approval item")
        verbose_name_plural = _("approval items")
        ordering = ["project_id", "deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            models.UniqueConstraint(fields=["project", "item_type"], name="approval_item_once_per_project"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_on__isnull=False), name="approval_approved_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status="blocked") | ~Q(blocked_reason=""), name="approval_blocked_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(approved_on__isnull=True)
                | Q(applied_on__isnull=True)
                | Q(approved_on__gte=F("applied_on")),
                name="approval_approved_after_applied",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.item_type}"

    def is_overdue_on(self, day: date) -> bool:
        return self.deadline is not None and self.deadline < day and self.status != ApprovalStatus.APPROVED

    @property
    def is_overdue(self) -> bool:
        """Overdue today; lists annotate `overdue` instead (see taskforces.approvals.selectors)."""
        flag = getattr(self, "overdue", None)
        if flag is not None:
            return bool(flag)
        return self.is_overdue_on(timezone.localdate())
