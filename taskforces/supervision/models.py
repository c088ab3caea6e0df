"""Progress supervision task force (推进督导专班): visits and the "ten supervisions" (十大督导)."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from projects.models import Project

from ..common.models import LedgerEntry

__all__ = [
    "CheckResult",
    "SupervisionAspect",
    "SupervisionCheck",
    "SupervisionVisit",
]


class SupervisionAspect(models.TextChoices):
    """The ten supervisions, in the notice's order: 机制、目标、程序、投资、进度、入统、服务、施工、环境、问题."""

    MECHANISM = "mechanism", pgettext_lazy("supervision aspect", "Mechanism")
    TARGET = "target", pgettext_lazy("supervision aspect", "Target")
    PROCEDURE = "procedure", pgettext_lazy("supervision aspect", "Procedure")
    INVESTMENT = "investment", pgettext_lazy("supervision aspect", "Investment")
    PROGRESS = "progress", pgettext_lazy("supervision aspect", "Progress")
    STATISTICS = "statistics", pgettext_lazy("supervision aspect", "Statistics inclusion")
    SERVICE = "service", pgettext_lazy("supervision aspect", "Service")
    CONSTRUCTION = "construction", pgettext_lazy("supervision aspect", "Construction")
    ENVIRONMENT = "environment", pgettext_lazy("supervision aspect", "Environment")
    PROBLEMS = "problems", pgettext_lazy("supervision aspect", "Problems")


class CheckResult(models.TextChoices):
    FINE = "fine", pgettext_lazy("supervision result", "Fine")
    PROBLEM = "problem", pgettext_lazy("supervision result", "Problem")


class SupervisionVisit(LedgerEntry):
    """A supervision visit to a key project: site check, talks, photos archived, ten checks, a summary.

    Every key project should have one each month (coverage).
    """

    ledger_slug = "supervision"
    project_path = "project"

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="supervision_visits"
    )
    date = models.DateField(_("date"))
    inspectors = models.CharField(_("inspectors"), max_length=200)
    talked_with = models.CharField(_("talked with"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    attachments = GenericRelation("files.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supervision visit")
        verbose_name_plural = _("supervision visits")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date"]), models.Index(fields=["project", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.project}"


class SupervisionCheck(models.Model):
    """One of the ten supervisions of a visit. A problem found goes on the county's problem ledger (`problems.Problem`, linked here)."""

    ledger_slug = "supervision"
    project_path = "visit__project"

    visit = models.ForeignKey(
        SupervisionVisit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="checks"
    )
    aspect = models.CharField(_("aspect"), max_length=20, choices=SupervisionAspect.choices)
    result = models.CharField(_("result"), max_length=10, choices=CheckResult.choices, default=CheckResult.FINE)
    note = models.TextField(_("note"), blank=True)
    problem = models.OneToOneField(
        "problems.Problem",
        verbose_name=_("problem on the ledger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervision_check",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supervision check")
        verbose_name_plural = _("supervision checks")
        ordering = ["visit_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "aspect"], name="supervision_check_once_per_aspect"),
            models.CheckConstraint(condition=~Q(result="problem") | ~Q(note=""), name="supervision_problem_has_note"),
        ]

    def __str__(self) -> str:
        return f"{self.visit} · {self.get_aspect_display()}"
