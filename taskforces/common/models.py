"""What every ledger's models share: the abstract entry and the configurable lists (catalogues).

Each concrete ledger model (in `taskforces/<slug>/models.py`) declares two class attributes that
the access layer (`taskforces.access`) relies on:

- `ledger_slug`: the task force whose members may write it ("investment", "approvals", ...);
- `project_path`: the lookup from the entry to its `projects.Project` ("project",
  "visit__project", "lead__project"), or None when the entry is about no project (a trip, a
  promotion event). Reporters see only entries whose project belongs to their unit, so an entry
  with no project is never shown to them.

All of them are imported by `taskforces.models` (Django discovers models there).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ApprovalItemType",
    "AttractionMode",
    "CatalogueEntry",
    "Industry",
    "IndustryGroup",
    "LandType",
    "LedgerEntry",
]


class LedgerEntry(models.Model):
    """Abstract base of every ledger record: who entered it and when.

    Subclasses set `ledger_slug` and `project_path` (see the module docstring) and declare their
    own `history = HistoricalRecords()` so that each gets its own history table.
    """

    ledger_slug: ClassVar[str] = ""
    project_path: ClassVar[str | None] = "project"
    history: ClassVar[Any]  # each subclass's own `HistoricalRecords()` (django-simple-history's manager)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("entered at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class CatalogueEntry(models.Model):
    """A configurable list item that administrators maintain (in the admin site)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class IndustryGroup(models.TextChoices):
    SYSTEM = "system", _('"1+5" industry system')
    KEY_FIELD = "key_field", _("Key field of investment attraction")
    OTHER = "other", _("Other industry")


class Industry(CatalogueEntry):
    """An industry of the county's "1+5" system or one of the key fields of investment attraction."""

    group = models.CharField(_("group"), max_length=20, choices=IndustryGroup.choices, default=IndustryGroup.OTHER)

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("industry")
        verbose_name_plural = _("industries")


class AttractionMode(CatalogueEntry):
    """One of the "seven modes" of investment attraction (招商模式)."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("attraction mode")
        verbose_name_plural = _("attraction modes")


class ApprovalItemType(CatalogueEntry):
    """An item of the approval catalogue (审批事项): 立项/备案, 环评, 施工许可, ..."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("approval item type")
        verbose_name_plural = _("approval item types")


class LandType(CatalogueEntry):
    """A land type for land-demand entries (工业用地, 商服用地, ...)."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("land type")
        verbose_name_plural = _("land types")
