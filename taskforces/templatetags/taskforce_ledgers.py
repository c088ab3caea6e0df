"""{% project_ledgers project %}: the task forces' ledgers about a project, for the project page."""

from __future__ import annotations

from typing import Any

from django import template
from django.template import Context

from projects.models import Project

from ..common.selectors import one_reference_date
from ..common.selectors import project_ledgers as select_project_ledgers

register = template.Library()


@register.inclusion_tag("taskforces/includes/project_ledgers_panel.html", takes_context=True)
def project_ledgers(context: Context, project: Project) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"groups": [], "project": project}
    with one_reference_date():  # the rows' overdue colours and badges share one "today"
        groups = select_project_ledgers(user=user, project=project)
    return {"groups": groups, "project": project}
