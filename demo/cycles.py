"""Demo data of the scheduling cycles: the notice's duties and who answers for them, the county leaders
on the problem ladder, a record of 2024's occurrences (Jan..Oct, as the register's demo), and a few
problems around today so that escalation and reminders show at once after `make run`.

Idempotent: duties by code, occurrences by (duty, period), problems by description; random choices
come from random.Random(seeded per record), so a second run draws the same and adds nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import Campaign, Role, TaskForce, TaskForceMembership, Unit, User
from cycles.models import Duty, Occurrence, OccurrenceStatus
from cycles.periods import due_date, local_midnight, periods_between
from cycles.seeding import HQ_UNIT_NAME, seed_notice_duties
from cycles.services import occurrence_title
from demo.common import Output
from demo.register import DEMO_LAST_MONTH, DEMO_PASSWORD, DEMO_YEAR
from problems.models import (
    LevelOfficial,
    Problem,
    ProblemEvent,
    ProblemEventKind,
    ProblemLevel,
    ProblemSource,
    ProblemStatus,
)
from projects.models import Project

# The county leaders on the problem ladder (names as in the register's demo liaison leaders).
DEMO_LEADERS = [
    ("county_head", "王县长", ProblemLevel.COUNTY_HEAD, []),
    ("executive_deputy", "李常务副县长", ProblemLevel.EXECUTIVE, []),
    ("deputy_zhang", "张副县长", ProblemLevel.DEPUTY, ["approvals", "land", "funding"]),
    ("deputy_zhao", "赵副县长", ProblemLevel.DEPUTY, ["investment", "supervision", "statistics"]),
]

# Who answers for the campaigns' and the HQ office's duties in the demo (usernames of demo.register).
CAMPAIGN_PEOPLE = {
    "scheduling": ["hq"],
    "attraction": ["investment_lead"],
    "service": ["funding_lead"],
    "five-batches": ["hq"],
    "assessment": ["inspector"],
    "reserve": ["hq"],
}

ATTENDEES = {
    "investment": "招商专班负责人、县投资促进中心招商一股、二股，相关乡（镇）分管领导",
    "approvals": "前期手续专班负责人、专班成员，县行政审批服务管理局各审批股室，相关项目单位",
    "supervision": "督导专班负责人，县发展和改革局重点股，相关乡（镇）、县直单位联络员",
    "land": "用地专班负责人，县自然资源局用途管制股、耕保股，相关乡（镇）",
    "statistics": "纳统专班负责人，县统计局固投股，相关项目单位统计员",
    "funding": "资金专班负责人，县财政局、县发展和改革局投资股",
}


@dataclass(frozen=True)
class DemoProblem:
    """A problem of the demo, raised `raised_days_ago` and escalated `escalations` times to reach `level`."""

    description: str
    project_code: str | None
    taskforce: str
    level: str
    owner: str | None
    deadline_days: int
    raised_days_ago: int
    category: str
    escalations: int = 0
    resolved: str = ""


# A few problems around today, so that escalation and reminders show at once after `make run`.
DEMO_PROBLEMS = [
    DemoProblem(
        description="项目环评批复滞后，影响按期开工",
        project_code="2024-140522-0003",
        taskforce="approvals",
        level=ProblemLevel.TASKFORCE,
        owner="approvals_lead",
        deadline_days=-2,
        raised_days_ago=20,
        category="前期手续",
    ),
    DemoProblem(
        description="用地组件报批材料不全，存在退件风险",
        project_code="2024-140522-0012",
        taskforce="land",
        level=ProblemLevel.TASKFORCE,
        owner="land_lead",
        deadline_days=2,
        raised_days_ago=10,
        category="用地保障",
    ),
    DemoProblem(
        description="施工许可证办理卡在消防设计审查环节",
        project_code="2024-140522-0025",
        taskforce="approvals",
        level=ProblemLevel.DEPUTY,
        owner="approvals_lead",
        deadline_days=5,
        raised_days_ago=30,
        category="前期手续",
        escalations=1,
    ),
    DemoProblem(
        description="专项债券资金到位滞后，项目资金缺口约3000万元",
        project_code="2024-140522-0007",
        taskforce="funding",
        level=ProblemLevel.EXECUTIVE,
        owner="funding_lead",
        deadline_days=3,
        raised_days_ago=40,
        category="资金保障",
        escalations=2,
    ),
    DemoProblem(
        description="项目入库纳统佐证资料不齐，本月无法入统",
        project_code="2024-140522-0040",
        taskforce="statistics",
        level=ProblemLevel.EXECUTIVE,
        owner="statistics_lead",
        deadline_days=-1,
        raised_days_ago=35,
        category="入库纳统",
        escalations=2,
    ),
    DemoProblem(
        description="征地拆迁补偿标准争议，群众阻工",
        project_code="2024-140522-0002",
        taskforce="land",
        level=ProblemLevel.COUNTY_HEAD,
        owner="land_lead",
        deadline_days=10,
        raised_days_ago=50,
        category="征地拆迁",
        escalations=3,
    ),
    DemoProblem(
        description="招引项目签约后落地选址未确定",
        project_code="2024-140522-0051",
        taskforce="investment",
        level=ProblemLevel.TASKFORCE,
        owner="investment_lead",
        deadline_days=12,
        raised_days_ago=5,
        category="招商落地",
    ),
    DemoProblem(
        description="电力接入方案未批复",
        project_code="2024-140522-0018",
        taskforce="supervision",
        level=ProblemLevel.TASKFORCE,
        owner="supervision_lead",
        deadline_days=-8,
        raised_days_ago=25,
        category="要素保障",
        resolved="供电公司已出具接入批复，问题解决。",
    ),
]


def _leaders(groups: dict[str, Group]) -> list[User]:
    units = {u.name: u for u in Unit.objects.filter(name="县项目建设指挥部办公室")}
    people = []
    for username, full_name, level, slugs in DEMO_LEADERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "email": f"{username}@yangcheng.local",
                "unit": units.get("县项目建设指挥部办公室"),
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(groups[Role.LEADER])
        if slugs:
            for taskforce in TaskForce.objects.filter(slug__in=slugs):
                LevelOfficial.objects.get_or_create(level=level, user=user, taskforce=taskforce)
        else:
            LevelOfficial.objects.get_or_create(level=level, user=user, taskforce=None)
        people.append(user)
    return people


def _responsible_people(duties: list[Duty]) -> None:
    """Task-force duties: the task force's members; campaigns and the HQ office: the accounts above."""
    members: dict[int, list[int]] = {}
    for m in TaskForceMembership.objects.all():
        members.setdefault(m.taskforce_id, []).append(m.user_id)
    by_username = {
        u.username: u.pk
        for u in User.objects.filter(username__in={n for v in CAMPAIGN_PEOPLE.values() for n in v} | {"hq"})
    }
    hq_unit = Unit.objects.filter(name=HQ_UNIT_NAME).first()
    for duty in duties:
        if duty.responsible_unit_id is None:
            # Seeded by the migration before the units existed: give it its lead unit now.
            owner = duty.taskforce or duty.campaign
            duty.responsible_unit = owner.lead_unit if owner is not None else hq_unit
            if duty.responsible_unit is not None:
                duty.save(update_fields=["responsible_unit"])
        if duty.responsible_people.exists():
            continue
        if duty.taskforce_id:
            ids = members.get(duty.taskforce_id, [])
        elif duty.campaign is not None:
            ids = [by_username[n] for n in CAMPAIGN_PEOPLE.get(duty.campaign.slug, []) if n in by_username]
        else:
            ids = [by_username["hq"]] if "hq" in by_username else []
        if ids:
            duty.responsible_people.add(*ids)


def _history(duties: list[Duty], recorder: User | None) -> int:
    """2024's occurrences up to the register's last demo month, most held on time, some late, a few not at all."""
    last_day = date(DEMO_YEAR, DEMO_LAST_MONTH, 31)
    existing = set(Occurrence.objects.filter(period_start__year=DEMO_YEAR).values_list("duty_id", "period_key"))
    rows = []
    for duty in duties:
        if duty.cadence == "ad_hoc":
            continue
        for period in periods_between(duty.cadence, date(DEMO_YEAR, 1, 1), last_day):
            due = due_date(
                period,
                weekday=duty.weekday,
                day=duty.day,
                second_day=duty.second_day,
                month_in_period=duty.month_in_period,
            )
            if due > last_day or (duty.pk, period.key) in existing:
                continue
            rng = random.Random(f"{duty.code}:{period.key}")
            roll = rng.random()
            attendees = ATTENDEES.get(
                duty.taskforce.slug if duty.taskforce is not None else "", "县项目建设指挥部办公室、各专班牵头单位"
            )
            occurrence = Occurrence(
                duty=duty,
                period_key=period.key,
                period_start=period.start,
                period_end=period.end,
                due_date=due,
                title=occurrence_title(duty, period),
                opened_at=local_midnight(period.start),
            )
            if roll < 0.92:
                held = (
                    due - timedelta(days=rng.randint(0, 2)) if roll < 0.82 else due + timedelta(days=rng.randint(1, 6))
                )
                held = max(held, period.start)
                occurrence.status = OccurrenceStatus.HELD
                occurrence.held_on = held
                occurrence.attendees = attendees
                occurrence.minutes = (
                    f"听取{duty.owner_name}{period.label}工作进展汇报，逐项梳理重点项目推进情况和存在问题。"
                )
                occurrence.decisions = "一、对滞后事项明确责任人和完成时限；二、需县级协调的问题列入问题台账。"
                occurrence.recorded_at = local_midnight(held) + timedelta(hours=17)
                occurrence.recorded_by = recorder
            rows.append(occurrence)
    Occurrence.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _problem(spec: DemoProblem) -> None:
    """One demo problem with a history consistent with its level (raised, then escalated step by step)."""
    if Problem.objects.filter(description=spec.description).exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    raised_at = now - timedelta(days=spec.raised_days_ago)
    users = {u.username: u for u in User.objects.filter(username__in=[spec.owner or "", "hq"])}
    taskforce_obj = TaskForce.objects.filter(slug=spec.taskforce).first()
    project = Project.objects.filter(code=spec.project_code).first() if spec.project_code else None
    order: list[str] = [ProblemLevel.TASKFORCE, ProblemLevel.DEPUTY, ProblemLevel.EXECUTIVE, ProblemLevel.COUNTY_HEAD]
    start_level = order[order.index(spec.level) - spec.escalations]
    problem = Problem.objects.create(
        project=project,
        source=ProblemSource.TASKFORCE,
        source_taskforce=taskforce_obj,
        description=spec.description,
        category=spec.category,
        level=spec.level,
        owner=users.get(spec.owner or ""),
        owner_unit=taskforce_obj.lead_unit if taskforce_obj else None,
        deadline=today + timedelta(days=spec.deadline_days),
        raised_at=raised_at,
        raised_by=users.get("hq"),
        level_changed_at=raised_at if not spec.escalations else now - timedelta(days=2),
        status=ProblemStatus.RESOLVED if spec.resolved else ProblemStatus.OPEN,
        resolution=spec.resolved,
        resolved_at=now - timedelta(days=1) if spec.resolved else None,
    )
    ProblemEvent.objects.create(
        problem=problem, at=raised_at, kind=ProblemEventKind.RAISED, actor=users.get("hq"), to_level=start_level
    )
    level_now = start_level
    for step in range(spec.escalations):
        new_level = order[order.index(level_now) + 1]
        at = raised_at + timedelta(days=7 * (step + 1))
        ProblemEvent.objects.create(
            problem=problem,
            at=at,
            kind=ProblemEventKind.ESCALATED,
            from_level=level_now,
            to_level=new_level,
            note=f"逾期未解决，自动上报至{ProblemLevel(new_level).label}。",
        )
        level_now = new_level
    if spec.resolved:
        ProblemEvent.objects.create(
            problem=problem,
            at=now - timedelta(days=1),
            kind=ProblemEventKind.RESOLVED,
            actor=users.get("hq"),
            note=spec.resolved,
        )


def _problems() -> None:
    for spec in DEMO_PROBLEMS:
        _problem(spec)


@transaction.atomic
def load(*, stdout: Output | None = None) -> None:
    today = timezone.localdate()
    seed_notice_duties(
        duty_model=Duty, taskforce_model=TaskForce, campaign_model=Campaign, unit_model=Unit, today=today
    )
    groups = {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    _leaders(groups)
    duties = list(Duty.objects.select_related("taskforce", "campaign"))
    _responsible_people(duties)
    _history(duties, User.objects.filter(username="hq").first())
    _problems()
    if stdout is not None:
        stdout.write("  县领导（问题台账分级）：" + "、".join(f"{u}（{n}）" for u, n, _l, _s in DEMO_LEADERS))
