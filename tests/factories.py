"""Test data builders, one place. Plain functions with keyword arguments and sensible defaults."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import Group

from projects.models import MonthlyProgress, Nature, Project, ProjectYear, Role, Tier, Unit, UnitKind, User
from taskforces.models import MembershipRole, TaskForce, TaskForceMembership

_seq = itertools.count(1)

TASKFORCE_SLUGS = ["investment", "approvals", "supervision", "land", "statistics", "funding"]
TASKFORCE_NAMES = {
    "investment": "招商引资专班",
    "approvals": "前期手续专班",
    "supervision": "推进督导专班",
    "land": "用地保障专班",
    "statistics": "入库纳统专班",
    "funding": "争取资金专班",
}


def make_unit(name: str | None = None, kind: str = UnitKind.TOWNSHIP) -> Unit:
    name = name or f"测试单位{next(_seq)}"
    return Unit.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def make_user(username: str | None = None, *, roles: tuple[str, ...] = (), unit: Unit | None = None, **extra) -> User:
    username = username or f"user{next(_seq)}"
    user = User.objects.create_user(
        username=username, password="pw", full_name=extra.pop("full_name", username), unit=unit,
        email=extra.pop("email", f"{username}@example.test"), **extra
    )
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def make_taskforce(slug: str) -> TaskForce:
    return TaskForce.objects.get_or_create(
        slug=slug, defaults={"name": TASKFORCE_NAMES.get(slug, slug), "sort_order": TASKFORCE_SLUGS.index(slug) if slug in TASKFORCE_SLUGS else 99}
    )[0]


def add_member(user: User, slug: str, role: str = MembershipRole.MEMBER) -> TaskForceMembership:
    if not user.groups.filter(name=Role.TASKFORCE).exists():
        user.groups.add(Group.objects.get_or_create(name=Role.TASKFORCE)[0])
    return TaskForceMembership.objects.get_or_create(taskforce=make_taskforce(slug), user=user, defaults={"role": role})[0]


def make_project(
    name: str | None = None,
    *,
    year: int | None = 2024,
    tier: str = Tier.COUNTY,
    nature: str = Nature.NEW,
    annual_plan: Decimal | str | int = "1000",
    total_investment: Decimal | str | int = "5000",
    township: Unit | None = None,
    responsible_unit: Unit | None = None,
    planned_start: date | None = None,
    actual_start: date | None = None,
    **fields,
) -> Project:
    """A project, listed on `year`'s key list unless year is None."""
    project = Project.objects.create(
        name=name or f"测试项目{next(_seq)}",
        total_investment=Decimal(str(total_investment)),
        township=township,
        responsible_unit=responsible_unit,
        planned_start=planned_start,
        actual_start=actual_start,
        **fields,
    )
    if year is not None:
        ProjectYear.objects.create(
            project=project, year=year, tier=tier, nature=nature, annual_plan=Decimal(str(annual_plan))
        )
    return project


def make_progress(project: Project, *, year: int = 2024, month: int, completed: Decimal | str | int, **fields) -> MonthlyProgress:
    return MonthlyProgress.objects.create(
        project=project, year=year, month=month, completed=Decimal(str(completed)), **fields
    )


def bulk_projects(
    n: int,
    *,
    year: int = 2024,
    months: int = 3,
    townships: list[Unit] | None = None,
    prefix: str = "批量项目",
) -> list[Project]:
    """`n` listed projects with `months` months of progress each, through bulk_create (fast for thousands).

    Tiers, natures, townships and plans rotate so that every dashboard section has something to show.
    """
    townships = townships or [make_unit(f"{prefix}镇{i}") for i in range(3)]
    tiers = [Tier.PROVINCE, Tier.CITY, Tier.COUNTY]
    natures = [Nature.NEW, Nature.CONTINUING, Nature.PRELIMINARY]
    start = next(_seq)
    projects = Project.objects.bulk_create(
        Project(
            name=f"{prefix}{start}-{i}",
            total_investment=Decimal(5000 + i % 700),
            township=townships[i % len(townships)],
            responsible_unit=townships[(i + 1) % len(townships)],
            planned_start=date(year, 1 + i % 12, 1),
            actual_start=date(year, 1 + i % 12, 1) if i % 4 else None,
        )
        for i in range(n)
    )
    ProjectYear.objects.bulk_create(
        ProjectYear(project=p, year=year, tier=tiers[i % 3], nature=natures[i % 3], annual_plan=Decimal(i % 5 * 300), seq=i)
        for i, p in enumerate(projects)
    )
    MonthlyProgress.objects.bulk_create(
        MonthlyProgress(project=p, year=year, month=m, completed=Decimal(50 + (i + m) % 40))
        for i, p in enumerate(projects)
        for m in range(1, months + 1)
    )
    return projects
