"""Reads over the ledgers. One module per ledger beside this one; shared reads here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.utils import timezone

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
    from core.periods import month_end
    from projects.models import ProjectYear
    from projects.selectors.periods import latest_reported_month

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
