"""A small county whose bulletin figures are computed by hand in the tests' comments.

Two townships (凤城镇 T1, 北留镇 T2), two responsible units (县交通运输局 D1, 县水利局 D2), 2024:

| project | tier     | nature      | plan | total | township | unit | progress (month: 万元)   | starts / completion                         |
| ------- | -------- | ----------- | ---- | ----- | -------- | ---- | ------------------------ | ------------------------------------------- |
| 甲项目   | province | new         | 1000 | 5000  | T1       | D1   | 3: 100, 5: 200, 10: 300  | planned start 03-01, started 02-20 (early)  |
| 乙项目   | city     | continuing  | 2000 | 8000  | T2       | D1   | 4: 500, 9: 700, 10: 450  | planned completion 09-30, not completed     |
| 丙项目   | county   | new         |  500 | 1200  | T1       | D2   | —                        | planned start 05-10, not started            |
| 丁项目   | county   | preliminary |  100 | 3000  | T2       | D2   | 6: 10                    | —                                           |
| 戊项目   | county   | new         |    0 |  600  | T1       | D2   | 8: 50, 10: 30            | planned 08-01, started 08-05; completed 10-15 (planned 12-31) |

Nobody reported July.
"""

from __future__ import annotations

from datetime import date

import pytest

from accounts.models import UnitKind
from projects.models import Nature, ProjectStatus, Tier
from tests import factories


@pytest.fixture
def county(db):
    t1 = factories.make_unit("凤城镇", UnitKind.TOWNSHIP)
    t2 = factories.make_unit("北留镇", UnitKind.TOWNSHIP)
    d1 = factories.make_unit("县交通运输局", UnitKind.DEPARTMENT)
    d2 = factories.make_unit("县水利局", UnitKind.DEPARTMENT)
    a = factories.make_project(
        "甲项目",
        tier=Tier.PROVINCE,
        nature=Nature.NEW,
        annual_plan=1000,
        total_investment=5000,
        township=t1,
        responsible_unit=d1,
        planned_start=date(2024, 3, 1),
        actual_start=date(2024, 2, 20),
        planned_completion=date(2025, 12, 31),
        status=ProjectStatus.UNDER_CONSTRUCTION,
        liaison_leader="张副县长",
        owner="阳城县甲建设有限公司",
    )
    b = factories.make_project(
        "乙项目",
        tier=Tier.CITY,
        nature=Nature.CONTINUING,
        annual_plan=2000,
        total_investment=8000,
        township=t2,
        responsible_unit=d1,
        planned_start=date(2023, 5, 1),
        actual_start=date(2023, 5, 1),
        planned_completion=date(2024, 9, 30),
        status=ProjectStatus.UNDER_CONSTRUCTION,
    )
    c = factories.make_project(
        "丙项目",
        tier=Tier.COUNTY,
        nature=Nature.NEW,
        annual_plan=500,
        total_investment=1200,
        township=t1,
        responsible_unit=d2,
        planned_start=date(2024, 5, 10),
    )
    d = factories.make_project(
        "丁项目",
        tier=Tier.COUNTY,
        nature=Nature.PRELIMINARY,
        annual_plan=100,
        total_investment=3000,
        township=t2,
        responsible_unit=d2,
    )
    e = factories.make_project(
        "戊项目",
        tier=Tier.COUNTY,
        nature=Nature.NEW,
        annual_plan=0,
        total_investment=600,
        township=t1,
        responsible_unit=d2,
        planned_start=date(2024, 8, 1),
        actual_start=date(2024, 8, 5),
        planned_completion=date(2024, 12, 31),
        actual_completion=date(2024, 10, 15),
        status=ProjectStatus.COMPLETED,
    )
    for project, months in (
        (a, {3: 100, 5: 200, 10: 300}),
        (b, {4: 500, 9: 700, 10: 450}),
        (d, {6: 10}),
        (e, {8: 50, 10: 30}),
    ):
        for month, amount in months.items():
            factories.make_progress(
                project, month=month, completed=amount, physical_progress=f"{project.name}{month}月形象进度"
            )
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "t1": t1, "t2": t2, "d1": d1, "d2": d2}
