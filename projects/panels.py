"""Panels that other apps add to a project's page (what each ledger and the problem ledger hold about it).

The register sits below the apps that refer to projects, so it cannot include their pages itself: each
registers a template at start-up (`AppConfig.ready`). The template is included with `project` and
`request` in its context and runs its own, fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProjectPanel:
    template: str
    order: int


_panels: dict[str, ProjectPanel] = {}


def register_project_panel(template: str, *, order: int) -> None:
    _panels[template] = ProjectPanel(template=template, order=order)


def project_panels() -> list[str]:
    """The registered panels' templates, in page order."""
    return [panel.template for panel in sorted(_panels.values(), key=lambda p: (p.order, p.template))]
