"""The six task forces, who belongs to them, and the county's problem ledger (问题台账).

Each task force's own ledger models live in `taskforces/ledgers/<slug>.py` and are imported at the
end of this module (so `from taskforces.models import Lead` works and Django finds them).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models import Project, Unit


class TaskForce(models.Model):
    """One of the six task forces (工作专班). `slug` is fixed: investment, approvals, supervision, land, statistics, funding."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=50)
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("lead unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    duties = models.TextField(_("what it keeps"), blank=True)
    cadence = models.CharField(_("cadence in the notice"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="TaskForceMembership", related_name="taskforces", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("task force")
        verbose_name_plural = _("task forces")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")


class TaskForceMembership(models.Model):
    taskforce = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="taskforce_memberships")
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)

    class Meta:
        verbose_name = _("task-force membership")
        verbose_name_plural = _("task-force memberships")
        constraints = [models.UniqueConstraint(fields=["taskforce", "user"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.taskforce} · {self.user}"


class ProblemSource(models.TextChoices):
    TASKFORCE = "taskforce", _("Task force")
    MEETING = "meeting", _("Meeting")
    SUPERVISION = "supervision", _("Supervision visit")
    REPORT = "report", _("Monthly report")
    OTHER = "other", _("Other")


class ProblemLevel(models.TextChoices):
    """The ladder an unresolved problem climbs, lowest first."""

    TASKFORCE = "taskforce", _("Task force")
    DEPUTY = "deputy", _("Deputy county head in charge")
    EXECUTIVE = "executive", _("Executive deputy county head")
    COUNTY_HEAD = "county_head", _("County head")


PROBLEM_LEVEL_ORDER: list[str] = [c.value for c in ProblemLevel]


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed without resolution")


class Problem(models.Model):
    """A problem on the county's tiered problem ledger."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), null=True, blank=True, on_delete=models.CASCADE, related_name="problems"
    )
    source = models.CharField(_("source"), max_length=20, choices=ProblemSource.choices, default=ProblemSource.OTHER)
    source_taskforce = models.ForeignKey(
        TaskForce, verbose_name=_("task force"), null=True, blank=True, on_delete=models.SET_NULL, related_name="problems"
    )
    description = models.TextField(_("description"))
    category = models.CharField(_("category"), max_length=50, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=ProblemLevel.choices, default=ProblemLevel.TASKFORCE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_problems",
    )
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProblemStatus.choices, default=ProblemStatus.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    raised_at = models.DateTimeField(_("raised at"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("raised by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    # When it last moved up a level (or was raised): an overdue problem is escalated at most once per deadline.
    level_changed_at = models.DateTimeField(_("level changed at"), null=True, blank=True)
    # The supervision visit that found it (source=supervision); set by the supervision ledger.
    source_visit = models.ForeignKey(
        "taskforces.SupervisionVisit",
        verbose_name=_("supervision visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["status", "level"]), models.Index(fields=["status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(resolved_at__isnull=False), name="problem_closed_has_time"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:40]


class ProblemEventKind(models.TextChoices):
    RAISED = "raised", _("Raised")
    ESCALATED = "escalated", _("Escalated")
    REASSIGNED = "reassigned", _("Reassigned")
    REDATED = "redated", _("Deadline changed")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    NOTE = "note", _("Note")


class ProblemEvent(models.Model):
    """A line in a problem's history: when, who (or the system), what, and why."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"))
    kind = models.CharField(_("kind"), max_length=20, choices=ProblemEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_level = models.CharField(_("from level"), max_length=20, choices=ProblemLevel.choices, blank=True)
    to_level = models.CharField(_("to level"), max_length=20, choices=ProblemLevel.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("problem event")
        verbose_name_plural = _("problem events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.problem_id} {self.kind}"


# The six ledgers (imported last: they refer to Problem by name only).
from .ledgers.common import *  # noqa: E402,F403
from .ledgers.investment import *  # noqa: E402,F403
from .ledgers.approvals import *  # noqa: E402,F403
from .ledgers.supervision import *  # noqa: E402,F403
from .ledgers.land import *  # noqa: E402,F403
from .ledgers.statistics import *  # noqa: E402,F403
from .ledgers.funding import *  # noqa: E402,F403
