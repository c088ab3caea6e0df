"""Test data builders, one place. Plain functions with keyword arguments and sensible defaults."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group

from accounts.models import MembershipRole, Role, TaskForce, TaskForceMembership, Unit, UnitKind, User
from projects.models import MonthlyProgress, Nature, Project, ProjectYear, Tier

_seq = itertools.count(1)
COUNTY_TIME = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware time in county time: at(2024, 5, 6, 9) is 09:00 on 6 May 2024 in Yangcheng."""
    return datetime(year, month, day, hour, minute, tzinfo=COUNTY_TIME)


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
        username=username,
        password="pw",
        full_name=extra.pop("full_name", username),
        unit=unit,
        email=extra.pop("email", f"{username}@example.test"),
        **extra,
    )
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def make_taskforce(slug: str) -> TaskForce:
    return TaskForce.objects.get_or_create(
        slug=slug,
        defaults={
            "name": TASKFORCE_NAMES.get(slug, slug),
            "sort_order": TASKFORCE_SLUGS.index(slug) if slug in TASKFORCE_SLUGS else 99,
        },
    )[0]


def add_member(user: User, slug: str, role: str = MembershipRole.MEMBER) -> TaskForceMembership:
    if not user.groups.filter(name=Role.TASKFORCE).exists():
        user.groups.add(Group.objects.get_or_create(name=Role.TASKFORCE)[0])
    return TaskForceMembership.objects.get_or_create(
        taskforce=make_taskforce(slug), user=user, defaults={"role": role}
    )[0]


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


def make_progress(
    project: Project, *, year: int = 2024, month: int, completed: Decimal | str | int, **fields
) -> MonthlyProgress:
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
        ProjectYear(
            project=p, year=year, tier=tiers[i % 3], nature=natures[i % 3], annual_plan=Decimal(i % 5 * 300), seq=i
        )
        for i, p in enumerate(projects)
    )
    MonthlyProgress.objects.bulk_create(
        MonthlyProgress(project=p, year=year, month=m, completed=Decimal(50 + (i + m) % 40))
        for i, p in enumerate(projects)
        for m in range(1, months + 1)
    )
    return projects


# --- scheduling cycles (cycles) -------------------------------------------------------


def make_duty(
    code: str | None = None,
    *,
    cadence: str = "weekly",
    taskforce: str | None = "approvals",
    campaign: str | None = None,
    name: str = "调度",
    opens_from: date | None = None,
    people: tuple[User, ...] = (),
    **fields,
):
    """A duty of a task force (default), a campaign (campaign=slug, taskforce=None) or the HQ office (both None).

    `opens_from`: the first period it opens is the one containing that day (its `next_due`).
    Cadence parameters default to: weekly on Friday, twice a month on the 14th and 28th, monthly on the
    20th, quarterly / twice a year in the period's last month on the 20th, yearly on 20 December.
    """
    from accounts.models import Campaign
    from cycles.models import Duty
    from cycles.seeding import first_next_due

    defaults = {
        "weekly": {"weekday": 4},
        "semi_monthly": {"day": 14, "second_day": 28},
        "monthly": {"day": 20},
        "quarterly": {"month_in_period": 3, "day": 20},
        "half_yearly": {"month_in_period": 6, "day": 20},
        "yearly": {"month_in_period": 12, "day": 20},
        "ad_hoc": {},
    }[cadence]
    owner: dict = {"owner_kind": "hq"}
    if taskforce:
        owner = {"owner_kind": "taskforce", "taskforce": make_taskforce(taskforce)}
    elif campaign:
        owner = {
            "owner_kind": "campaign",
            "campaign": Campaign.objects.get_or_create(slug=campaign, defaults={"name": campaign})[0],
        }
    duty = Duty.objects.create(
        code=code or f"duty-{next(_seq)}",
        name=name,
        cadence=cadence,
        next_due=first_next_due(cadence, opens_from or date(2024, 1, 1)),
        **owner,
        **{**defaults, **fields},
    )
    if people:
        duty.responsible_people.add(*people)
    return duty


def make_problem(
    description: str | None = None,
    *,
    level: str = "taskforce",
    taskforce: str | None = "approvals",
    owner: User | None = None,
    deadline: date | None = None,
    raised_at=None,
    project: Project | None = None,
    **fields,
):
    """An open problem on the ledger with its "raised" history line (as problem_raise writes it)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from problems.models import Problem, ProblemEvent

    raised_at = raised_at or datetime(2024, 5, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    problem = Problem.objects.create(
        description=description or f"测试问题{next(_seq)}",
        level=level,
        source_taskforce=make_taskforce(taskforce) if taskforce else None,
        owner=owner,
        deadline=deadline,
        raised_at=raised_at,
        level_changed_at=raised_at,
        project=project,
        **fields,
    )
    ProblemEvent.objects.create(problem=problem, at=raised_at, kind="raised", to_level=level)
    return problem


def make_notification(user: User, key: str = "k1"):
    """A reminder of an occurrence to `user` with subject `key`, as `notify` writes it (with its deliveries)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from notifications.models import Notification
    from notifications.services import notify

    notify(
        kind="occurrence_due",
        subject_key=key,
        recipients=[user],
        title=f"提醒{key}",
        body="",
        link="/cycles/",
        now=datetime(2024, 5, 6, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    return Notification.objects.get(recipient=user, subject_key=key)


# --- campaigns ------------------------------------------------------------------------------------

CAMPAIGN_SLUGS = ["reserve", "scheduling", "attraction", "service", "five-batches", "assessment"]


def make_campaign(slug: str):
    from accounts.models import Campaign

    names = dict(
        zip(CAMPAIGN_SLUGS, ["项目储备", "项目调度", "招商引资", "服务保障", "五个一批", "督考一体"], strict=True)
    )
    order = CAMPAIGN_SLUGS.index(slug) if slug in CAMPAIGN_SLUGS else 99
    return Campaign.objects.get_or_create(slug=slug, defaults={"name": names.get(slug, slug), "sort_order": order})[0]


def make_indicator(
    campaign: str,
    metric: str,
    *,
    year: int = 2024,
    code: str | None = None,
    name: str | None = None,
    scope: str = "county",
    period: str = "year",
    comparison: str = "gte",
    unit: str = "count",
    value: Decimal | str | int | None = None,
    multiplier: Decimal | str | int | None = None,
    base: str = "",
    weights: dict[str, Decimal | str | int] | None = None,
):
    """An indicator with a fixed target (`value`, in `unit`) or a relative one (`multiplier` × `base`)."""
    from campaigns.models import Indicator, ScoringItem

    indicator = Indicator.objects.create(
        campaign=make_campaign(campaign),
        year=year,
        code=code or f"ind-{next(_seq)}",
        name=name or metric,
        metric=metric,
        scope=scope,
        period=period,
        comparison=comparison,
        display_unit=unit,
        target_value=None if value is None else Decimal(str(value)),
        target_multiplier=None if multiplier is None else Decimal(str(multiplier)),
        target_base=base,
    )
    for scheme, points in (weights or {}).items():
        ScoringItem.objects.create(scheme=scheme, indicator=indicator, points=Decimal(str(points)))
    return indicator


def make_pipeline_project(
    township: Unit,
    investment: Decimal | str | int,
    *,
    name: str | None = None,
    entered_on: date = date(2024, 1, 10),
    approved_on: date | None = None,
):
    """A planned project; with `approved_on`, its first preliminary approval makes it a reserve project."""
    from campaigns.models import PipelineProject
    from campaigns.services import pipeline_approval_record

    project = PipelineProject.objects.create(
        name=name or f"谋划项目{next(_seq)}",
        township=township,
        estimated_investment=Decimal(str(investment)),
        entered_on=entered_on,
    )
    if approved_on:
        pipeline_approval_record(
            pipeline_project=project, name="项目建议书批复", obtained_on=approved_on, recorded_by=None
        )
    return project


def make_industrial_project(township: Unit, *, signed_on: date, name: str | None = None, **stages):
    """An industrial project signed on `signed_on`; `landed_on=`, `started_on=`… for later stages."""
    from campaigns.models import IndustrialProject

    return IndustrialProject.objects.create(
        name=name or f"产业项目{next(_seq)}", township=township, signed_on=signed_on, **stages
    )
