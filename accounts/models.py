"""Who is who: units, people and their roles, and the task forces and campaigns they belong to.

This app keeps the historical label `projects` (AUTH_USER_MODEL = "projects.User"): the custom user model
never moved, so existing databases, foreign keys and sessions stay valid. The register itself is the
`projects` package (label `register`). TaskForce and Campaign are here, below every app that refers to
them (problems, cycles, taskforces, campaigns), and keep their original tables.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .history import IPAddressHistoricalModel


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("County department")
    TOWNSHIP = "township", _("Township")
    DEV_ZONE = "dev_zone", _("Development zone")
    OFFICE = "office", _("Office")
    OTHER = "other", _("Other body")


class Unit(models.Model):
    """A government body: a county department, a township, the development zone, an office."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    history = HistoricalRecords(bases=[IPAddressHistoricalModel])

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["kind", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_township(self) -> bool:
        """Townships and the development zone are assessed alike (the notice treats them together)."""
        return self.kind in (UnitKind.TOWNSHIP, UnitKind.DEV_ZONE)


class Role(models.TextChoices):
    """Roles are Django groups with these names; a user may hold several business roles.

    The three administrator roles divide the powers (三权分立): the system administrator (`admin`: users,
    units, settings, imports) cannot read the audit trail; the security administrator (`security`: roles,
    lockouts, password and second-factor resets) sees no business data; the audit administrator (`audit`)
    reads and exports the audit trail only. One person holds at most one of them (accounts.services).
    """

    ADMIN = "admin", _("System administrator")
    HQ = "hq", _("HQ office")
    LEADER = "leader", _("County leader")
    TASKFORCE = "taskforce", _("Task-force member")
    REPORTER = "reporter", _("Township or unit reporter")
    INSPECTION = "inspection", _("Inspection office")
    SECURITY = "security", _("Security administrator")
    AUDIT = "audit", _("Audit administrator")


ADMINISTRATOR_ROLES = frozenset({Role.ADMIN, Role.SECURITY, Role.AUDIT})
# Roles whose holders see no business data: their pages are the security console and the audit trail.
CONFINED_ROLES = frozenset({Role.SECURITY, Role.AUDIT})


class User(AbstractUser):
    """A person who logs in. `unit` scopes what a reporter may see and enter."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="users"
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Set by accounts.passwords.PasswordHistoryValidator.password_changed whenever the password is set.
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    # An administrator chose the password (a new account, a reset): the person must change it at next login.
    password_change_required = models.BooleanField(_("must change password"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


# --- task forces and campaigns: the bodies people belong to ---------------------------------------


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
        db_table = "taskforces_taskforce"  # moved from the taskforces app; the table kept its name
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
    # PROTECT: people are deactivated, never deleted (their records keep naming them).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="taskforce_memberships")
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)

    class Meta:
        db_table = "taskforces_taskforcemembership"
        verbose_name = _("task-force membership")
        verbose_name_plural = _("task-force memberships")
        constraints = [models.UniqueConstraint(fields=["taskforce", "user"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.taskforce} · {self.user}"


class Campaign(models.Model):
    """One of the six campaigns. `slug`: reserve, scheduling, attraction, service, five-batches, assessment."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=50)
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("lead unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("summary"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        db_table = "campaigns_campaign"  # moved from the campaigns app; the table kept its name
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class PasswordHistory(models.Model):
    """A password hash the user had: the last PASSWORD_HISTORY_COUNT may not be chosen again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="password_history")
    password = models.CharField(_("password hash"), max_length=128)
    created_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        verbose_name = _("former password")
        verbose_name_plural = _("former passwords")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.created_at:%Y-%m-%d}"
