"""The six campaigns (专项行动). Their indicators and records are added by the campaign work."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Unit


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
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name
