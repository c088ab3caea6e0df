"""Funding task force (争取资金专班): applications for budget funds, special bonds and treasury bonds."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.money import MONEY
from projects.models import Project

from ..common.models import LedgerEntry

__all__ = [
    "FundType",
    "FundingApplication",
    "FundingStatus",
]


class FundType(models.TextChoices):
    CENTRAL_BUDGET = "central_budget", _("Central budget funds")
    PROVINCIAL_BUDGET = "provincial_budget", _("Provincial budget funds")
    SPECIAL_BOND = "special_bond", _("Special bond")
    TREASURY_BOND = "treasury_bond", _("Treasury bond")
    OTHER = "other", _("Other funds")


class FundingStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    APPLIED = "applied", _("Applied for")  # not "Applied": that msgid is the import status 已导入
    APPROVED = "approved", _("Approved")
    RECEIVED = "received", _("Funds received")
    REJECTED = "rejected", _("Not approved")


class FundingApplication(LedgerEntry):
    """One application of one project for one fund in one batch. Totals by type and by year in selectors."""

    ledger_slug = "funding"
    project_path = "project"

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="funding_applications"
    )
    fund_type = models.CharField(_("fund type"), max_length=30, choices=FundType.choices)
    year = models.PositiveIntegerField(_("year"))
    batch = models.CharField(_("batch"), max_length=100, blank=True)
    deadline = models.DateField(_("application deadline"), null=True, blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    amount_applied = models.DecimalField(_("amount applied (10k yuan)"), default=Decimal("0"), **MONEY)
    amount_approved = models.DecimalField(_("amount approved (10k yuan)"), default=Decimal("0"), **MONEY)
    amount_received = models.DecimalField(_("amount received (10k yuan)"), default=Decimal("0"), **MONEY)
    status = models.CharField(
        _("status"), max_length=20, choices=FundingStatus.choices, default=FundingStatus.PREPARING
    )
    notes = models.TextField(_("notes"), blank=True)
    attachments = GenericRelation("files.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        ordering = ["-year", "fund_type", "id"]
        indexes = [models.Index(fields=["year", "fund_type"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_applied__gte=0) & Q(amount_approved__gte=0) & Q(amount_received__gte=0),
                name="funding_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_fund_type_display()}"
