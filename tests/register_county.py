"""The small county the register's and the dashboard's tests share: four projects, months 1..3 of 2024.

    A province, 凤城镇 (县交通运输局), plan 10000, months 1000 / 2000 / 3000  -> 6000 (60%)
    B city,     北留镇, plan  5000, months 3000 / 3000 / —     -> 6000 (120%, above the plan)
    C county,   凤城镇, plan     0, month 3: 500                -> no rate (a project without plan)
    D county,   北留镇, plan  5000, nothing reported            -> 0%

The year's FAI target is 1,600,500 万元. Each test directory's conftest.py makes it a `county` fixture.
"""

from __future__ import annotations

from decimal import Decimal

from accounts.models import Unit
from projects.models import Project, Tier, YearTarget
from tests import factories


def make_county(*, township: Unit, other_township: Unit, department: Unit) -> dict[str, Project]:
    """The four projects by letter ("a" … "d"), with the year's target and their progress."""
    YearTarget.objects.create(year=2024, fai_target=Decimal("1600500"), growth_rate=Decimal("10"))
    a = factories.make_project(
        "A项目",
        tier=Tier.PROVINCE,
        annual_plan=10000,
        total_investment=50000,
        township=township,
        responsible_unit=department,
    )
    b = factories.make_project(
        "B项目", tier=Tier.CITY, annual_plan=5000, total_investment=20000, township=other_township
    )
    c = factories.make_project("C项目", tier=Tier.COUNTY, annual_plan=0, total_investment=1000, township=township)
    d = factories.make_project(
        "D项目", tier=Tier.COUNTY, annual_plan=5000, total_investment=8000, township=other_township
    )
    for month, amount in ((1, 1000), (2, 2000), (3, 3000)):
        factories.make_progress(a, month=month, completed=amount)
    for month in (1, 2):
        factories.make_progress(b, month=month, completed=3000)
    factories.make_progress(c, month=3, completed=500)
    return {"a": a, "b": b, "c": c, "d": d}
