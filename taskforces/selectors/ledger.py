"""Reads that every ledger page shares: visible entries, filtered and paginated, as table rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.models import User

from ..access import entries_for_user
from ..exports import field_value
from ..history import HistoryLine, history_lines
from ..registry import LedgerSection, ListColumn


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


def truncated(attr: str, length: int = 40):
    """A column value: the text field `attr`, cut to `length` characters for a table cell."""
    return lambda obj: Truncator(getattr(obj, attr)).chars(length) if getattr(obj, attr) else ""


def problem_url(problem_id: int | None) -> str:
    """The page of a problem on the county's problem ledger (cycles), when there is one."""
    if not problem_id:
        return ""
    try:
        return reverse("problems:problem", args=[problem_id])
    except NoReverseMatch:
        return ""


def entry_url(section: LedgerSection, obj: Any) -> str:
    try:
        return reverse("taskforces:entry", args=[section.slug, section.key, obj.pk])
    except NoReverseMatch:
        return ""


def build_rows(section: LedgerSection, objects, columns: list[ListColumn] | None = None) -> list[Row]:
    columns = section.list_columns if columns is None else columns
    rows = []
    for obj in objects:
        url = "" if section.listing_only else entry_url(section, obj)
        row = Row(obj=obj, css=section.row_class(obj) if section.row_class else "", url=url)
        for column in columns:
            value = column.attr(obj) if callable(column.attr) else field_value(obj, column.attr)
            badge = column.badge(obj) if column.badge else None
            row.cells.append(
                Cell(
                    text="" if badge and value in (None, "") else show(value),  # the badge says it: no "—" before it
                    label=str(column.header),
                    num=column.num,
                    link=url if column.link else "",
                    css=" ".join(
                        c
                        for c in (
                            column.css,
                            "tf-wide" if column.wide_only else "",
                            "text-nowrap" if isinstance(value, date) else "",
                        )
                        if c
                    ),
                    badge=badge,
                )
            )
        rows.append(row)
    return rows


def visible_entries(*, user: User, section: LedgerSection) -> models.QuerySet:
    return entries_for_user(user, section.model, section.get_queryset())


def filtered_entries(*, user: User, section: LedgerSection, data) -> tuple[models.QuerySet, Any]:
    """(visible entries after the section's filters, the filterset or None)."""
    queryset = visible_entries(user=user, section=section)
    if section.filterset_class is None:
        return queryset, None
    filterset = section.filterset_class(data or None, queryset=queryset)
    return (filterset.qs if filterset.is_valid() else queryset), filterset


def ledger_page(*, user: User, section: LedgerSection, data, page_number: Any) -> tuple[list[Row], Page | None, Any]:
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
    from ..access import reads_all_ledgers

    if not reads_all_ledgers(user):
        history = history.filter(id__in=visible_entries(user=user, section=section).values("pk"))
    return history_lines(history, limit=limit, model=section.model, label=section.history_label)
