"""The statistics bureau's monthly published fixed-asset-investment figure (固定资产投资, FAI).

The key projects' completed investment is what the register itself knows; the county's FAI, against
which the year's target ("1" of 1366) is measured, is published by the statistics bureau as a cumulative
Jan..M figure with its growth over the same period of the previous year. HQ enters each month's figure
(admin site); `projects.projection` projects the FAI target from them.

The model lives here and is imported by projects/models.py, so the register's models module stays as it
was; its table is `projects_faimonthly`, like the register's other tables.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.money import MONEY


class FaiMonthly(models.Model):
    """One month's published FAI: cumulative Jan..M in 万元 and its year-on-year growth in percent."""

    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    completed = models.DecimalField(_("FAI Jan..M (10k yuan)"), **MONEY)
    growth_rate = models.DecimalField(
        _("growth on the same period last year (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    remarks = models.CharField(_("remarks"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now, editable=False)
    history = HistoricalRecords(table_name="projects_historicalfaimonthly")

    class Meta:
        app_label = "register"
        db_table = "projects_faimonthly"
        verbose_name = _("published FAI figure")
        verbose_name_plural = _("published FAI figures")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="faimonthly_one_per_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="faimonthly_month_valid"),
            models.CheckConstraint(condition=Q(completed__gte=0), name="faimonthly_completed_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"
