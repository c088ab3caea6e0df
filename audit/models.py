"""The security audit trail: who did what, from where, with what outcome. Separate from the data history
(django-simple-history), which keeps what records looked like.

Append-only: on PostgreSQL a trigger refuses every UPDATE and every DELETE of a row (migration 0002),
except a DELETE of rows older than 180 days inside a transaction that set `yc.audit_prune` (only
`manage.py audit_prune` does). No admin page edits the trail; the audit administrator reads and exports it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.events import Action, Outcome


class AuditEvent(models.Model):
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # PROTECT: people are deactivated, never deleted; the trail keeps naming them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The name as typed (a failed login) or as it was when the event happened.
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["action", "at"], name="audit_action_at"),
            models.Index(fields=["user", "at"], name="audit_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.action} {self.outcome}"

    @property
    def object_label(self) -> str:
        """The object as one text: its description, or its type and id."""
        if self.object_repr:
            return self.object_repr
        return f"{self.object_type} #{self.object_id}" if self.object_type else ""
