"""What the campaigns measure and how they score: the year's settings, indicators, their unit targets,
the weights of the score tables and the rankings as published.

Targets are records, not code: an `Indicator` names a metric by its key (`campaigns.metrics.METRICS`:
"register.completed", "reserve.planned_pool_total"…), a scope, a period, a comparison and either a
fixed target or a multiplier of another metric. Next year's campaign is a new set of rows.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Campaign, Unit

# --- configuration per year ---------------------------------------------------------------------


class CampaignYear(models.Model):
    """Readings and thresholds that may change from one year to the next, edited in the browser."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    # The notice defines a planned project as "no preliminary work begun" and a reserve project as
    # "at least one preliminary approval", so the two stages are disjoint (DOMAIN.md) and the default
    # is False. Some counties read "all planned projects" (全县谋划项目) as the whole pipeline, reserve
    # projects included: tick this to count reserve projects in the planned pool as well.
    reserve_counts_in_planned_pool = models.BooleanField(
        _("reserve projects also count in the planned pool"),
        default=False,
        help_text=_(
            "Off (the notice's definitions): planned and reserve projects are disjoint stages. "
            "On: the planned pool's total and count include reserve projects too."
        ),
    )
    yellow_ratio = models.DecimalField(
        _("yellow threshold (share of the target due)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.80"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_(
            "An indicator not yet met is yellow when it reaches this share of the target due by now, red below."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign year settings")
        verbose_name_plural = _("campaign year settings")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(yellow_ratio__gte=0, yellow_ratio__lte=1), name="campaignyear_yellow_ratio_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}"


# --- indicators ---------------------------------------------------------------------------------


class Scope(models.TextChoices):
    COUNTY = "county", _("The county")
    COUNTY_TOWNSHIPS = "county_townships", _("The county, each township and the dev zone")
    TOWNSHIPS = "townships", _("Each township and the dev zone")
    DEPARTMENTS = "departments", _("Each county department")
    UNITS = "units", _("Each township, the dev zone and each department")


class Period(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class Comparison(models.TextChoices):
    GTE = "gte", "≥"
    LTE = "lte", "≤"
    EQ = "eq", "="


class DisplayUnit(models.TextChoices):
    YI = "yi", _("100M yuan")
    WAN = "wan", _("10k yuan")
    COUNT = "count", _("items")
    TIMES = "times", _("times")
    PERCENT = "percent", "%"
    DAYS = "days", _("days")
    POINTS = "points", _("points")


class Indicator(models.Model):
    """One measured target of a campaign for one year.

    The target is either `target_value` (in `display_unit`) or `target_multiplier` × the value of the
    metric `target_base` over the same scope and period (e.g. 4 × register.fai_target). A row in
    `IndicatorUnitTarget` overrides the target for one unit.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("campaign")
    )
    year = models.PositiveIntegerField(_("year"))
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    metric = models.CharField(_("what is measured"), max_length=60)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.COUNTY)
    period = models.CharField(_("period"), max_length=10, choices=Period.choices, default=Period.YEAR)
    comparison = models.CharField(_("comparison"), max_length=4, choices=Comparison.choices, default=Comparison.GTE)
    target_value = models.DecimalField(
        _("target value"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("In the indicator's unit. Leave empty for a target relative to another figure."),
    )
    target_multiplier = models.DecimalField(
        _("target multiplier"),
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("The target is this multiplier × the base figure (e.g. 4 × the year's FAI target)."),
    )
    target_base = models.CharField(_("base figure"), max_length=60, blank=True)
    display_unit = models.CharField(_("unit"), max_length=10, choices=DisplayUnit.choices)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["campaign__sort_order", "year", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "year", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=(
                    Q(target_value__isnull=False, target_multiplier__isnull=True, target_base="")
                    | (Q(target_value__isnull=True, target_multiplier__isnull=False) & ~Q(target_base=""))
                ),
                name="indicator_fixed_or_relative_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

    @property
    def is_relative(self) -> bool:
        return self.target_multiplier is not None


class IndicatorUnitTarget(models.Model):
    """A unit's own target for an indicator (e.g. one township's five-batches targets)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="unit_targets", verbose_name=_("indicator")
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    target_value = models.DecimalField(_("target value"), max_digits=18, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit target")
        verbose_name_plural = _("unit targets")
        ordering = ["indicator", "unit__sort_order"]
        constraints = [models.UniqueConstraint(fields=["indicator", "unit"], name="unit_target_unique")]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.unit}"


class Scheme(models.TextChoices):
    """The score tables built from weighted indicators."""

    ATTRACTION = "attraction", _("Investment-attraction evaluation")
    FIVE_BATCHES = "five_batches", _("Five-batches assessment")
    COUNTY = "county", _("County assessment (horse race)")


class ScoringItem(models.Model):
    """An indicator's weight in a score table: a unit's score is the weighted average of its achievements × 100."""

    scheme = models.CharField(_("score table"), max_length=20, choices=Scheme.choices)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="scoring_items", verbose_name=_("indicator")
    )
    points = models.DecimalField(
        _("weight"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scoring item")
        verbose_name_plural = _("scoring items")
        ordering = ["scheme", "indicator__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "indicator"], name="scoring_item_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="scoring_item_points_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} · {self.indicator.name}"


class RankingPublication(models.Model):
    """The month's (or year's) ranking as published: frozen, with the grounds for each unit's place.

    `rows` keeps what was shown ([{"group", "rank", "unit_id", "unit", "score", "met", "grounds"}…]),
    so a later change of data or weights never rewrites what was published.
    """

    scheme = models.CharField(_("score table"), max_length=20, choices=Scheme.choices, default=Scheme.COUNTY)
    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Empty for the annual ranking."),
    )
    method = models.TextField(_("how the scores were computed"))
    rows = models.JSONField(_("ranking"), default=list)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("published ranking")
        verbose_name_plural = _("published rankings")
        ordering = ["-year", "-month", "-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "year", "month"], condition=Q(month__isnull=False), name="ranking_one_per_month"
            ),
            models.UniqueConstraint(
                fields=["scheme", "year"], condition=Q(month__isnull=True), name="ranking_one_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} {self.year}-{self.month or ''}"
