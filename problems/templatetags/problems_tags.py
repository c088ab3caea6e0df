"""Template helpers of the problem ledger: level colours, and the problems panel of a project page."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context
from django.utils import timezone

from projects.models import Project

from ..access import can_raise_problem
from ..selectors import project_problems

register = template.Library()


@register.filter
def level_colour(level: str) -> str:
    return {"taskforce": "secondary", "deputy": "info", "executive": "warning", "county_head": "danger"}.get(
        level, "secondary"
    )


@register.inclusion_tag("problems/includes/project_problems_panel.html", takes_context=True)
def project_problems_panel(context: Context, project: Project) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {
        "show": True,
        "project": project,
        "problems": project_problems(user=user, project=project),
        "today": timezone.localdate(),
        "may_raise": can_raise_problem(user),
    }
