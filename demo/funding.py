"""Demo funding ledger (争取资金专班): 2023 and 2024 applications of demo/register.py's projects.

Central and provincial budget funds, special bonds and treasury bonds in batches, each with a
deterministic path (preparing → applied → approved → funds received, or not approved) and amounts
that fit the project's size. Idempotent: keyed by (project, fund type, year, batch).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from demo.common import Output
from demo.register import DEMO_YEAR
from projects.models import ProjectYear
from taskforces.common.selectors import reference_date
from taskforces.models import FundingApplication, FundingStatus, FundType

# (fund type, year, batch, application deadline (None: the next batch, see `load`), share of total investment applied for, (min, max) 万元)
BATCHES = [
    (
        FundType.CENTRAL_BUDGET,
        DEMO_YEAR - 1,
        "2023年第三批中央预算内投资",
        date(DEMO_YEAR - 1, 8, 15),
        0.08,
        (500, 5000),
    ),
    (FundType.SPECIAL_BOND, DEMO_YEAR - 1, "2023年新增专项债券第二批", date(DEMO_YEAR - 1, 6, 30), 0.3, (2000, 30000)),
    (FundType.TREASURY_BOND, DEMO_YEAR - 1, "2023年增发国债第一批", date(DEMO_YEAR - 1, 11, 20), 0.15, (1000, 10000)),
    (FundType.CENTRAL_BUDGET, DEMO_YEAR, "2024年第一批中央预算内投资", date(DEMO_YEAR, 3, 20), 0.08, (500, 5000)),
    (FundType.CENTRAL_BUDGET, DEMO_YEAR, "2024年第二批中央预算内投资", date(DEMO_YEAR, 7, 10), 0.08, (500, 5000)),
    (FundType.PROVINCIAL_BUDGET, DEMO_YEAR, "2024年省预算内基本建设投资", date(DEMO_YEAR, 4, 30), 0.03, (100, 1500)),
    (FundType.SPECIAL_BOND, DEMO_YEAR, "2024年新增专项债券第一批", date(DEMO_YEAR, 2, 28), 0.3, (2000, 30000)),
    (FundType.SPECIAL_BOND, DEMO_YEAR, "2024年新增专项债券第三批", date(DEMO_YEAR, 9, 15), 0.3, (2000, 30000)),
    (FundType.TREASURY_BOND, DEMO_YEAR, "2024年超长期特别国债", date(DEMO_YEAR, 6, 20), 0.15, (1000, 10000)),
    (FundType.OTHER, DEMO_YEAR, "2024年省级文旅发展专项资金", date(DEMO_YEAR, 5, 31), 0.02, (50, 800)),
    # The next batch, being prepared: its deadline is set a few weeks after the ledgers' "today" when
    # the demo is first loaded (see `load`), so the page shows a live "due soon" whatever the date.
    (FundType.CENTRAL_BUDGET, None, "下一批中央预算内投资（储备项目）", None, 0.08, (500, 5000)),
]
# Projects that apply to each batch: public works for budget funds and bonds, industry for the rest.
PUBLIC = {"城市建设", "社会事业", "交通", "水利", "农业农村"}
INDUSTRY_FOR_OTHER = {"文旅康养"}
DEMO_TODAY = date(DEMO_YEAR, 10, 31)


def _amount(rng: random.Random, total: Decimal, share: float, bounds: tuple[int, int]) -> Decimal:
    low, high = bounds
    raw = float(total) * share * rng.uniform(0.6, 1.2)
    return Decimal(int(min(max(raw, low), high) / 10) * 10)


@transaction.atomic
def load(*, stdout: Output | None = None) -> None:
    author = User.objects.filter(username="funding_lead").first()
    listings = list(ProjectYear.objects.filter(year=DEMO_YEAR).select_related("project").order_by("tier", "seq", "id"))
    public = [row.project for row in listings if row.project.industry in PUBLIC]
    other = [row.project for row in listings if row.project.industry in INDUSTRY_FOR_OTHER]
    # The ledgers judge deadlines at their reference date (the end of October 2024 for this demo
    # once 2024 is past), not at the real today: count the weeks from there.
    upcoming = reference_date() + timedelta(days=20)
    for index, (fund_type, batch_year, batch, batch_deadline, share, bounds) in enumerate(BATCHES):
        deadline = batch_deadline or upcoming
        year = batch_year or upcoming.year
        pool = other if fund_type == FundType.OTHER else public
        if not pool:
            continue
        count = 2 if fund_type == FundType.OTHER else 4
        for offset in range(count):
            project = pool[(index * 5 + offset * 3) % len(pool)]
            if FundingApplication.objects.filter(
                project=project, fund_type=fund_type, year=year, batch=batch
            ).exists():
                continue
            rng = random.Random(f"funding-{project.code}-{batch}")
            application = FundingApplication(
                project=project, fund_type=fund_type, year=year, batch=batch, deadline=deadline, created_by=author
            )
            if deadline > DEMO_TODAY:
                application.status = FundingStatus.PREPARING  # the next batch is being prepared
            else:
                applied = _amount(rng, project.total_investment, share, bounds)
                application.amount_applied = applied
                application.applied_on = deadline - timedelta(days=rng.randint(2, 15))
                roll = rng.random()
                decided_on = application.applied_on + timedelta(days=rng.randint(45, 120))
                if roll < 0.12 and decided_on <= DEMO_TODAY:
                    application.status = FundingStatus.REJECTED
                    application.notes = "项目前期手续不全，未列入本批次。"
                elif decided_on > DEMO_TODAY:
                    application.status = FundingStatus.APPLIED
                else:
                    application.approved_on = decided_on
                    application.amount_approved = (applied * Decimal(rng.choice(["0.6", "0.8", "1"]))).quantize(
                        Decimal("1")
                    )
                    received_on = decided_on + timedelta(days=rng.randint(20, 90))
                    if received_on <= DEMO_TODAY:
                        application.status = FundingStatus.RECEIVED
                        application.received_on = received_on
                        application.amount_received = application.amount_approved * Decimal(
                            rng.choice(["0.5", "1", "1"])
                        )
                    else:
                        application.status = FundingStatus.APPROVED
            application._history_user = author  # type: ignore[attr-defined]  # where simple_history reads who acted
            application.save()
    if stdout is not None:
        stdout.write(f"  funding: {FundingApplication.objects.count()} funding applications")
