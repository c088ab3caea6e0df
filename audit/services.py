"""`record(...)`: the one way anything enters the audit trail.

Apps above this one call it where a person imports, exports, downloads or publishes; the accounts app,
below, reports through `accounts.events.emit` (connected here in receivers.py). The request gives the
user, address and user agent; where a caller has none (a signal fired inside a request), the request
AuditMiddleware keeps for the current context is used.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.db import models
from django.http import HttpRequest

from accounts.events import Action, Outcome
from accounts.models import User
from core.http import client_ip, user_agent

from .models import AuditEvent

current_request: ContextVar[HttpRequest | None] = ContextVar("audit_current_request", default=None)


def record(
    action: Action | str,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    outcome: Outcome | str = Outcome.SUCCESS,
    detail: str = "",
) -> AuditEvent:
    """Add one event. `user` defaults to the request's user; `target` names the object (or give
    object_type / object_id / object_repr); `detail` is free text (a file name, a filter, a reason)."""
    request = request if request is not None else current_request.get()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    person = user if isinstance(user, User) else None
    if target is not None:
        object_type = target._meta.label
        object_id = str(target.pk)
        object_repr = str(target)
    return AuditEvent.objects.create(
        user=person,
        username=(username or (person.get_username() if person else ""))[:150],
        ip_address=client_ip(request) if request is not None else None,
        user_agent=user_agent(request) if request is not None else "",
        action=str(action),
        object_type=object_type[:100],
        object_id=str(object_id)[:64],
        object_repr=object_repr[:200],
        outcome=str(outcome),
        detail=detail,
    )
