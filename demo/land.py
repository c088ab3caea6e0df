"""Demo land-use guarantee ledger (用地保障专班), consistent with demo/register.py's 2024 projects.

About forty projects need land: projects that have started hold approved land, the others are
somewhere between "not filed" and "submitted to the province"; two files were returned (the page
shows them in red: the notice's aim is none). Land problems, the Q1–Q3 quarterly land meetings and
their decisions. Deterministic (one `random.Random` per record) and idempotent.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from accounts.models import Unit, User
from demo.common import Output
from demo.register import DEMO_YEAR
from projects.models import Nature, ProjectYear
from taskforces.models import (
    LandDemand,
    LandMeeting,
    LandMeetingDecision,
    LandProblem,
    LandProblemStatus,
    LandStage,
    LandType,
)

LAND_TYPE_BY_INDUSTRY = {
    "陶瓷琉璃": "工业用地",
    "精细化工": "工业用地",
    "先进制造": "工业用地",
    "能源资源": "特殊用地",
    "蚕桑": "工业用地",
    "农业农村": "其他",
    "文旅康养": "商服用地",
    "商贸物流": "商服用地",
    "城市建设": "公共管理与公共服务用地",
    "社会事业": "公共管理与公共服务用地",
    "交通": "交通运输用地",
    "水利": "水域及水利设施用地",
}
RETURN_REASONS = [
    "用地预审材料中永久基本农田占用论证不充分，补正耕地占补平衡指标后重新组卷。",
    "勘测定界成果与规划红线不一致，需重新勘测后报批。",
]
PROBLEMS = [
    ("项目用地涉及永久基本农田，需调整选址或办理占用手续。", "对接市自然资源局，优化选址方案，避让永久基本农田。"),
    ("耕地占补平衡指标不足。", "申请使用县级储备指标，不足部分通过省级平台交易解决。"),
    ("林地征占用手续未办结。", "协调林业部门加快使用林地审核。"),
    ("村集体土地征收补偿未达成一致。", "乡镇牵头入户做工作，按县定标准补偿。"),
    ("新增建设用地计划指标紧张。", "纳入全县用地计划优先保障清单，争取省级重点项目指标。"),
    ("地上附着物清点存在争议。", "委托第三方评估，公示后据实补偿。"),
    ("规划用途与项目性质不符，需调整控制性详细规划。", "启动控规局部调整程序。"),
    ("土地出让前置条件未落实（土壤污染状况调查）。", "建设单位委托开展土壤污染状况调查。"),
]
MEETINGS = [
    (
        1,
        date(DEMO_YEAR, 3, 26),
        "县自然资源局三楼会议室",
        "分管副县长",
        "研究一季度重点工程用地报批工作，梳理用地需求清单，明确组件报批时限。",
    ),
    (
        2,
        date(DEMO_YEAR, 6, 25),
        "县政府二号会议室",
        "常务副县长",
        "通报上半年用地报批进展，研究解决占补平衡指标和退件问题。",
    ),
    (
        3,
        date(DEMO_YEAR, 9, 24),
        "县自然资源局三楼会议室",
        "分管副县长",
        "调度三季度用地保障情况，部署四季度报批冲刺，确保不退件。",
    ),
]
DECISIONS = [
    "限期完成组件报批材料，报市局审查。",
    "协调解决耕地占补平衡指标。",
    "乡镇负责完成征地补偿协议签订。",
    "退件问题逐条整改，整改到位后重新报批。",
    "优先保障省市重点工程新增建设用地计划指标。",
]


def _author() -> User | None:
    return User.objects.filter(username="land_lead").first()


def _save(obj: LandDemand | LandProblem | LandMeeting | LandMeetingDecision, author: User | None) -> None:
    obj.created_by = author
    obj._history_user = author  # type: ignore[union-attr]  # where simple_history reads who acted
    obj.save()


def _demands(listings: list[ProjectYear], author: User | None) -> list[LandDemand]:
    types = {t.name: t for t in LandType.objects.all()}
    existing = {d.project_id: d for d in LandDemand.objects.filter(project__in=[row.project for row in listings])}
    demands = []
    returned = 0
    for index, listing in enumerate(listings):
        project = listing.project
        if project.pk in existing:
            demands.append(existing[project.pk])
            continue
        rng = random.Random(f"land-{project.code}")
        area = Decimal(rng.randint(15, 420)) + Decimal(rng.randint(0, 99)) / 100
        demand = LandDemand(
            project=project,
            area_mu=area,
            land_type=types.get(LAND_TYPE_BY_INDUSTRY.get(project.industry, "其他")) or types.get("其他"),
        )
        base = project.planned_start or date(DEMO_YEAR, 6, 1)
        if project.actual_start is not None:
            demand.stage = LandStage.APPROVED
            demand.submitted_city_on = base - timedelta(days=rng.randint(90, 150))
            demand.submitted_province_on = demand.submitted_city_on + timedelta(days=rng.randint(10, 30))
            demand.approved_on = demand.submitted_province_on + timedelta(days=rng.randint(20, 50))
            demand.approval_number = f"晋政地字〔{demand.approved_on.year}〕{rng.randint(100, 999)}号"
            demand.stage_date = demand.approved_on
        elif returned < len(RETURN_REASONS) and index % 4 == 1:
            demand.stage = LandStage.RETURNED
            demand.submitted_city_on = date(DEMO_YEAR, 5 + returned, rng.randint(3, 20))
            demand.returned_on = demand.submitted_city_on + timedelta(days=rng.randint(20, 40))
            demand.returned_reason = RETURN_REASONS[returned]
            demand.stage_date = demand.returned_on
            returned += 1
        else:
            roll = rng.random()
            if roll < 0.25:
                demand.stage, demand.stage_date = LandStage.NOT_FILED, date(DEMO_YEAR, 2, 20)
            elif roll < 0.55:
                demand.stage, demand.stage_date = LandStage.PREPARING, date(DEMO_YEAR, rng.randint(4, 9), 10)
            elif roll < 0.8:
                demand.stage = LandStage.SUBMITTED_CITY
                demand.submitted_city_on = demand.stage_date = date(DEMO_YEAR, rng.randint(6, 10), rng.randint(1, 28))
            else:
                demand.stage = LandStage.SUBMITTED_PROVINCE
                demand.submitted_city_on = date(DEMO_YEAR, rng.randint(5, 8), rng.randint(1, 28))
                demand.submitted_province_on = demand.stage_date = demand.submitted_city_on + timedelta(
                    days=rng.randint(15, 40)
                )
        _save(demand, author)
        demands.append(demand)
    return demands


def _problems(demands: list[LandDemand], author: User | None) -> None:
    unit = Unit.objects.filter(name="县自然资源局").first()
    pending = [d for d in demands if d.stage != LandStage.APPROVED] + [
        d for d in demands if d.stage == LandStage.APPROVED
    ][:2]
    for index, demand in enumerate(pending[: len(PROBLEMS)]):
        description, measures = PROBLEMS[index]
        if LandProblem.objects.filter(project=demand.project, description=description).exists():
            continue
        rng = random.Random(f"landproblem-{demand.project.code}")
        resolved = demand.stage == LandStage.APPROVED or index % 3 == 2
        if resolved:
            deadline = date(DEMO_YEAR, rng.randint(6, 10), rng.randint(1, 28))
        elif index == 0:
            deadline = date(DEMO_YEAR, 9, 30)  # one open problem past its deadline at the end of October
        else:
            deadline = date(DEMO_YEAR, rng.randint(11, 12), rng.randint(1, 28))
        problem = LandProblem(
            project=demand.project,
            demand=demand,
            description=description,
            measures=measures,
            responsible_unit=unit if index % 2 == 0 else demand.project.township,
            deadline=deadline,
            status=LandProblemStatus.RESOLVED if resolved else LandProblemStatus.OPEN,
            resolved_on=deadline - timedelta(days=rng.randint(0, 20)) if resolved else None,
        )
        _save(problem, author)


def _meetings(demands: list[LandDemand], author: User | None) -> None:
    unit = Unit.objects.filter(name="县自然资源局").first()
    pending = [d for d in demands if d.stage != LandStage.APPROVED] or demands
    for quarter, day, place, chair, summary in MEETINGS:
        meeting = LandMeeting.objects.filter(year=DEMO_YEAR, quarter=quarter).first()
        if meeting is None:
            meeting = LandMeeting(
                year=DEMO_YEAR,
                quarter=quarter,
                date=day,
                place=place,
                chair=chair,
                attendees="县自然资源局、县发展和改革局、县行政审批服务管理局、相关乡（镇）及项目单位",
                summary=summary,
            )
            _save(meeting, author)
        for offset in range(3):
            demand = pending[(quarter * 3 + offset) % len(pending)]
            decision_text = DECISIONS[(quarter + offset) % len(DECISIONS)]
            if LandMeetingDecision.objects.filter(
                meeting=meeting, project=demand.project, decision=decision_text
            ).exists():
                continue
            decision = LandMeetingDecision(
                meeting=meeting,
                project=demand.project,
                decision=decision_text,
                responsible_unit=unit if offset != 2 else demand.project.township,
                deadline=day + timedelta(days=30 + 15 * offset),
                done=quarter < 3 or offset == 0,
            )
            _save(decision, author)


@transaction.atomic
def load(*, stdout: Output | None = None) -> None:
    listings = list(
        ProjectYear.objects.filter(year=DEMO_YEAR, nature__in=[Nature.NEW, Nature.PRELIMINARY])
        .select_related("project", "project__township")
        .order_by("tier", "seq", "id")
    )
    # Every third new project and every preliminary project asks for new construction land.
    chosen = [row for i, row in enumerate(listings) if row.nature == Nature.PRELIMINARY or i % 3 == 0]
    if not chosen:
        return
    author = _author()
    demands = _demands(chosen, author)
    _problems(demands, author)
    _meetings(demands, author)
    if stdout is not None:
        stdout.write(f"  land: {LandDemand.objects.count()} land demands, {LandMeeting.objects.count()} land meetings")
