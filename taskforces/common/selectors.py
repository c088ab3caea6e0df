"""Reads that every ledger shares: the ledgers' "today", visible entries as table rows, the task-force
index and what every ledger holds about one project. Each ledger's own reads are in
`taskforces/<slug>/selectors.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.models import TaskForce, User
from core.periods import month_end
from projects.models import Project, ProjectYear
from projects.selectors.periods import latest_reported_month

from ..access import can_edit_taskforce, entries_for_user, reads_all_ledgers
from ..exports import field_value
from ..history import HistoryLine, history_lines
from ..registry import LedgerSection, ListColumn, all_sections, sections_for

# --- the ledgers' "today" --------------------------------------------------------------------------

# The reference date worked out in the current request (see `one_reference_date`), None outside one.
_request_memo: ContextVar[dict[str, date] | None] = ContextVar("taskforces_reference_date", default=None)


def reference_date() -> date:
    """The ledgers' "today": what "this month", "this year" and "overdue" refer to.

    The real today, unless the latest key list is more than a year old (an archive, or the demo's
    2024 data on a later date): then the end of that year's latest reported month, so the pages
    describe the data there is. In January, before the new list is imported, the previous year's
    list is still recent enough, so deadlines keep being judged against the real date.

    Two queries, once per request inside `one_reference_date()` (every ledger view runs in one:
    the figures, filters, lists, row colours and badges of a page all ask for it); outside one,
    each call queries again.
    """
    memo = _request_memo.get()
    if memo is not None and "day" in memo:
        return memo["day"]
    day = _work_out_reference_date()
    if memo is not None:
        memo["day"] = day
    return day


def _work_out_reference_date() -> date:
    today = timezone.localdate()
    latest = ProjectYear.objects.order_by("-year").values_list("year", flat=True).first()
    if latest is None or latest >= today.year - 1:
        return today
    return month_end(latest, latest_reported_month(year=latest) or 12)


@contextmanager
def one_reference_date() -> Iterator[None]:
    """Within this block (or decorated view: `@one_reference_date()`), `reference_date()` is worked
    out on first use and then remembered. A nested block shares the outer one's date."""
    if _request_memo.get() is not None:
        yield
        return
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


# --- ledger tables ---------------------------------------------------------------------------------


@dataclass
class Cell:
    text: str
    label: str = ""
    num: bool = False
    link: str = ""
    css: str = ""
    badge: tuple[str, str] | None = None


@dataclass
class Row:
    obj: Any
    cells: list[Cell] = field(default_factory=list)
    css: str = ""
    url: str = ""


def show(value: Any) -> str:
    """A value as a ledger table shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def truncated(attr: str, length: int = 40) -> Callable[[Any], str]:
    """A column value: the text field `attr`, cut to `length` characters for a table cell."""
    return lambda obj: Truncator(getattr(obj, attr)).chars(length) if getattr(obj, attr) else ""


def problem_url(problem_id: int | None) -> str:
    """The page of a problem on the county's problem ledger, when there is one."""
    if not problem_id:
        return ""
    try:
        return reverse("problems:problem", args=[problem_id])
    except NoReverseMatch:
        return ""


def entry_url(section: LedgerSection, obj: models.Model) -> str:
    try:
        return reverse("taskforces:entry", args=[section.slug, section.key, obj.pk])
    except NoReverseMatch:
        return ""


def _cell(column: ListColumn, obj: Any, url: str) -> Cell:
    value = column.attr(obj) if callable(column.attr) else field_value(obj, column.attr)
    badge = column.badge(obj) if column.badge else None
    css = (column.css, "tf-wide" if column.wide_only else "", "text-nowrap" if isinstance(value, date) else "")
    return Cell(
        text="" if badge and value in (None, "") else show(value),  # the badge says it: no "—" before it
        label=str(column.header),
        num=column.num,
        link=url if column.link else "",
        css=" ".join(c for c in css if c),
        badge=badge,
    )


def build_rows(section: LedgerSection, objects: Iterable[Any], columns: list[ListColumn] | None = None) -> list[Row]:
    columns = section.list_columns if columns is None else columns
    rows = []
    for obj in objects:
        url = "" if section.listing_only else entry_url(section, obj)
        row = Row(obj=obj, css=section.row_class(obj) if section.row_class else "", url=url)
        row.cells = [_cell(column, obj, url) for column in columns]
        rows.append(row)
    return rows


def visible_entries(*, user: User, section: LedgerSection) -> models.QuerySet:
    return entries_for_user(user, section.model, section.get_queryset())


def filtered_entries(
    *, user: User, section: LedgerSection, data: Mapping[str, Any] | None
) -> tuple[models.QuerySet, Any]:
    """(visible entries after the section's filters, the filterset or None)."""
    queryset = visible_entries(user=user, section=section)
    if section.filterset_class is None:
        return queryset, None
    filterset = section.filterset_class(data or None, queryset=queryset)
    return (filterset.qs if filterset.is_valid() else queryset), filterset


def ledger_page(
    *, user: User, section: LedgerSection, data: Mapping[str, Any] | None, page_number: Any
) -> tuple[list[Row], Page | None, Any]:
    """One page of a section's table: (rows, page, filterset). Fixed queries: a count and the page."""
    if section.listing_only:
        rows, filterset = section.rows_for(user=user, data=data) if section.rows_for else ([], None)
        return rows, None, filterset
    queryset, filterset = filtered_entries(user=user, section=section, data=data)
    page = Paginator(queryset, section.per_page).get_page(page_number)
    return build_rows(section, page.object_list), page, filterset


def recent_changes(*, user: User, section: LedgerSection, limit: int = 15) -> list[HistoryLine]:
    """The latest changes to a section's entries that the user may read (deleted entries: readers of all only)."""
    if section.listing_only:
        return []
    history = section.model.history.all()
    if not reads_all_ledgers(user):
        history = history.filter(id__in=visible_entries(user=user, section=section).values("pk"))
    return history_lines(history, limit=limit, model=section.model, label=section.history_label)


# --- the task-force index ------------------------------------------------------------------------


@dataclass
class TaskForceCard:
    taskforce: TaskForce
    member_count: int
    counts: list[tuple[LedgerSection, int]] = field(default_factory=list)


def taskforce_overview(*, user: User) -> list[TaskForceCard]:
    """One card per task force. One query for the task forces, one count per visible ledger section."""
    cards = []
    for taskforce in (
        TaskForce.objects.select_related("lead_unit")
        .annotate(member_count=Count("memberships"))
        .order_by("sort_order", "id")
    ):
        card = TaskForceCard(taskforce=taskforce, member_count=taskforce.member_count)
        for section in sections_for(taskforce.slug):
            if section.listing_only or not section.visible_to(user):
                continue
            card.counts.append((section, visible_entries(user=user, section=section).order_by().count()))
        cards.append(card)
    return cards


# --- what every ledger holds about one project (the project page's panel) --------------------------

PER_SECTION = 50


@dataclass
class ProjectSection:
    section: LedgerSection
    columns: list[ListColumn]
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

    One query for the task forces and one per section (a ledger registered later appears by
    itself), whatever the number of entries.
    """
    taskforces = {tf.slug: ProjectTaskForce(taskforce=tf) for tf in TaskForce.objects.all()}
    for section in all_sections():
        group = taskforces.get(section.slug)
        project_path = section.model.project_path
        if group is None or not section.on_project_page or project_path is None:
            continue
        columns = section.project_columns
        if columns is None:
            columns = [c for c in section.list_columns if c.attr != "project"]
        entries = entries_for_user(user, section.model, section.get_queryset()).filter(**{project_path: project})[
            :PER_SECTION
        ]
        group.sections.append(
            ProjectSection(
                section=section,
                columns=columns,
                rows=build_rows(section, entries, columns),
                can_add=section.form_class is not None and can_edit_taskforce(user, section.slug),
            )
        )
    return [group for group in taskforces.values() if group.sections]
