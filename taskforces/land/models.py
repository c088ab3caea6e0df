"""Land-use guarantee task force (用地保障专班): land demand, land problems, the quarterly land meeting.

Returned files (退件) must stand out: the notice's aim is none.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Unit
from projects.models import Project

from ..common.models import LandType, LedgerEntry

__all__ = [
    "LandDemand",
    "LandMeeting",
    "LandMeetingDecision",
    "LandProblem",
    "LandProblemStatus",
    "LandStage",
]


class LandStage(models.TextChoices):
    NOT_FILED = "not_filed", _("Not filed")
    PREPARING = "preparing", _("Preparing the file")
    SUBMITTED_CITY = "submitted_city", _("Submitted to the city")
    SUBMITTED_PROVINCE = "submitted_province", _("Submitted to the province")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class LandDemand(LedgerEntry):
    """A project's land demand and where its application stands."""

    ledger_slug = "land"
    project_path = "project"

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="land_demands"
    )
    area_mu = models.DecimalField(_("area (mu)"), max_digits=12, decimal_places=2, default=Decimal("0"))
    land_type = models.ForeignKey(
        LandType, verbose_name=_("land type"), null=True, blank=True, on_delete=models.PROTECT, related_name="demands"
    )
    stage = models.CharField(_("stage"), max_length=30, choices=LandStage.choices, default=LandStage.NOT_FILED)
    stage_date = models.DateField(_("stage reached on"), null=True, blank=True)
    submitted_city_on = models.DateField(_("submitted to the city on"), null=True, blank=True)
    submitted_province_on = models.DateField(_("submitted to the province on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval_number = models.CharField(_("approval document number"), max_length=100, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    returned_reason = models.TextField(_("reason returned"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    attachments = GenericRelation("files.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("land demand")
        verbose_name_plural = _("land demands")
        ordering = ["project_id", "id"]
        indexes = [models.Index(fields=["stage"])]
        constraints = [
            models.CheckConstraint(condition=Q(area_mu__gte=0), name="land_area_not_negative"),
            models.CheckConstraint(
                condition=~Q(stage="returned") | (Q(returned_on__isnull=False) & ~Q(returned_reason="")),
                name="land_returned_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=~Q(stage="approved") | Q(approved_on__isnull=False), name="land_approved_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.area_mu} 亩"

    @property
    def is_returned(self) -> bool:
        return self.stage == LandStage.RETURNED


class LandProblemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class LandProblem(LedgerEntry):
    """A land problem of a project (用地问题清单). `problem` links it to the county's problem ledger when escalated."""

    ledger_slug = "land"
    project_path = "project"

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="land_problems"
    )
    demand = models.ForeignKey(
        LandDemand,
        verbose_name=_("land demand"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    description = models.TextField(_("description"))
    measures = models.TextField(_("measures"), blank=True)
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LandProblemStatus.choices, default=LandProblemStatus.OPEN
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    problem = models.ForeignKey(
        "problems.Problem",
        verbose_name=_("problem on the county ledger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="land_problems",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("land problem")
        verbose_name_plural = _("land problems")
        ordering = ["status", "deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="resolved") | Q(resolved_on__isnull=False), name="land_problem_resolved_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:40]


class LandMeeting(LedgerEntry):
    """The quarterly land meeting (每季度一次项目用地专题会) and its decisions."""

    ledger_slug = "land"
    project_path = None

    year = models.PositiveIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    chair = models.CharField(_("chaired by"), max_length=100, blank=True)
    attendees = models.TextField(_("attendees"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    attachments = GenericRelation("files.Attachment")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("land meeting")
        verbose_name_plural = _("land meetings")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="land_meeting_quarter_valid"),
        ]

    def __str__(self) -> str:
        return gettext("%(year)s Q%(quarter)s") % {"year": self.year, "quarter": self.quarter}


class LandMeetingDecision(LedgerEntry):
    """One decision of a land meeting, usually about one project."""

    ledger_slug = "land"
    project_path = "project"

    meeting = models.ForeignKey(
        LandMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="land_decisions",
    )
    decision = models.TextField(_("decision"))
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("land meeting decision")
        verbose_name_plural = _("land meeting decisions")
        ordering = ["meeting_id", "id"]

    def __str__(self) -> str:
        return self.decision[:40]
