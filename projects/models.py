"""The key-project register: yearly targets, projects, their yearly listing and monthly progress.

Money is stored in 万元 as exact decimals (two places: 1 元 would be 0.0001 万元, but county lists
never go below 0.01 万元 = 100 元).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Unit
from core.money import MONEY

from .fai import FaiMonthly  # noqa: F401  # the statistics bureau's monthly FAI lives in projects/fai.py


class YearTarget(models.Model):
    """The year's fixed-asset-investment target ("1" of 1366)."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    fai_target = models.DecimalField(_("FAI target (10k yuan)"), **MONEY)
    growth_rate = models.DecimalField(_("growth rate (%)"), max_digits=6, decimal_places=2)
    base = models.DecimalField(_("previous year's FAI (10k yuan)"), null=True, blank=True, **MONEY)
    # The FAI actually completed, as the statistics bureau publishes it (optional; the key
    # projects' completed investment is what the system itself knows).
    fai_completed = models.DecimalField(_("FAI completed to date (10k yuan)"), null=True, blank=True, **MONEY)
    fai_completed_month = models.PositiveSmallIntegerField(
        _("FAI completed up to month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    history = HistoricalRecords(table_name="projects_historicalyeartarget")

    class Meta:
        db_table = "projects_yeartarget"
        verbose_name = _("year target")
        verbose_name_plural = _("year targets")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(fai_target__gte=0), name="yeartarget_target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.year}"


class Tier(models.TextChoices):
    PROVINCE = "province", _("Provincial")
    CITY = "city", _("City")
    COUNTY = "county", _("County")


class Nature(models.TextChoices):
    NEW = "new", _("New")
    CONTINUING = "continuing", _("Continuing")
    PRELIMINARY = "preliminary", _("Preliminary")


class ProjectStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    SUSPENDED = "suspended", _("Suspended (not resumed)")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")


class Project(models.Model):
    """A project. It may stay on the key list for several years; see `ProjectYear`."""

    name = models.CharField(_("project name"), max_length=200)
    code = models.CharField(_("project code"), max_length=60, blank=True)
    owner = models.CharField(_("owner (construction unit)"), max_length=200, blank=True)
    scope = models.TextField(_("construction content and scale"), blank=True)
    total_investment = models.DecimalField(_("total investment (10k yuan)"), default=Decimal("0"), **MONEY)
    township = models.ForeignKey(
        Unit,
        verbose_name=_("township"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="township_projects",
    )
    responsible_unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_projects",
    )
    liaison_leader = models.CharField(_("liaison leader"), max_length=100, blank=True)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_completion = models.DateField(_("actual completion"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=ProjectStatus.choices, default=ProjectStatus.NOT_STARTED
    )
    remarks = models.TextField(_("remarks"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(table_name="projects_historicalproject")

    class Meta:
        db_table = "projects_project"
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="project_code_unique"),
            models.CheckConstraint(condition=Q(total_investment__gte=0), name="project_total_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    def reporting_units(self) -> set[int]:
        """Units whose reporters may enter this project's progress."""
        return {pk for pk in (self.township_id, self.responsible_unit_id) if pk}


class ProjectYear(models.Model):
    """A project's place on one year's key list: its tier, nature and annual plan for that year.

    Kept per year so that importing 2025's list never overwrites 2024's plan.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="years", verbose_name=_("project"))
    year = models.PositiveIntegerField(_("year"))
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    nature = models.CharField(_("nature"), max_length=20, choices=Nature.choices)
    annual_plan = models.DecimalField(_("annual planned investment (10k yuan)"), default=Decimal("0"), **MONEY)
    seq = models.PositiveIntegerField(_("number in the list"), default=0)
    history = HistoricalRecords(table_name="projects_historicalprojectyear")

    class Meta:
        db_table = "projects_projectyear"
        verbose_name = _("key project of the year")
        verbose_name_plural = _("key projects of the year")
        ordering = ["year", "tier", "seq", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="projectyear_one_per_year"),
            models.CheckConstraint(condition=Q(annual_plan__gte=0), name="projectyear_plan_not_negative"),
        ]
        indexes = [models.Index(fields=["year", "tier"])]

    def __str__(self) -> str:
        return f"{self.year} {self.project}"


class MonthlyProgress(models.Model):
    """One month's completed investment for a project. Cumulative Jan..M is summed, never stored."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress", verbose_name=_("project"))
    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    completed = models.DecimalField(_("completed this month (10k yuan)"), **MONEY)
    physical_progress = models.TextField(_("physical progress"), blank=True)
    problems = models.TextField(_("problems"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), auto_now=True)
    history = HistoricalRecords(table_name="projects_historicalmonthlyprogress")

    class Meta:
        db_table = "projects_monthlyprogress"
        verbose_name = _("monthly progress")
        verbose_name_plural = _("monthly progress")
        ordering = ["project", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "month"], name="progress_one_per_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="progress_month_valid"),
            models.CheckConstraint(condition=Q(completed__gte=0), name="progress_completed_not_negative"),
        ]
        indexes = [models.Index(fields=["year", "month"])]

    def __str__(self) -> str:
        return f"{self.project} {self.year}-{self.month:02d}"


class ImportKind(models.TextChoices):
    PROJECTS = "projects", _("Project list")
    PROGRESS = "progress", _("Monthly progress")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed")
    APPLIED = "applied", _("Applied")
    DISCARDED = "discarded", _("Discarded")


class ImportBatch(models.Model):
    """An uploaded Excel file between its preview and its confirmation.

    The file is kept so that "confirm" applies exactly what the preview showed; nothing
    reaches the register until then.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED)
    options = models.JSONField(_("options"), default=dict, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        db_table = "projects_importbatch"
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
