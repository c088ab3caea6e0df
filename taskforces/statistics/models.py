"""Statistics inclusion task force (入库纳统专班): the monthly screening of projects for the statistics database.

Eligible: started, and investment at or above the threshold (`StatisticsThreshold`, 500 万元 when none
is configured). A started project not yet included is yellow after one month and red after two.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.money import MONEY
from projects.models import Project

from ..common.models import LedgerEntry

__all__ = [
    "DEFAULT_STATISTICS_THRESHOLD",
    "DocumentsStatus",
    "StatisticsScreening",
    "StatisticsThreshold",
]


DEFAULT_STATISTICS_THRESHOLD = Decimal("500")


class StatisticsThreshold(models.Model):
    """The investment threshold for inclusion (万元) from a date on; the latest one in force applies."""

    effective_from = models.DateField(_("effective from"), unique=True)
    amount = models.DecimalField(_("threshold (10k yuan)"), **MONEY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statistics threshold")
        verbose_name_plural = _("statistics thresholds")
        ordering = ["-effective_from"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="statistics_threshold_positive")]

    def __str__(self) -> str:
        return f"{self.effective_from}: {self.amount}"

    @classmethod
    def amount_on(cls, day: date) -> Decimal:
        """The threshold in force on `day` (one query)."""
        row = (
            cls.objects.filter(effective_from__lte=day)
            .order_by("-effective_from")
            .values_list("amount", flat=True)
            .first()
        )
        return DEFAULT_STATISTICS_THRESHOLD if row is None else row


class DocumentsStatus(models.TextChoices):
    NOT_SUBMITTED = "not_submitted", _("Not submitted")
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed and accepted")
    RETURNED = "returned", _("Returned")


class StatisticsScreening(LedgerEntry):
    """One project's line in one month's screening."""

    ledger_slug = "statistics"
    project_path = "project"

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="statistics_screenings"
    )
    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    eligible = models.BooleanField(_("eligible"), default=False)
    included = models.BooleanField(_("included"), default=False)
    included_on = models.DateField(_("included on"), null=True, blank=True)
    documents_status = models.CharField(
        _("supporting documents"),
        max_length=20,
        choices=DocumentsStatus.choices,
        default=DocumentsStatus.NOT_SUBMITTED,
    )
    documents_submitted_on = models.DateField(_("documents submitted on"), null=True, blank=True)
    documents_reviewed_on = models.DateField(_("documents reviewed on"), null=True, blank=True)
    returned_reason = models.TextField(_("reason returned"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    attachments = GenericRelation("files.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statistics screening")
        verbose_name_plural = _("statistics screenings")
        ordering = ["-year", "-month", "project_id"]
        indexes = [models.Index(fields=["year", "month"])]
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "month"], name="screening_once_per_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="screening_month_valid"),
            models.CheckConstraint(
                condition=Q(included=False) | Q(included_on__isnull=False), name="screening_included_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}-{self.month:02d}"
