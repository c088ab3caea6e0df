"""Demo data for the register: units, the 2024 target, task forces, campaigns, 126 key projects,
Jan..Oct 2024 progress, and one account per role.

The 126 projects reproduce the notice's counts and sums exactly (6/18/102 projects; totals
106.99/709.40/313.06 亿元; annual plans 17.61/26.97/78.56 亿元). Everything is generated from a
fixed seed, and loading twice changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import Campaign, MembershipRole, Role, TaskForce, TaskForceMembership, Unit, UnitKind, User
from projects.models import MonthlyProgress, Nature, Project, ProjectStatus, ProjectYear, Tier, YearTarget

if TYPE_CHECKING:  # demo.common needs nothing from here at run time, but the other demo modules import both
    from demo.common import Output

DEMO_YEAR = 2024
DEMO_LAST_MONTH = 10
# The demo's "today": the end of the last reported month (what taskforces.selectors.reference_date gives).
DEMO_TODAY = date(DEMO_YEAR, DEMO_LAST_MONTH, 31)
DEMO_PASSWORD = "yangcheng2024"  # noqa: S105  # the demo accounts' password: load_demo prints it

TOWNSHIPS = [
    "凤城镇",
    "北留镇",
    "润城镇",
    "町店镇",
    "芹池镇",
    "次营镇",
    "横河镇",
    "河北镇",
    "蟒河镇",
    "东冶镇",
    "白桑镇",
    "寺头乡",
    "西河乡",
    "演礼乡",
    "固隆乡",
    "董封乡",
    "驾岭乡",
]
DEV_ZONE = "阳城经济技术开发区"
DEPARTMENTS = [
    "县发展和改革局",
    "县投资促进中心",
    "县行政审批服务管理局",
    "县自然资源局",
    "县统计局",
    "县财政局",
    "县工业和信息化局",
    "县住房和城乡建设局",
    "县交通运输局",
    "县水利局",
    "县文化和旅游局",
    "县农业农村局",
    "县教育局",
    "县卫生健康和体育局",
    "县能源局",
    "县生态环境局",
]
OFFICES = ["县项目建设指挥部办公室", "县政府办督查室"]

TASKFORCES = [
    (
        "investment",
        "招商引资专班",
        "县投资促进中心",
        "招引线索与签约项目、外出招商、推介活动、项目一线走访、头部企业对接",
        "每周下沉项目一线、每月调度推进、每季通报督促",
    ),
    (
        "approvals",
        "前期手续专班",
        "县行政审批服务管理局",
        "113个计划开工项目和9个前期项目的审批事项清单",
        "一周一调度、半月一会商、一月一通报",
    ),
    (
        "supervision",
        "推进督导专班",
        "县发展和改革局",
        "126项重点工程“十大督导”，查看现场、座谈交流、留影存档",
        "每月全方位覆盖推进督导一遍",
    ),
    (
        "land",
        "用地保障专班",
        "县自然资源局",
        "项目用地需求清单和问题清单，组件报批全过程跟踪，做到不退件",
        "每季度召开一次项目用地专题会",
    ),
    (
        "statistics",
        "入库纳统专班",
        "县统计局",
        "逐月摸排具备入库条件项目，入库纳统项目清单，佐证资料上报审核",
        "逐月摸排",
    ),
    (
        "funding",
        "争取资金专班",
        "县财政局",
        "中央及省预算内资金、专项债券、国债项目申报及资金到位情况",
        "统筹调度，紧盯申报时限",
    ),
]

CAMPAIGNS = [
    (
        "reserve",
        "项目储备",
        "县发展和改革局",
        "谋划项目总投资达到年度固定资产投资目标的4倍，数量达到新建项目的1.5倍；储备项目总投资占谋划项目总投资35%以上。",
    ),
    (
        "scheduling",
        "项目调度",
        "县项目建设指挥部办公室",
        "每月调度六大工作专班，分级分类问题台账；常务副县长每月推进会；县长顶格调度。",
    ),
    (
        "attraction",
        "招商引资",
        "县投资促进中心",
        "每月至少2次外出招商；全年综合性推介活动不少于2次、产业链推介活动不少于5次。",
    ),
    ("service", "服务保障", "县行政审批服务管理局", "审批绿色快车道、用地优先保障、资金争取，每年两次政银企对接会。"),
    (
        "five-batches",
        "五个一批",
        "县工业和信息化局",
        "签约、落地、开工、投产、达效，月月有通报，一季一仪式，年度算总账。",
    ),
    ("assessment", "督考一体", "县政府办督查室", "每月督查乡（镇）、开发区和县直部门，兑现奖惩。"),
]

# The notice's figures, in 万元 (亿元 × 10,000).
TIER_TOTALS: dict[str, tuple[int, Decimal, Decimal]] = {
    Tier.PROVINCE: (6, Decimal("1069900"), Decimal("176100")),
    Tier.CITY: (18, Decimal("7094000"), Decimal("269700")),
    Tier.COUNTY: (102, Decimal("3130600"), Decimal("785600")),
}
# 113 planned to start (new), 9 preliminary, the other 4 continuing: 126 in all.
NATURE_PLAN: dict[str, list[Nature]] = {
    Tier.PROVINCE: [Nature.CONTINUING] + [Nature.NEW] * 5,
    Tier.CITY: [Nature.CONTINUING, Nature.PRELIMINARY] + [Nature.NEW] * 16,
    Tier.COUNTY: [Nature.CONTINUING] * 2 + [Nature.PRELIMINARY] * 8 + [Nature.NEW] * 92,
}

SUBJECTS = [
    ("陶瓷琉璃产业园", "陶瓷琉璃"),
    ("光伏发电", "能源资源"),
    ("蚕桑产业基地", "蚕桑"),
    ("文旅康养综合体", "文旅康养"),
    ("精细化工新材料", "精细化工"),
    ("污水处理厂提标改造", "城市建设"),
    ("集中供热管网改造", "城市建设"),
    ("乡村振兴示范片区", "农业农村"),
    ("农村公路提质改造", "交通"),
    ("学校综合楼", "社会事业"),
    ("医院门诊综合楼", "社会事业"),
    ("现代物流园", "商贸物流"),
    ("抽水蓄能电站", "能源资源"),
    ("煤层气开发利用", "能源资源"),
    ("风电场", "能源资源"),
    ("小型水库除险加固", "水利"),
    ("农贸市场改造", "商贸物流"),
    ("保障性租赁住房", "城市建设"),
    ("康养小镇", "文旅康养"),
    ("特色农产品加工", "农业农村"),
    ("智能制造产业园", "先进制造"),
    ("老旧小区改造", "城市建设"),
]
LEADERS = ["王县长", "李常务副县长", "张副县长", "赵副县长", "刘副县长", "陈副县长"]

# Per-township pace of investment (so the horse race has leaders and laggards).
_PACE_SPREAD = [
    Decimal(x) / 100 for x in (160, 150, 142, 135, 130, 125, 121, 117, 113, 109, 105, 100, 95, 90, 85, 78, 70, 140)
]
# Monthly share of the annual plan (in thousandths; winter months are slow). Sums to 1000.
_SEASON = [20, 30, 70, 90, 100, 110, 110, 110, 100, 100, 90, 70]


@dataclass
class DemoAccount:
    username: str
    full_name: str
    roles: list[str]
    unit: str | None
    what_they_see: str
    taskforce: str | None = None
    taskforce_role: str = MembershipRole.MEMBER


DEMO_ACCOUNTS = [
    DemoAccount(
        "admin", "系统管理员", [Role.ADMIN], "县项目建设指挥部办公室", "全部功能：导入导出、用户与单位、年度目标"
    ),
    DemoAccount("hq", "指挥部办公室", [Role.HQ], "县项目建设指挥部办公室", "全部台账与问题台账，发布通报，调度"),
    DemoAccount("leader", "县领导", [Role.LEADER], None, "只读：驾驶舱、全部台账、通报"),
    DemoAccount("inspector", "督查室", [Role.INSPECTION], "县政府办督查室", "督查与考核，读全部"),
    DemoAccount(
        "investment_lead",
        "招商专班负责人",
        [Role.TASKFORCE],
        "县投资促进中心",
        "招商引资专班台账（可编辑）",
        "investment",
        MembershipRole.LEAD,
    ),
    DemoAccount(
        "approvals_lead",
        "前期手续专班负责人",
        [Role.TASKFORCE],
        "县行政审批服务管理局",
        "前期手续专班台账（可编辑）",
        "approvals",
        MembershipRole.LEAD,
    ),
    DemoAccount(
        "supervision_lead",
        "督导专班负责人",
        [Role.TASKFORCE],
        "县发展和改革局",
        "推进督导专班台账（可编辑）",
        "supervision",
        MembershipRole.LEAD,
    ),
    DemoAccount(
        "land_lead",
        "用地专班负责人",
        [Role.TASKFORCE],
        "县自然资源局",
        "用地保障专班台账（可编辑）",
        "land",
        MembershipRole.LEAD,
    ),
    DemoAccount(
        "statistics_lead",
        "纳统专班负责人",
        [Role.TASKFORCE],
        "县统计局",
        "入库纳统专班台账（可编辑）",
        "statistics",
        MembershipRole.LEAD,
    ),
    DemoAccount(
        "funding_lead",
        "资金专班负责人",
        [Role.TASKFORCE],
        "县财政局",
        "争取资金专班台账（可编辑）",
        "funding",
        MembershipRole.LEAD,
    ),
    DemoAccount(
        "approvals_member",
        "前期手续专班成员",
        [Role.TASKFORCE],
        "县行政审批服务管理局",
        "前期手续专班台账（可编辑）",
        "approvals",
        MembershipRole.MEMBER,
    ),
    DemoAccount("fengcheng", "凤城镇填报员", [Role.REPORTER], "凤城镇", "只看并填报凤城镇的项目"),
    DemoAccount("jiaotong", "交通局填报员", [Role.REPORTER], "县交通运输局", "只看并填报交通运输局负责的项目"),
]


def _split(total: Decimal, weights: list[float]) -> list[Decimal]:
    """Split `total` (万元, two places) in proportion to weights, exactly: the last part takes the rounding."""
    cents_total = int(total * 100)
    weight_sum = sum(weights)
    parts = [int(cents_total * w / weight_sum) for w in weights[:-1]]
    parts.append(cents_total - sum(parts))
    return [Decimal(p) / 100 for p in parts]


def _units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    rows = (
        [(n, UnitKind.TOWNSHIP) for n in TOWNSHIPS]
        + [(DEV_ZONE, UnitKind.DEV_ZONE)]
        + [(n, UnitKind.DEPARTMENT) for n in DEPARTMENTS]
        + [(n, UnitKind.OFFICE) for n in OFFICES]
    )
    for order, (name, kind) in enumerate(rows):
        units[name], _ = Unit.objects.get_or_create(name=name, defaults={"kind": kind, "sort_order": order})
    return units


def _roles() -> dict[str, Group]:
    return {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}


def _accounts(units: dict[str, Unit], groups: dict[str, Group]) -> None:
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "full_name": account.full_name,
                "unit": units.get(account.unit) if account.unit else None,
                "email": f"{account.username}@yangcheng.local",
                "is_staff": Role.ADMIN in account.roles,
                "is_superuser": Role.ADMIN in account.roles,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(*(groups[r] for r in account.roles))
        if account.taskforce:
            TaskForceMembership.objects.get_or_create(
                taskforce=TaskForce.objects.get(slug=account.taskforce),
                user=user,
                defaults={"role": account.taskforce_role},
            )


def _taskforces_and_campaigns(units: dict[str, Unit]) -> None:
    for order, (slug, name, lead, duties, cadence) in enumerate(TASKFORCES):
        TaskForce.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "lead_unit": units[lead],
                "duties": duties,
                "cadence": cadence,
                "sort_order": order,
            },
        )
    for order, (slug, name, lead, summary) in enumerate(CAMPAIGNS):
        Campaign.objects.get_or_create(
            slug=slug, defaults={"name": name, "lead_unit": units[lead], "summary": summary, "sort_order": order}
        )


def _projects(units: dict[str, Unit]) -> list[ProjectYear]:
    rng = random.Random(1366)
    townships = [units[n] for n in TOWNSHIPS] + [units[DEV_ZONE]]
    departments = [units[n] for n in DEPARTMENTS[6:]]
    listings: list[ProjectYear] = []
    number = 0
    for tier, (count, total, plan) in TIER_TOTALS.items():
        natures = NATURE_PLAN[tier]
        if len(natures) != count:
            raise ValueError(f"NATURE_PLAN lists {len(natures)} {tier} projects, TIER_TOTALS {count}")
        plan_weights = [rng.uniform(0.4, 1.6) * (0.15 if n == Nature.PRELIMINARY else 1.0) for n in natures]
        total_weights = [w * rng.uniform(0.7, 1.3) for w in plan_weights]
        plans = _split(plan, plan_weights)
        totals = _split(total, total_weights)
        for seq, (nature, plan_amount, total_amount) in enumerate(zip(natures, plans, totals, strict=True), start=1):
            number += 1
            township = townships[(number * 7) % len(townships)]
            subject, industry = SUBJECTS[(number * 5) % len(SUBJECTS)]
            name = f"{township.name.removesuffix('镇').removesuffix('乡')}{subject}项目"
            if nature == Nature.NEW:
                planned_start = date(DEMO_YEAR, 3 + (number % 8), 1 + (number % 27))
                planned_completion = date(DEMO_YEAR + 1 + number % 2, 12, 31)
            elif nature == Nature.CONTINUING:
                planned_start = date(DEMO_YEAR - 1, 5, 1)
                planned_completion = date(DEMO_YEAR, 11 + number % 2, 30)
            else:
                planned_start, planned_completion = None, None
            code = f"2024-140522-{number:04d}"
            project, _ = Project.objects.get_or_create(
                code=code,
                defaults={
                    "name": name if not Project.objects.filter(name=name).exists() else f"{name}（{number}期）",
                    "owner": f"阳城县{subject}建设有限公司" if number % 3 else f"{township.name}人民政府",
                    "scope": f"建设{subject}及配套设施。",
                    "total_investment": total_amount,
                    "township": township,
                    "responsible_unit": departments[number % len(departments)],
                    "liaison_leader": LEADERS[number % len(LEADERS)],
                    "industry": industry,
                    "planned_start": planned_start,
                    "planned_completion": planned_completion,
                },
            )
            listing, _ = ProjectYear.objects.get_or_create(
                project=project,
                year=DEMO_YEAR,
                defaults={"tier": tier, "nature": nature, "annual_plan": plan_amount, "seq": seq},
            )
            listings.append(listing)
    return listings


def _starts_and_progress(listings: list[ProjectYear], reporter: User | None) -> None:
    """Actual starts and Jan..Oct progress, deterministic. Only fills what is missing."""
    cutoff = date(DEMO_YEAR, DEMO_LAST_MONTH, 31)
    township_pace: dict[int | None, Decimal] = {}
    progress_rows: list[MonthlyProgress] = []
    existing = set(MonthlyProgress.objects.filter(year=DEMO_YEAR).values_list("project_id", "month"))
    for listing in listings:
        project = listing.project
        # One generator per project, so a second run draws the same numbers whatever the first did.
        rng = random.Random(project.code)
        pace = township_pace.setdefault(project.township_id, _PACE_SPREAD[len(township_pace) % len(_PACE_SPREAD)])
        start_month = 1
        if listing.nature == Nature.NEW and project.planned_start:
            roll = rng.random()
            if roll < 0.12 and project.planned_start.month > 3:
                actual = date(DEMO_YEAR, project.planned_start.month - 1, 15)  # started early
            elif roll < 0.85:
                actual = project.planned_start
            else:
                actual = None  # not started on schedule
            if actual and actual > cutoff:
                actual = None
            if project.actual_start is None and actual is not None:
                project.actual_start = actual
                project.status = ProjectStatus.UNDER_CONSTRUCTION
                project.save(update_fields=["actual_start", "status"])
            if project.actual_start is None:
                continue
            start_month = project.actual_start.month
        elif listing.nature == Nature.CONTINUING:
            if project.actual_start is None:
                project.actual_start = project.planned_start
                project.status = (
                    ProjectStatus.SUSPENDED if project.code.endswith("7") else ProjectStatus.UNDER_CONSTRUCTION
                )
                project.save(update_fields=["actual_start", "status"])
        else:
            pace = pace * Decimal("0.3")  # preliminary projects spend little
        # Spread the plan over the months left after the start, so late starters can still keep pace.
        season_left = sum(_SEASON[start_month - 1 :])
        for month in range(start_month, DEMO_LAST_MONTH + 1):
            # Draw before deciding to skip, so every run consumes the same numbers.
            wobble = Decimal(rng.randint(80, 120)) / 100
            late_reporter = rng.random() < 0.08
            if (project.id, month) in existing:
                continue
            if month == DEMO_LAST_MONTH and late_reporter:
                continue  # a few projects have not reported the latest month yet
            amount = (listing.annual_plan * _SEASON[month - 1] * pace * wobble / season_left).quantize(Decimal("0.01"))
            progress_rows.append(
                MonthlyProgress(
                    project=project,
                    year=DEMO_YEAR,
                    month=month,
                    completed=amount,
                    physical_progress="主体工程施工中" if month > start_month else "完成场地平整",
                    reported_by=reporter,
                )
            )
    MonthlyProgress.objects.bulk_create(progress_rows)


@transaction.atomic
def load(*, stdout: Output | None = None) -> None:
    units = _units()
    groups = _roles()
    YearTarget.objects.get_or_create(
        year=DEMO_YEAR,
        defaults={"fai_target": Decimal("1600500"), "growth_rate": Decimal("10"), "base": Decimal("1455000")},
    )
    _taskforces_and_campaigns(units)
    _accounts(units, groups)
    listings = _projects(units)
    _starts_and_progress(listings, User.objects.filter(username="hq").first())
