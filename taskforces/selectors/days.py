"""The ledgers' "today" on each row of a list, so that rows can say what is late without a query each.

`reference_date()` (taskforces.selectors) costs two queries: a list annotates it once
(`with_day(queryset)`), and each row reads it back with `ledger_day(row)` (the real today for an
object that was not loaded through such a list).
"""

from __future__ import annotations

from datetime import date

from django.db.models import DateField, QuerySet, Value
from django.utils import timezone

from . import reference_date


def with_day(qs: QuerySet) -> QuerySet:
    return qs.annotate(ledger_day=Value(reference_date(), output_field=DateField()))


def ledger_day(obj: object) -> date:
    return getattr(obj, "ledger_day", None) or timezone.localdate()
