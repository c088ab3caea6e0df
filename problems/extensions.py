"""What apps above the problem ledger add to a problem's page (e.g. the meetings that raised it).

The ledger sits below the apps that link to problems, so it cannot ask them; each registers a function
at start-up (`AppConfig.ready`) that returns extra context for the problem page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import Problem

DetailContext = Callable[[Problem], dict[str, Any]]

_detail_context: list[DetailContext] = []


def register_detail_context(provider: DetailContext) -> None:
    if provider not in _detail_context:
        _detail_context.append(provider)


def detail_context(problem: Problem) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provider in _detail_context:
        context |= provider(problem)
    return context
