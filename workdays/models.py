"""Days the county treats differently from the published national calendar, or a year not yet published.

chinese_calendar knows each year once the State Council has published its holidays (usually in
November for the next year). Until then, or for a local arrangement, an administrator records here
which days are holidays and which weekend days are working days (调休).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DayOverride(models.Model):
    day = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(
        _("working day"), help_text=_("Ticked: a working day (e.g. a make-up Saturday); not ticked: a holiday.")
    )
    note = models.CharField(_("note"), max_length=100, blank=True, help_text=_("e.g. 2027年春节调休"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}"
