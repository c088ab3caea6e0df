"""Pre-construction approvals task force (前期手续专班): the approval-item list, per item and per project.

Overdue items (deadline passed, not approved) stand out wherever they appear: a red row and an
"overdue" badge, here, on the entry page and on the project page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import TaskForce, User
from projects.models import Project

from ..common.selectors import reference_date
from ..exports import Column, model_columns
from ..registry import Badge, Figure, LedgerSection, ListColumn, TaskForcePage, register, register_page
from .filters import ApprovalItemFilter, ProjectSummaryFilter
from .forms import ApprovalItemForm
from .models import ApprovalItem, ApprovalStatus
from .selectors import approval_figures, items_with_overdue, project_approval_summary

SLUG = "approvals"

STATUS_BADGES: dict[str, str] = {
    ApprovalStatus.NOT_STARTED: "text-bg-light border",
    ApprovalStatus.IN_PROGRESS: "text-bg-info",
    ApprovalStatus.APPROVED: "text-bg-success",
    ApprovalStatus.BLOCKED: "text-bg-warning",
}


def status_badge(item: ApprovalItem) -> Badge:
    return (STATUS_BADGES.get(item.status, ""), item.get_status_display())


def overdue_badge(item: ApprovalItem) -> Badge | None:
    return ("text-bg-danger", gettext("Overdue")) if item.is_overdue else None


def overdue_row(item: ApprovalItem) -> str:
    return "row-overdue" if item.is_overdue else ""


def _items_queryset() -> QuerySet[ApprovalItem]:
    """Items with `overdue` annotated (judged once per request); open items first, nearest deadline first."""
    return items_with_overdue(day=reference_date())


def _export_columns() -> list[Column]:
    columns = model_columns(
        ApprovalItem,
        [
            "project",
            "project__township",
            "item_type",
            "level",
            "measures",
            "deadline",
            "responsible_leader",
            "handling_unit",
            "handler",
            "status",
            "blocked_reason",
            "applied_on",
            "approved_on",
            "document_number",
            "green_lane",
        ],
    )
    columns.append(Column(_("Overdue"), lambda item: item.is_overdue, 8))
    return columns


register(
    LedgerSection(
        slug=SLUG,
        key="items",
        title=_("Approval items"),
        model=ApprovalItem,
        form_class=ApprovalItemForm,
        filterset_class=ApprovalItemFilter,
        queryset=_items_queryset,
        list_columns=[
            ListColumn(_("Project"), "project"),
            ListColumn(_("Approval item"), "item_type", link=True),
            ListColumn(_("Level"), "level"),
            ListColumn(_("Deadline"), "deadline", badge=overdue_badge),
            ListColumn(_("Status"), lambda o: "", badge=status_badge),
            ListColumn(_("Responsible leader"), "responsible_leader", wide_only=True),
            ListColumn(_("Handler"), "handler"),
            ListColumn(_("Applied on"), "applied_on", wide_only=True),
            ListColumn(_("Approved on"), "approved_on", wide_only=True),
        ],
        row_class=overdue_row,
        project_columns=[
            ListColumn(_("Approval item"), "item_type", link=True),
            ListColumn(_("Level"), "level"),
            ListColumn(_("Deadline"), "deadline", badge=overdue_badge),
            ListColumn(_("Status"), lambda o: "", badge=status_badge),
            ListColumn(_("Handler"), "handler"),
        ],
        export_columns=_export_columns,
        attachment_kinds=("document", "photo"),
        history_label=lambda row: f"#{row.project_id} · {row.item_type_id}",
        help_text=_(
            "Weekly scheduling, a consultation every half month, a bulletin every month. Red rows are overdue."
        ),
        order=10,
    )
)


# --- per project ----------------------------------------------------------------------------------


def _summary_rows(*, user: User, data: Any) -> tuple[list[Project], ProjectSummaryFilter]:
    projects = project_approval_summary(user=user, day=reference_date())
    filterset = ProjectSummaryFilter(data or None, queryset=projects)
    rows = list((filterset.qs if filterset.is_valid() else projects)[:500])
    return rows, filterset


def _summary_export_columns() -> list[Column]:
    return [
        Column(_("Project"), lambda p: p.name, 36),
        Column(_("Township"), lambda p: p.township, 14),
        Column(_("Items"), lambda p: p.item_count, 8, "number"),
        Column(_("Approved"), lambda p: p.approved_count, 8, "number"),
        Column(_("Overdue"), lambda p: p.overdue_count, 8, "number"),
        Column(_("Blocked"), lambda p: p.blocked_count, 8, "number"),
        Column(_("Next deadline"), lambda p: p.next_deadline, 12, "date"),
    ]


register(
    LedgerSection(
        slug=SLUG,
        key="by-project",
        title=_("By project"),
        model=ApprovalItem,
        listing_only=True,
        reporter_ok=True,
        rows_for=_summary_rows,
        export_columns=_summary_export_columns,
        table_template="taskforces/approvals/by_project.html",
        help_text=_("Per project: items, approved, overdue and the next deadline."),
        order=20,
    )
)


# --- the page ------------------------------------------------------------------------------------


def figures(*, user: User, taskforce: TaskForce) -> list[Figure]:
    f = approval_figures(user=user, day=reference_date())
    base = reverse("taskforces:detail", args=[SLUG])
    return [
        Figure(_("Approval items"), f.items, note=gettext("on %(n)s projects") % {"n": f.projects}),
        Figure(
            _("Approved"), f.approved, tone="green", note=f"{(f.approved * 100 / f.items):.1f}%" if f.items else ""
        ),
        Figure(_("In progress"), f.in_progress),
        Figure(_("Blocked"), f.blocked, tone="gold" if f.blocked else "", url=f"{base}?tab=items&status=blocked"),
        Figure(
            _("Overdue"),
            f.overdue,
            tone="red" if f.overdue else "green",
            note=gettext("on %(n)s projects") % {"n": f.projects_overdue},
            url=f"{base}?tab=items&overdue=true",
        ),
    ]


register_page(TaskForcePage(slug=SLUG, figures=figures))
