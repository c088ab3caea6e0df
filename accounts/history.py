"""The data history (django-simple-history) records the address a change came from.

A model opts in with `history = HistoricalRecords(bases=[IPAddressHistoricalModel])`; the receiver below,
connected in AccountsConfig.ready, fills the address from the request simple-history's
HistoryRequestMiddleware keeps for the thread. Changes made outside a request (commands, the worker)
carry no address.

People are deactivated, never deleted, so `history_user` keeps naming whoever made a change.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.http import client_ip


class IPAddressHistoricalModel(models.Model):
    """The extra field of every historical record made through a request."""

    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        abstract = True


def add_ip_address(sender: type, *, history_instance: Any, **kwargs: Any) -> None:
    """pre_create_historical_record receiver: the requesting address on records that have the field."""
    if not isinstance(history_instance, IPAddressHistoricalModel):
        return
    request = getattr(HistoricalRecords.context, "request", None)
    if request is not None:
        history_instance.ip_address = client_ip(request)
