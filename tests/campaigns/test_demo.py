"""The campaigns' demo: 2024's targets from the notice, townships ahead and behind, loading twice adds nothing."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from campaigns.models import Decision, Indicator, IndustrialProject, Inspection, PipelineProject, RankingPublication
from demo import campaigns as campaigns_demo

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Indicator, PipelineProject, IndustrialProject, Inspection, Decision, RankingPublication)
    )


def test_demo_seeds_the_notices_targets_with_townships_ahead_and_behind():
    call_command("load_demo", "--allow-in-production", stdout=StringIO())
    before = _counts()
    campaigns_demo.load()
    assert _counts() == before

    out = StringIO()
    call_command("campaign_status", "--year", "2024", "--month", "10", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    planned = [r for r in rows if r["indicator"] == "谋划项目总投资"]
    county = planned[0]
    assert (county["scope"], county["target"], county["unit"]) == ("county", "640.20", "亿元")  # 4 × 160.05 亿元
    count = next(r for r in rows if r["indicator"] == "谋划项目数量" and r["scope"] == "county")
    assert count["target"] == "169.5"  # 1.5 × 113 new projects
    townships = planned[1:]
    assert len(townships) == 18
    assert any(r["met"] for r in townships) and not all(r["met"] for r in townships)
    for slug in ("reserve", "scheduling", "attraction", "service", "five-batches", "assessment"):
        assert any(r["campaign"] == slug for r in rows), slug
    assert RankingPublication.objects.filter(year=2024, month=9).exists()
