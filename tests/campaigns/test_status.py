"""`campaign_status`, the bulletin's campaign section and the dashboard panel."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from campaigns.models import Scheme
from campaigns.selectors import campaign_bulletin_section
from campaigns.services import ranking_publish
from projects.models import YearTarget
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def status_case(township, other_township):
    YearTarget.objects.create(year=2024, fai_target=Decimal("100000"), growth_rate=Decimal("10"))
    factories.make_project(township=township, annual_plan="3000")
    factories.make_project(township=other_township, annual_plan="1000")
    factories.make_pipeline_project(township, "310000")
    factories.make_pipeline_project(other_township, "50000")
    factories.make_indicator(
        "reserve",
        "reserve.planned_pool_total",
        name="谋划项目总投资",
        scope="county_townships",
        unit="yi",
        multiplier="4",
        base="register.fai_target",
        weights={Scheme.COUNTY: 10},
    )
    factories.make_industrial_project(township, signed_on=date(2024, 3, 1))
    factories.make_indicator("five-batches", "five_batches.signed", name="签约一批", scope="townships", value=1)


def _status(*args: str) -> list[dict]:
    out = StringIO()
    call_command("campaign_status", "--year", "2024", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_campaign_status_prints_every_indicator_for_every_scope(status_case):
    rows = _status("--month", "5")
    planned = [r for r in rows if r["indicator"] == "谋划项目总投资"]
    assert [r["scope"] for r in planned] == ["county", "凤城镇", "北留镇"]
    county, fengcheng, beiliu = planned
    assert {k: county[k] for k in ("campaign", "target", "actual", "met")} == {
        "campaign": "reserve",
        "target": "40.00",
        "actual": "36.00",
        "met": False,
    }
    assert (fengcheng["target"], fengcheng["actual"], fengcheng["met"]) == ("30.00", "31.00", True)
    assert (beiliu["target"], beiliu["actual"], beiliu["met"]) == ("10.00", "5.00", False)
    assert county["unit"] == "亿元" and county["gap"] == "还差 4.00 亿元"
    signed = [r for r in rows if r["campaign"] == "five-batches"]
    assert [(r["scope"], r["actual"], r["met"]) for r in signed] == [("凤城镇", "1", True), ("北留镇", "0", False)]


def test_campaign_status_month_moves_the_figures(status_case):
    assert [r["actual"] for r in _status("--month", "2") if r["campaign"] == "five-batches"] == ["0", "0"]


def test_campaign_status_text_output_and_bad_month(status_case):
    out = StringIO()
    call_command("campaign_status", "--year", "2024", "--month", "5", stdout=out)
    assert "谋划项目总投资" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("campaign_status", "--year", "2024", "--month", "13", stdout=StringIO())


def test_bulletin_section_gives_county_figures_units_behind_and_the_ranking(status_case):
    section = campaign_bulletin_section(year=2024, month=5)
    assert section["title"] == "六大专项行动"
    reserve = next(c for c in section["campaigns"] if c["slug"] == "reserve")
    row = reserve["indicators"][0]
    assert (row["indicator"], row["target"], row["actual"], row["met"]) == (
        "谋划项目总投资",
        "≥ 40.00 亿元",
        "36.00 亿元",
        False,
    )
    assert (row["units_met"], row["units_total"], row["behind"]) == (1, 2, ["北留镇"])
    assert [r["unit"] for r in section["ranking"]] == ["凤城镇", "北留镇"]
    assert section["ranking_published"] is False
    ranking_publish(year=2024, month=5, published_by=None)
    assert campaign_bulletin_section(year=2024, month=5)["ranking_published"] is True


def test_dashboard_shows_the_campaign_panel(client, hq, status_case):
    client.force_login(hq)
    page = client.get("/").content.decode()
    assert "六大专项行动" in page and "赛马排名" in page


def test_dashboard_panel_is_silent_for_an_outsider(client, outsider, status_case):
    client.force_login(outsider)
    response = client.get("/")
    assert "六大专项行动" not in response.content.decode()


def test_the_bulletin_hook_writes_a_paragraph_per_campaign(status_case):
    from bulletins.sections import campaign_sections

    parts = campaign_sections(year=2024, month=5)
    reserve = next(p for p in parts if p["slug"] == "reserve")
    assert reserve["paragraphs"] == [
        "谋划项目总投资：36.00 亿元，目标≥ 40.00 亿元，还差 4.00 亿元，2个单位中1个达标（落后：北留镇）。"
    ]
    json.dumps(parts)  # the bulletin freezes its figures as JSON
