"""The six campaigns' indicators for 2024: the notice's targets (阳政办函〔2024〕5号), a few the county's
assessment method adds (marked in `notes`), their points in each scoring scheme, and the townships' own
five-batches targets. Found by their code before they are created: a second load adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from accounts.models import Campaign, Unit
from campaigns.models import DisplayUnit, Indicator, IndicatorUnitTarget, Scheme, ScoringItem
from demo.register import DEMO_YEAR as YEAR


@dataclass
class Spec:
    campaign: str
    code: str
    name: str
    metric: str
    scope: str
    period: str
    comparison: str
    unit: str
    value: str | None = None
    multiplier: str | None = None
    base: str = ""
    points: dict[str, str] | None = None
    notes: str = ""


# The notice's targets, and a few the county's assessment method adds (marked in `notes`).
INDICATORS: list[Spec] = [
    # 项目储备
    Spec(
        "reserve",
        "planned-total",
        "谋划项目总投资",
        "reserve.planned_pool_total",
        "county_townships",
        "year",
        "gte",
        DisplayUnit.YI,
        multiplier="4",
        base="register.fai_target",
        points={Scheme.COUNTY: "10"},
        notes="通知：全县谋划项目总投资达到年度固定资产投资目标的4倍；各乡(镇)、开发区同等规模。",
    ),
    Spec(
        "reserve",
        "planned-count",
        "谋划项目数量",
        "reserve.planned_pool_count",
        "county_townships",
        "year",
        "gte",
        DisplayUnit.COUNT,
        multiplier="1.5",
        base="register.new_projects",
        points={Scheme.COUNTY: "5"},
        notes="通知：项目数量达到新建项目数量的1.5倍。",
    ),
    Spec(
        "reserve",
        "reserve-total",
        "储备项目总投资",
        "reserve.reserve_total",
        "county_townships",
        "year",
        "gte",
        DisplayUnit.YI,
        multiplier="0.35",
        base="reserve.planned_pool_total",
        points={Scheme.COUNTY: "5"},
        notes="通知：储备项目总投资占谋划项目总投资35%以上。",
    ),
    Spec(
        "reserve",
        "joined-key-list",
        "储备项目开工转入重点工程",
        "reserve.joined_key_list",
        "county",
        "year",
        "gte",
        DisplayUnit.COUNT,
        value="6",
        notes="县考核办法补充指标。",
    ),
    # 项目调度
    Spec(
        "scheduling",
        "cycles-compliance",
        "调度按期召开率",
        "cycles.compliance_rate",
        "county",
        "month",
        "gte",
        DisplayUnit.PERCENT,
        value="100",
    ),
    Spec(
        "scheduling",
        "cycles-compliance-units",
        "牵头单位调度按期率",
        "cycles.compliance_rate",
        "departments",
        "year",
        "gte",
        DisplayUnit.PERCENT,
        value="100",
        points={Scheme.COUNTY: "10"},
    ),
    Spec(
        "scheduling",
        "problems-overdue",
        "逾期未解决问题",
        "problems.overdue",
        "units",
        "month",
        "lte",
        DisplayUnit.COUNT,
        value="0",
        points={Scheme.COUNTY: "5"},
    ),
    Spec(
        "scheduling",
        "problems-open",
        "未解决问题（全县）",
        "problems.open",
        "county",
        "month",
        "lte",
        DisplayUnit.COUNT,
        value="20",
    ),
    Spec(
        "scheduling",
        "problems-days",
        "问题平均解决天数",
        "problems.avg_days_to_resolve",
        "county",
        "month",
        "lte",
        DisplayUnit.DAYS,
        value="30",
    ),
    # 招商引资
    Spec(
        "attraction",
        "trips",
        "外出招商次数",
        "attraction.trips",
        "townships",
        "month",
        "gte",
        DisplayUnit.TIMES,
        value="2",
        points={Scheme.ATTRACTION: "40", Scheme.COUNTY: "10"},
        notes="通知：每月要至少2次外出招商（各乡镇、开发区）。",
    ),
    Spec(
        "attraction",
        "promotions-comprehensive",
        "综合性招商推介活动",
        "attraction.promotions_comprehensive",
        "county",
        "year",
        "gte",
        DisplayUnit.TIMES,
        value="2",
        notes="通知：全年不少于2次。",
    ),
    Spec(
        "attraction",
        "promotions-chain",
        "产业链招商推介活动",
        "attraction.promotions_chain",
        "county",
        "year",
        "gte",
        DisplayUnit.TIMES,
        value="5",
        notes="通知：陶瓷、蚕桑、文旅等产业链推介全年不少于5次。",
    ),
    Spec(
        "attraction",
        "head-contacts",
        "对接头部企业",
        "attraction.head_contacts",
        "county",
        "year",
        "gte",
        DisplayUnit.TIMES,
        value="4",
        notes="大唐、中船、海大、温氏等。",
    ),
    Spec(
        "attraction",
        "leads-signed",
        "签约项目个数",
        "attraction.leads_signed",
        "county_townships",
        "year",
        "gte",
        DisplayUnit.COUNT,
        value="2",
        points={Scheme.ATTRACTION: "30"},
        notes="县考核办法补充指标（乡镇）。",
    ),
    Spec(
        "attraction",
        "leads-landed-amount",
        "落地项目投资额",
        "attraction.leads_landed_amount",
        "county_townships",
        "year",
        "gte",
        DisplayUnit.YI,
        value="1",
        points={Scheme.ATTRACTION: "30"},
        notes="县考核办法补充指标（乡镇）。",
    ),
    # 服务保障
    Spec(
        "service",
        "green-lane-days",
        "绿色通道审批平均用时",
        "service.green_lane_days",
        "county",
        "year",
        "lte",
        DisplayUnit.DAYS,
        value="20",
    ),
    Spec(
        "service",
        "bank-meetings",
        "政银企对接会",
        "service.bank_meetings",
        "county",
        "year",
        "gte",
        DisplayUnit.TIMES,
        value="2",
        notes="通知：每年召开两次政银企对接会。",
    ),
    Spec(
        "service",
        "bank-financing",
        "政银企对接达成融资",
        "service.bank_financing_agreed",
        "county",
        "year",
        "gte",
        DisplayUnit.YI,
        value="20",
    ),
    Spec(
        "service",
        "funding-received",
        "争取资金到位",
        "service.funding_received",
        "county",
        "year",
        "gte",
        DisplayUnit.YI,
        value="10",
    ),
    # 五个一批
    Spec(
        "five-batches",
        "signed",
        "签约一批",
        "five_batches.signed",
        "townships",
        "year",
        "gte",
        DisplayUnit.COUNT,
        value="3",
        points={Scheme.FIVE_BATCHES: "20"},
    ),
    Spec(
        "five-batches",
        "landed",
        "落地一批",
        "five_batches.landed",
        "townships",
        "year",
        "gte",
        DisplayUnit.COUNT,
        value="2",
        points={Scheme.FIVE_BATCHES: "20", Scheme.COUNTY: "5"},
    ),
    Spec(
        "five-batches",
        "started",
        "开工一批",
        "five_batches.started",
        "townships",
        "year",
        "gte",
        DisplayUnit.COUNT,
        value="2",
        points={Scheme.FIVE_BATCHES: "25", Scheme.COUNTY: "5"},
    ),
    Spec(
        "five-batches",
        "production",
        "投产一批",
        "five_batches.production",
        "townships",
        "year",
        "gte",
        DisplayUnit.COUNT,
        value="1",
        points={Scheme.FIVE_BATCHES: "20"},
    ),
    Spec(
        "five-batches",
        "effect",
        "达效一批",
        "five_batches.effect",
        "townships",
        "year",
        "gte",
        DisplayUnit.COUNT,
        value="1",
        points={Scheme.FIVE_BATCHES: "15"},
    ),
    Spec(
        "five-batches",
        "ceremonies",
        "开工或投产仪式",
        "five_batches.ceremonies",
        "county",
        "quarter",
        "gte",
        DisplayUnit.TIMES,
        value="1",
        notes="一季一仪式。",
    ),
    # 督考一体
    Spec(
        "assessment",
        "completion-rate",
        "投资完成率",
        "register.completion_rate",
        "county_townships",
        "year",
        "gte",
        DisplayUnit.PERCENT,
        value="100",
        points={Scheme.COUNTY: "30"},
        notes="年度计划投资完成100%；应完成 = 时间进度。",
    ),
    Spec(
        "assessment",
        "completion-rate-departments",
        "责任单位投资完成率",
        "register.completion_rate",
        "departments",
        "year",
        "gte",
        DisplayUnit.PERCENT,
        value="100",
        points={Scheme.COUNTY: "30"},
        notes="县直部门按其负责的重点工程计算。",
    ),
    Spec(
        "assessment",
        "follow-ups",
        "督查整改未完成",
        "assessment.open_follow_ups",
        "units",
        "month",
        "lte",
        DisplayUnit.COUNT,
        value="0",
        points={Scheme.COUNTY: "5"},
    ),
]

# Townships' own five-batches targets (the dev zone carries more).
OWN_TARGETS = {
    "阳城经济技术开发区": {"signed": 6, "landed": 4, "started": 3, "production": 2, "effect": 1},
    "凤城镇": {"signed": 4, "landed": 3, "started": 3},
    "北留镇": {"signed": 4, "landed": 3},
}


def indicators_load() -> None:
    campaigns = {c.slug: c for c in Campaign.objects.all()}
    for order, spec in enumerate(INDICATORS):
        campaign = campaigns.get(spec.campaign)
        if campaign is None:
            continue
        indicator, created = Indicator.objects.get_or_create(
            campaign=campaign,
            year=YEAR,
            code=spec.code,
            defaults={
                "name": spec.name,
                "metric": spec.metric,
                "scope": spec.scope,
                "period": spec.period,
                "comparison": spec.comparison,
                "display_unit": spec.unit,
                "target_value": Decimal(spec.value) if spec.value is not None else None,
                "target_multiplier": Decimal(spec.multiplier) if spec.multiplier else None,
                "target_base": spec.base,
                "sort_order": order,
                "notes": spec.notes,
            },
        )
        if created:
            for scheme, points in (spec.points or {}).items():
                ScoringItem.objects.get_or_create(
                    scheme=scheme, indicator=indicator, defaults={"points": Decimal(points)}
                )
    units = {u.name: u for u in Unit.objects.filter(name__in=OWN_TARGETS)}
    stage_indicators = {i.code: i for i in Indicator.objects.filter(campaign__slug="five-batches", year=YEAR)}
    for name, targets in OWN_TARGETS.items():
        if name not in units:
            continue
        for stage, value in targets.items():
            if stage in stage_indicators:
                IndicatorUnitTarget.objects.get_or_create(
                    indicator=stage_indicators[stage], unit=units[name], defaults={"target_value": Decimal(value)}
                )
