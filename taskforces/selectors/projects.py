"""What every ledger holds about one project (the project page's panel)."""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts.models import TaskForce, User
from projects.models import Project

from ..access import can_edit_taskforce, entries_for_user
from ..registry import LedgerSection, all_sections
from .ledger import Row, build_rows

PER_SECTION = 50


@dataclass
class ProjectSection:
    section: LedgerSection
    columns: list
    rows: list[Row]
    can_add: bool


@dataclass
class ProjectTaskForce:
    taskforce: TaskForce
    sections: list[ProjectSection] = field(default_factory=list)

    @property
    def entry_count(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def project_ledgers(*, user: User, project: Project) -> list[ProjectTaskForce]:
    """Every registered section about projects, with this project's entries the user may read.

    One query for the task forces and one per section (sections registered later, e.g. land,
    statistics and funding, appear by themselves), whatever the number of entries.
    """
    taskforces = {tf.slug: ProjectTaskForce(taskforce=tf) for tf in TaskForce.objects.all()}
    for section in all_sections():
        group = taskforces.get(section.slug)
        if group is None or not section.on_project_page:
            continue
        columns = section.project_columns
        if columns is None:
            columns = [c for c in section.list_columns if c.attr != "project"]
        entries = entries_for_user(user, section.model, section.get_queryset()).filter(
            **{section.model.project_path: project}
        )[:PER_SECTION]
        group.sections.append(
            ProjectSection(
                section=section,
                columns=columns,
                rows=build_rows(section, entries, columns),
                can_add=section.form_class is not None and can_edit_taskforce(user, section.slug),
            )
        )
    return [group for group in taskforces.values() if group.sections]
