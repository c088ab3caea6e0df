"""The duties the notice (阳政办函〔2024〕5号) names, and one function that seeds them.

Used by the data migration (with the migration's historical models) and by `demo.load()` (with the
real ones), so both create the same rows. Idempotent: a duty is looked up by its `code` and never
changed once it exists (administrators may have edited it). A duty whose task force or campaign does
not exist yet is skipped; running the seeding again later (demo, or the button on the duties page)
adds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .periods import CadenceCode, local_midnight, period_containing

HQ_UNIT_NAME = "县项目建设指挥部办公室"
# The executive deputy county head's monthly progress meeting: the bulletin builds its meeting pack.
PROGRESS_MEETING_DUTY = "scheduling-monthly-progress-meeting"


@dataclass(frozen=True)
class DutySeed:
    code: str
    owner_kind: str  # "taskforce" | "campaign" | "hq"
    owner_slug: str  # the task force's or campaign's slug; "" for the HQ office
    name: str
    cadence: str
    params: dict[str, int] = field(default_factory=dict)
    description: str = ""
    problem_level: str = ""
    remind_days_before: int = 2


W = CadenceCode
NOTICE_DUTIES: list[DutySeed] = [
    # 招商引资专班: 每周下沉项目一线、每月调度推进、每季通报督促.
    DutySeed(
        "investment-weekly-visits",
        "taskforce",
        "investment",
        "下沉项目一线",
        W.WEEKLY,
        {"weekday": 3},
        "每周下沉项目一线，推动招引项目落地。",
        remind_days_before=1,
    ),
    DutySeed(
        "investment-monthly-scheduling",
        "taskforce",
        "investment",
        "调度推进",
        W.MONTHLY,
        {"day": 25},
        "每月调度推进招引项目。",
    ),
    DutySeed(
        "investment-quarterly-bulletin",
        "taskforce",
        "investment",
        "通报督促",
        W.QUARTERLY,
        {"month_in_period": 3, "day": 25},
        "每季通报督促。",
        remind_days_before=5,
    ),
    # 前期手续专班: 一周一调度、半月一会商、一月一通报.
    DutySeed(
        "approvals-weekly-scheduling",
        "taskforce",
        "approvals",
        "调度",
        W.WEEKLY,
        {"weekday": 4},
        "一周一调度：审批事项清单逐项过堂。",
        remind_days_before=1,
    ),
    DutySeed(
        "approvals-semimonthly-consultation",
        "taskforce",
        "approvals",
        "会商",
        W.SEMI_MONTHLY,
        {"day": 14, "second_day": 28},
        "半月一会商。",
    ),
    DutySeed(
        "approvals-monthly-bulletin",
        "taskforce",
        "approvals",
        "通报",
        W.MONTHLY,
        {"day": 28},
        "一月一通报前期手续办理情况。",
    ),
    # 推进督导专班: 每月全方位覆盖推进督导一遍.
    DutySeed(
        "supervision-monthly-coverage",
        "taskforce",
        "supervision",
        "全覆盖督导",
        W.MONTHLY,
        {"day": 31},
        "126项重点工程“十大督导”每月全覆盖一遍。",
        remind_days_before=5,
    ),
    # 用地保障专班: 每季度召开一次项目用地专题会.
    DutySeed(
        "land-quarterly-meeting",
        "taskforce",
        "land",
        "项目用地专题会",
        W.QUARTERLY,
        {"month_in_period": 2, "day": 20},
        "每季度召开一次项目用地专题会。",
        remind_days_before=5,
    ),
    # 入库纳统专班: 逐月摸排.
    DutySeed(
        "statistics-monthly-screening",
        "taskforce",
        "statistics",
        "入库纳统摸排",
        W.MONTHLY,
        {"day": 20},
        "逐月摸排具备入库条件项目，形成入库纳统项目清单。",
    ),
    # 争取资金专班: 统筹调度，紧盯申报时限 (no fixed rhythm).
    DutySeed(
        "funding-application-scheduling",
        "taskforce",
        "funding",
        "资金申报调度",
        W.AD_HOC,
        {},
        "统筹调度中央及省预算内项目、专项债券项目申报及资金到位情况。",
    ),
    # 项目调度: 指挥部办公室每月调度六大工作专班；常务副县长每月推进会；县长顶格调度.
    DutySeed(
        "hq-monthly-taskforce-scheduling",
        "hq",
        "",
        "六大工作专班调度",
        W.MONTHLY,
        {"day": 20},
        "指挥部办公室每月调度一次“六大工作专班”运行情况，分级分类建立问题台账。",
        problem_level="taskforce",
    ),
    DutySeed(
        PROGRESS_MEETING_DUTY,
        "campaign",
        "scheduling",
        "项目建设推进会",
        W.MONTHLY,
        {"day": 28},
        "常务副县长每月组织召开项目建设推进会：开（复）工、入统、省市重点工程、前期手续和重点问题。",
        problem_level="executive",
        remind_days_before=3,
    ),
    DutySeed(
        "scheduling-county-head-meeting",
        "campaign",
        "scheduling",
        "县长顶格调度",
        W.AD_HOC,
        {},
        "不定期由县长召开项目推进会议，直接对话各乡（镇）长、各单位一把手。",
        problem_level="county_head",
    ),
    # 招商引资: 每月至少2次外出招商；月通报、季评比、年考核；全年推介活动.
    DutySeed(
        "attraction-monthly-trips",
        "campaign",
        "attraction",
        "外出招商（不少于2次）",
        W.MONTHLY,
        {"day": 31},
        "严格落实每月至少2次外出招商。",
        remind_days_before=7,
    ),
    DutySeed("attraction-monthly-bulletin", "campaign", "attraction", "通报", W.MONTHLY, {"day": 28}, "月通报。"),
    DutySeed(
        "attraction-quarterly-evaluation",
        "campaign",
        "attraction",
        "评比",
        W.QUARTERLY,
        {"month_in_period": 3, "day": 28},
        "季评比。",
        remind_days_before=5,
    ),
    DutySeed(
        "attraction-yearly-assessment",
        "campaign",
        "attraction",
        "考核",
        W.YEARLY,
        {"month_in_period": 12, "day": 31},
        "年考核。",
        remind_days_before=10,
    ),
    # 服务保障: 每年召开两次政银企对接会议.
    DutySeed(
        "service-bank-meeting",
        "campaign",
        "service",
        "政银企对接会",
        W.HALF_YEARLY,
        {"month_in_period": 5, "day": 31},
        "每年召开两次政银企对接会议。",
        remind_days_before=10,
    ),
    # 五个一批: 月月有通报，一季一仪式，年度算总账.
    DutySeed(
        "five-batches-monthly-assessment",
        "campaign",
        "five-batches",
        "考核通报",
        W.MONTHLY,
        {"day": 28},
        "每月对各乡（镇）产业项目签约、落地、开工、投产、达效情况进行考核。",
    ),
    DutySeed(
        "five-batches-quarterly-ceremony",
        "campaign",
        "five-batches",
        "开工（投产）仪式",
        W.QUARTERLY,
        {"month_in_period": 3, "day": 20},
        "每季度举行一次开工或投产仪式。",
        remind_days_before=10,
    ),
    DutySeed(
        "five-batches-yearly-settlement",
        "campaign",
        "five-batches",
        "年度算总账",
        W.YEARLY,
        {"month_in_period": 12, "day": 31},
        "年底综合考核，兑现奖惩。",
        remind_days_before=10,
    ),
    # 督考一体: 每月推进督查并通报；年度考核.
    DutySeed(
        "assessment-monthly-inspection",
        "campaign",
        "assessment",
        "项目推进督查",
        W.MONTHLY,
        {"day": 25},
        "每月对各乡（镇）、开发区和县直相关部门的项目进行推进督查，及时通报督查结果。",
    ),
    DutySeed(
        "assessment-yearly-assessment",
        "campaign",
        "assessment",
        "项目建设考核",
        W.YEARLY,
        {"month_in_period": 12, "day": 31},
        "按照《阳城县项目建设考核办法》兑现奖惩。",
        remind_days_before=10,
    ),
]


def first_next_due(cadence: str, today: date) -> datetime | None:
    """A new duty opens the period it is created in (aware local midnight); ad-hoc duties never open by themselves."""
    if cadence == CadenceCode.AD_HOC:
        return None
    return local_midnight(period_containing(cadence, today).start)


def seed_notice_duties(
    *, duty_model: Any, taskforce_model: Any, campaign_model: Any, unit_model: Any, today: date
) -> list[Any]:
    """Create the notice's duties that are missing. Returns the duties created."""
    taskforces = {tf.slug: tf for tf in taskforce_model.objects.all()}
    campaigns = {c.slug: c for c in campaign_model.objects.all()}
    hq_unit = unit_model.objects.filter(name=HQ_UNIT_NAME).first()
    existing = set(duty_model.objects.values_list("code", flat=True))
    created = []
    for order, seed in enumerate(NOTICE_DUTIES):
        if seed.code in existing:
            continue
        taskforce = taskforces.get(seed.owner_slug) if seed.owner_kind == "taskforce" else None
        campaign = campaigns.get(seed.owner_slug) if seed.owner_kind == "campaign" else None
        if (seed.owner_kind == "taskforce" and taskforce is None) or (
            seed.owner_kind == "campaign" and campaign is None
        ):
            continue
        if taskforce is not None:
            unit_id = taskforce.lead_unit_id
        elif campaign is not None:
            unit_id = campaign.lead_unit_id
        else:
            unit_id = hq_unit.pk if hq_unit else None
        duty, was_created = duty_model.objects.get_or_create(
            code=seed.code,
            defaults={
                "name": seed.name,
                "description": seed.description,
                "owner_kind": seed.owner_kind,
                "taskforce": taskforce,
                "campaign": campaign,
                "cadence": seed.cadence,
                "weekday": seed.params.get("weekday"),
                "day": seed.params.get("day"),
                "second_day": seed.params.get("second_day"),
                "month_in_period": seed.params.get("month_in_period"),
                "problem_level": seed.problem_level,
                "responsible_unit_id": unit_id,
                "remind_days_before": seed.remind_days_before,
                "next_due": first_next_due(seed.cadence, today),
                "sort_order": order,
            },
        )
        if was_created:
            created.append(duty)
    return created
