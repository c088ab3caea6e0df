"""The ledgers' demo data: every ledger has entries about the demo projects, and a second load adds nothing."""

from __future__ import annotations

from io import StringIO

import pytest

from problems.models import Problem, ProblemSource
from taskforces.common.selectors import reference_date
from taskforces.funding.selectors import DUE_SOON_DAYS
from taskforces.models import FundingApplication, FundingStatus
from taskforces.registry import all_sections

pytestmark = pytest.mark.django_db


def load() -> None:
    from demo import funding, land, ledgers, register, statistics

    for module in (register, ledgers, land, statistics, funding):
        module.load(stdout=StringIO())


def entry_counts() -> dict[str, int]:
    return {s.model.__name__: s.model._default_manager.count() for s in all_sections() if not s.listing_only}


def test_every_ledger_has_demo_entries_and_a_second_load_adds_nothing():
    load()
    counts = entry_counts()
    assert all(counts.values()), counts
    problems = Problem.objects.filter(source=ProblemSource.SUPERVISION)
    assert problems.exists() and not problems.filter(supervision_check__isnull=True).exists()
    assert all(p.events.filter(kind="raised").count() == 1 for p in problems)
    for section in all_sections():
        created = section.model.history.filter(history_type="+")
        assert not created.filter(history_user__isnull=True).exists(), f"{section.key}: history says 'system'"
    before = (counts, Problem.objects.count())
    load()
    assert (entry_counts(), Problem.objects.count()) == before


def test_the_next_funding_batch_is_due_soon_at_the_ledgers_today():
    load()
    upcoming = FundingApplication.objects.filter(status=FundingStatus.PREPARING)
    assert upcoming.exists()
    day = reference_date()
    assert all(a.deadline is not None and 0 <= (a.deadline - day).days <= DUE_SOON_DAYS for a in upcoming)
