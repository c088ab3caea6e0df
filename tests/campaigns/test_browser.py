"""The campaign pages in a real browser: on a phone the page itself never scrolls sideways (wide tables
scroll inside their own box), and the HQ office can change a target from the page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from accounts.models import Role
from campaigns.models import Indicator
from projects.models import YearTarget
from tests import factories
from tests.conftest import login

# serialized_rollback: the flush after each test would otherwise wipe the catalogues the ledgers seed in
# their migrations (industries, attraction modes), which later tests and the demo rely on.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def seeded(township, other_township):
    for slug in factories.CAMPAIGN_SLUGS:
        factories.make_campaign(slug)
    YearTarget.objects.create(year=2024, fai_target=Decimal("100000"), growth_rate=Decimal("10"))
    factories.make_project(township=township, annual_plan="1000")
    for n in range(12):
        factories.make_pipeline_project(
            township, 1000 + n, name=f"凤城很长名字的谋划项目第{n}号", approved_on=date(2024, 3, 1) if n % 2 else None
        )
    return factories.make_indicator(
        "reserve",
        "reserve.planned_pool_total",
        code="planned-total",
        name="谋划项目总投资",
        scope="county_townships",
        unit="yi",
        multiplier="4",
        base="register.fai_target",
    )


@pytest.mark.parametrize("slug", factories.CAMPAIGN_SLUGS)
def test_campaign_pages_fit_a_phone(phone_page, live_server, seeded, township, slug):
    factories.make_user("hq_phone", roles=(Role.HQ,))
    login(phone_page, live_server, "hq_phone")
    phone_page.goto(f"{live_server.url}/campaigns/{slug}/?year=2024&month=10")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


def test_hq_changes_a_target_from_the_page(page, live_server, seeded):
    factories.make_user("hq_browser", roles=(Role.HQ,))
    login(page, live_server, "hq_browser")
    page.goto(f"{live_server.url}/campaigns/reserve/?year=2024&month=10")
    assert "≥ 40.00 亿元" in page.inner_text("main")
    page.click("a[title='修改目标'] >> nth=0")
    page.fill("input[name=target_multiplier]", "5")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "≥ 50.00 亿元" in page.inner_text("main")
    assert Indicator.objects.get(pk=seeded.pk).target_multiplier == Decimal("5")
