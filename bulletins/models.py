"""Published monthly bulletins (通报), frozen as issued, and the county's bulletin settings.

A `Bulletin` is one month's bulletin; each time the HQ office publishes it a `BulletinVersion` is
written with the figures as issued (JSON) and the Word document as issued (bytes). Versions are
never edited: later corrections to progress data change the live preview, not what was published;
re-issuing writes the next version and lists its differences from the one before.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .schema import OptionsJSON

# Defaults are the county's own words (data, not interface text).
DEFAULT_ISSUER = "阳城县项目建设指挥部办公室"
DEFAULT_PREFIX = "阳项指办"
DEFAULT_RECIPIENTS = "各乡（镇）人民政府，开发区管委会，县直各有关单位："


@dataclass(frozen=True)
class BulletinOptions:
    """What a bulletin is computed and written with; frozen into each published version."""

    decimals: int = 2
    red_points: Decimal = Decimal("20")
    yellow_points: Decimal = Decimal("10")
    doc_number_prefix: str = DEFAULT_PREFIX
    issuer: str = DEFAULT_ISSUER
    recipients: str = DEFAULT_RECIPIENTS
    closing: str = ""

    def as_json(self) -> OptionsJSON:
        return {
            "decimals": self.decimals,
            "red_points": str(self.red_points),
            "yellow_points": str(self.yellow_points),
            "doc_number_prefix": self.doc_number_prefix,
            "issuer": self.issuer,
            "recipients": self.recipients,
            "closing": self.closing,
        }


class RateDecimals(models.IntegerChoices):
    ONE = 1, _("One decimal (97.2%)")
    TWO = 2, _("Two decimals (97.16%)")


class BulletinSettings(models.Model):
    """The county's choices for its bulletins. A single row (id 1); `BulletinSettings.load()` reads it."""

    decimals = models.PositiveSmallIntegerField(
        _("decimals of rates in the text"), choices=RateDecimals.choices, default=RateDecimals.TWO
    )
    red_points = models.DecimalField(
        _("red: behind time progress by more than (points)"), max_digits=5, decimal_places=2, default=Decimal("20")
    )
    yellow_points = models.DecimalField(
        _("yellow: behind time progress by more than (points)"), max_digits=5, decimal_places=2, default=Decimal("10")
    )
    doc_number_prefix = models.CharField(
        _("document-number prefix"),
        max_length=30,
        default=DEFAULT_PREFIX,
        help_text=_("Written before 〔year〕number号, e.g. 阳项指办〔2024〕10号."),
    )
    issuer = models.CharField(_("issuing office"), max_length=100, default=DEFAULT_ISSUER)
    recipients = models.CharField(_("addressees"), max_length=200, default=DEFAULT_RECIPIENTS)
    closing = models.TextField(
        _("next steps (closing section)"),
        blank=True,
        help_text=_("Optional. Printed as the last section of every bulletin; one paragraph per line."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bulletin settings")
        verbose_name_plural = _("bulletin settings")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="bulletinsettings_single_row"),
            models.CheckConstraint(condition=Q(decimals__in=[1, 2]), name="bulletinsettings_decimals_1_or_2"),
            models.CheckConstraint(condition=Q(yellow_points__gte=0), name="bulletinsettings_yellow_not_negative"),
            models.CheckConstraint(
                condition=Q(red_points__gte=F("yellow_points")), name="bulletinsettings_red_above_yellow"
            ),
        ]

    def __str__(self) -> str:
        return str(_("bulletin settings"))

    @classmethod
    def load(cls) -> BulletinSettings:
        """The settings row, or unsaved defaults when nobody has saved any (one query)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def options(self) -> BulletinOptions:
        return BulletinOptions(
            decimals=int(self.decimals),
            red_points=Decimal(self.red_points),
            yellow_points=Decimal(self.yellow_points),
            doc_number_prefix=self.doc_number_prefix,
            issuer=self.issuer,
            recipients=self.recipients,
            closing=self.closing,
        )


class Bulletin(models.Model):
    """The bulletin of one month. Exists once it has been published at least once."""

    year = models.PositiveIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="bulletin_one_per_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="bulletin_month_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"


class BulletinVersion(models.Model):
    """One issue of a month's bulletin, frozen: the figures and the Word document exactly as published."""

    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.PROTECT, related_name="versions", verbose_name=_("bulletin")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    doc_sequence = models.PositiveIntegerField(_("sequence number of the document in its year"))
    doc_number = models.CharField(_("document number"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    figures = models.JSONField(_("figures as issued"))
    docx = models.BinaryField(_("Word document as issued"))
    changes = models.JSONField(_("differences from the previous version"), default=list, blank=True)
    note = models.TextField(_("reason for re-issue"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        verbose_name = _("bulletin version")
        verbose_name_plural = _("bulletin versions")
        ordering = ["bulletin", "number"]
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "number"], name="bulletinversion_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="bulletinversion_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} v{self.number}"
