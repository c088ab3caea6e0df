"""Fixtures of the task-force tests."""

from __future__ import annotations

import pytest

from taskforces.catalogues import seed_catalogues


@pytest.fixture(autouse=True)
def catalogues(request):
    """The configurable lists (industries, approval items, land types...) for every database test.

    Migration 0003 seeds them, but any transactional test run earlier (browser tests, Celery tests)
    flushes the tables, so they are put back here.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not {"db", "transactional_db"} & set(request.fixturenames):
        return
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    seed_catalogues()
