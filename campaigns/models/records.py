"""The campaigns' own records: the project pipeline, the five batches' industrial projects and
ceremonies, government–bank–enterprise meetings, approval flowcharts, inspections and rewards or penalties.

Money is stored in 万元 (core.money.MONEY).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Campaign, Unit
from core.money import MONEY
from projects.models import Project

# --- reserve: the pipeline ------------------------------------------------------------------------


class PipelineStage(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RESERVE = "reserve", _("Reserve")
    STARTED = "started", _("Started (on the key list)")


class PipelineProject(models.Model):
    """A planned (谋划) or reserve (储备) project: the pipeline beyond this year's key list.

    The stage moves forward only through services: the first preliminary approval makes a planned
    project a reserve project; starting construction puts it on the key list (a projects.Project).
    The dates let any month's figures be recomputed as they stood then.
    """

    name = models.CharField(_("project name"), max_length=200)
    township = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("township"))
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    estimated_investment = models.DecimalField(_("estimated investment (10k yuan)"), **MONEY)
    owner = models.CharField(_("owner (construction unit)"), max_length=200, blank=True)
    stage = models.CharField(_("stage"), max_length=10, choices=PipelineStage.choices, default=PipelineStage.PLANNED)
    entered_on = models.DateField(_("entered the pipeline on"))
    reserve_on = models.DateField(_("became a reserve project on"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    project = models.OneToOneField(
        Project,
        verbose_name=_("key project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pipeline_entry",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pipeline project")
        verbose_name_plural = _("pipeline projects")
        ordering = ["township__sort_order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(estimated_investment__gte=0), name="pipeline_investment_not_negative"),
            models.CheckConstraint(
                condition=Q(stage="planned", reserve_on__isnull=True, started_on__isnull=True)
                | Q(stage="reserve", reserve_on__isnull=False, started_on__isnull=True)
                | Q(stage="started", started_on__isnull=False),
                name="pipeline_stage_matches_dates",
            ),
            models.CheckConstraint(
                condition=Q(reserve_on__isnull=True) | Q(reserve_on__gte=F("entered_on")),
                name="pipeline_reserve_after_entry",
            ),
        ]
        indexes = [models.Index(fields=["stage"])]

    def __str__(self) -> str:
        return self.name

    def stage_on(self, day: date) -> str:
        """The stage the project was at on `day` ("" before it entered the pipeline)."""
        if self.started_on and self.started_on <= day:
            return PipelineStage.STARTED
        if self.reserve_on and self.reserve_on <= day:
            return PipelineStage.RESERVE
        if self.entered_on <= day:
            return PipelineStage.PLANNED
        return ""


class PipelineApproval(models.Model):
    """A preliminary approval (前期手续) obtained by a pipeline project."""

    pipeline_project = models.ForeignKey(
        PipelineProject, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("pipeline project")
    )
    name = models.CharField(_("approval"), max_length=100)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    obtained_on = models.DateField(_("obtained on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("preliminary approval")
        verbose_name_plural = _("preliminary approvals")
        ordering = ["obtained_on", "id"]

    def __str__(self) -> str:
        return f"{self.pipeline_project} · {self.name}"


# --- five batches -----------------------------------------------------------------------------------


FIVE_STAGES = ["signed", "landed", "started", "production", "effect"]


class IndustrialProject(models.Model):
    """A township's industrial project through signed → landed → started → in production → reaching effect."""

    name = models.CharField(_("project name"), max_length=200)
    township = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("township"))
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    investment = models.DecimalField(_("agreed investment (10k yuan)"), default=Decimal("0"), **MONEY)
    signed_on = models.DateField(_("signed on"))
    landed_on = models.DateField(_("landed on"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    production_on = models.DateField(_("in production on"), null=True, blank=True)
    effect_on = models.DateField(_("reached design effect on"), null=True, blank=True)
    project = models.ForeignKey(
        Project, verbose_name=_("key project"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("industrial project")
        verbose_name_plural = _("industrial projects")
        ordering = ["township__sort_order", "signed_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(investment__gte=0), name="industrial_investment_not_negative"),
            models.CheckConstraint(
                condition=Q(landed_on__isnull=True) | Q(landed_on__gte=F("signed_on")),
                name="industrial_landed_after_signed",
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(landed_on__isnull=False, started_on__gte=F("landed_on")),
                name="industrial_started_after_landed",
            ),
            models.CheckConstraint(
                condition=Q(production_on__isnull=True)
                | Q(started_on__isnull=False, production_on__gte=F("started_on")),
                name="industrial_production_after_started",
            ),
            models.CheckConstraint(
                condition=Q(effect_on__isnull=True)
                | Q(production_on__isnull=False, effect_on__gte=F("production_on")),
                name="industrial_effect_after_production",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def stage_date(self, stage: str) -> date | None:
        day: date | None = getattr(self, f"{stage}_on")
        return day

    @property
    def current_stage(self) -> str:
        reached = [s for s in FIVE_STAGES if self.stage_date(s)]
        return reached[-1] if reached else ""


class CeremonyKind(models.TextChoices):
    START = "start", _("Start ceremony")
    PRODUCTION = "production", _("Production ceremony")


class Ceremony(models.Model):
    """The quarter's start or production ceremony (一季一仪式)."""

    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=CeremonyKind.choices)
    place = models.CharField(_("place"), max_length=200)
    projects = models.ManyToManyField(
        IndustrialProject, related_name="ceremonies", verbose_name=_("projects"), blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ceremony")
        verbose_name_plural = _("ceremonies")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()}"

    @property
    def quarter(self) -> int:
        return (self.held_on.month - 1) // 3 + 1


# --- service guarantee ------------------------------------------------------------------------------


class BankEnterpriseMeeting(models.Model):
    """A government–bank–enterprise meeting (政银企对接会); the notice asks for two a year."""

    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    banks = models.TextField(_("banks present"), help_text=_("One bank per line."))
    enterprises = models.TextField(_("enterprises present"), help_text=_("One enterprise per line."))
    financing_requested = models.DecimalField(_("financing asked (10k yuan)"), default=Decimal("0"), **MONEY)
    financing_agreed = models.DecimalField(_("financing agreed (10k yuan)"), default=Decimal("0"), **MONEY)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("government–bank–enterprise meeting")
        verbose_name_plural = _("government–bank–enterprise meetings")
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(financing_requested__gte=0, financing_agreed__gte=0),
                name="bankmeeting_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.held_on} {self.place}"

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def bank_list(self) -> list[str]:
        return self._lines(self.banks)

    @property
    def enterprise_list(self) -> list[str]:
        return self._lines(self.enterprises)


class ApprovalFlowchart(models.Model):
    """An approval flowchart for one category of project (审批流程图), shown to every user of the system."""

    category = models.CharField(_("project category"), max_length=100)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="campaigns/flowcharts/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("approval flowchart")
        verbose_name_plural = _("approval flowcharts")
        ordering = ["category", "title"]

    def __str__(self) -> str:
        return f"{self.category} · {self.title}"


# --- supervision and assessment -----------------------------------------------------------------------


class Inspection(models.Model):
    """One of the inspection office's monthly inspections of a township, the dev zone or a department."""

    CHECKS = ("checked_implementation", "checked_mechanism", "checked_scheduling", "checked_results")

    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit inspected"))
    inspected_on = models.DateField(_("inspected on"))
    checked_implementation = models.BooleanField(_("implementation checked"), default=True)
    checked_mechanism = models.BooleanField(_("mechanism checked"), default=True)
    checked_scheduling = models.BooleanField(_("scheduling checked"), default=True)
    checked_results = models.BooleanField(_("results checked"), default=True)
    findings = models.TextField(_("findings"))
    follow_up = models.TextField(_("follow-up required"), blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-year", "-month", "unit__sort_order"]
        constraints = [
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="inspection_month_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.unit}"

    @property
    def checked_list(self) -> list[str]:
        fields = [self._meta.get_field(name) for name in self.CHECKS]
        return [str(f.verbose_name) for f in fields if isinstance(f, models.Field) and getattr(self, f.name)]


class DecisionKind(models.TextChoices):
    COMMENDATION = "commendation", _("Commendation and publicity")
    REWARD = "reward", _("Reward")
    CRITICISM = "criticism", _("Public criticism")
    ADMONITION = "admonition", _("Admonition talk")
    PENALTY = "penalty", _("Penalty")


class Decision(models.Model):
    """A reward or penalty decided for a unit, with its grounds (for the assessment or a campaign's settlement)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("campaign")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Empty for the year's settlement."),
    )
    kind = models.CharField(_("reward or penalty"), max_length=20, choices=DecisionKind.choices)
    grounds = models.TextField(_("grounds"))
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reward or penalty")
        verbose_name_plural = _("rewards and penalties")
        ordering = ["-decided_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12), name="decision_month_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_kind_display()}"

    @property
    def is_reward(self) -> bool:
        return self.kind in (DecisionKind.COMMENDATION, DecisionKind.REWARD)
