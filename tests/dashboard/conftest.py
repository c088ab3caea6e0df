"""Fixtures of the home page's tests."""

from __future__ import annotations

import pytest

from projects.models import Project
from tests.register_county import make_county


@pytest.fixture
def county(township, other_township, department) -> dict[str, Project]:
    """Four projects, months 1..3 of 2024 (figures in tests/register_county.py)."""
    return make_county(township=township, other_township=other_township, department=department)
