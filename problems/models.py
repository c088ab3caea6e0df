"""The county's tiered problem ledger (分级分类问题台账): problems, their history, and who answers at each level.

A problem is raised by a task force, a meeting, a supervision visit or a monthly report, climbs the
ladder (task force → deputy county head in charge → executive deputy → county head) while it stays
overdue, and is resolved or closed. Apps above this one link to problems (a supervision check, a land
problem, an occurrence's problems raised); a problem knows only its project, its unit and its task force.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import TaskForce, Unit
from projects.models import Project


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
        TaskForce,
        verbose_name=_("task force"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
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
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    # When it last moved up a level (or was raised): an overdue problem is escalated at most once per deadline.
    level_changed_at = models.DateTimeField(_("level changed at"), null=True, blank=True)
    history = HistoricalRecords(table_name="taskforces_historicalproblem")

    class Meta:
        db_table = "taskforces_problem"  # moved from the taskforces app; the table kept its name
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
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_level = models.CharField(_("from level"), max_length=20, choices=ProblemLevel.choices, blank=True)
    to_level = models.CharField(_("to level"), max_length=20, choices=ProblemLevel.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        db_table = "taskforces_problemevent"
        verbose_name = _("problem event")
        verbose_name_plural = _("problem events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.problem_id} {self.kind}"


class LevelOfficial(models.Model):
    """Who answers for problems at a level of the ladder: the deputy county head in charge (of one task
    force's area, or of all when no task force is given), the executive deputy county head, the county head.

    They are told when a problem reaches their level; the task-force level's people are its leads.
    """

    level = models.CharField(pgettext_lazy("scheduling", "level"), max_length=20, choices=ProblemLevel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("scheduling", "person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    taskforce = models.ForeignKey(
        TaskForce,
        verbose_name=pgettext_lazy("scheduling", "in charge of task force"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=pgettext_lazy(
            "scheduling", "Deputy county heads: the task force whose problems they take; empty for all."
        ),
    )

    class Meta:
        db_table = "scheduling_levelofficial"  # moved from the cycles app (label scheduling)
        verbose_name = pgettext_lazy("scheduling", "level official")
        verbose_name_plural = pgettext_lazy("scheduling", "level officials")
        ordering = ["level", "id"]
        constraints = [
            models.UniqueConstraint(fields=["level", "user", "taskforce"], name="levelofficial_unique"),
            models.UniqueConstraint(
                fields=["level", "user"], condition=Q(taskforce__isnull=True), name="levelofficial_unique_general"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} · {self.user}"
