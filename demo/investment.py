"""Demo data of the investment task force's ledger: trips Jan–Oct 2024, leads at every stage (signed ones
linked to the demo projects they became), promotion events, weekly site visits, head-enterprise contacts.

One random generator, seeded once, runs through the parts in order, so the data are the same on every load.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from accounts.models import Unit, User
from demo.common import PEOPLE, get_or_create_by
from demo.register import DEMO_TODAY, DEMO_YEAR
from projects.models import Nature, Project
from taskforces.models import (
    AttractionMode,
    ContactMode,
    EnterpriseContact,
    Industry,
    Lead,
    LeadStage,
    PromotionEvent,
    PromotionKind,
    SiteVisit,
    SourceRegion,
    Trip,
)

DESTINATIONS = [
    ("北京", SourceRegion.BEIJING_TIANJIN_HEBEI),
    ("天津", SourceRegion.BEIJING_TIANJIN_HEBEI),
    ("雄安新区", SourceRegion.BEIJING_TIANJIN_HEBEI),
    ("上海", SourceRegion.YANGTZE_DELTA),
    ("苏州", SourceRegion.YANGTZE_DELTA),
    ("杭州", SourceRegion.YANGTZE_DELTA),
    ("宁波", SourceRegion.YANGTZE_DELTA),
    ("深圳", SourceRegion.GREATER_BAY),
    ("广州", SourceRegion.GREATER_BAY),
    ("东莞", SourceRegion.GREATER_BAY),
    ("郑州", SourceRegion.CENTRAL_PLAINS),
    ("洛阳", SourceRegion.CENTRAL_PLAINS),
    ("佛山", SourceRegion.GREATER_BAY),
]
COMPANY_WORDS = [
    "新能源科技",
    "陶瓷材料",
    "文旅发展",
    "精细化工",
    "丝绸科技",
    "智能装备",
    "现代农业",
    "供应链管理",
    "康养产业",
    "光电科技",
]
INDUSTRY_FOR_WORD = {
    "新能源科技": "能源资源",
    "陶瓷材料": "陶瓷琉璃",
    "文旅发展": "文旅康养",
    "精细化工": "精细化工",
    "丝绸科技": "蚕桑丝绸",
    "智能装备": "先进制造",
    "现代农业": "现代农业",
    "供应链管理": "商贸物流",
    "康养产业": "文旅康养",
    "光电科技": "先进制造",
}
HEAD_ENTERPRISES = ["中国大唐集团", "中国船舶集团", "广东海大集团", "温氏食品集团"]


@dataclass
class Context:
    """What every part of the ledger's demo uses: the seeded generator, the catalogues, the units."""

    rng: random.Random
    user: User | None
    industries: dict[str, Industry]
    modes: list[AttractionMode]
    townships: list[Unit]
    attraction_unit: Unit | None


def investment_load(units: dict[str, Unit], user: User | None) -> None:
    townships = [u for u in units.values() if u.is_township]
    townships.sort(key=lambda u: (u.sort_order, u.name))
    ctx = Context(
        rng=random.Random("investment-2024"),
        user=user,
        industries={i.name: i for i in Industry.objects.all()},
        modes=list(AttractionMode.objects.order_by("sort_order")),
        townships=townships,
        attraction_unit=units.get("县投资促进中心"),
    )
    trips = _trips(ctx)
    _leads(ctx, trips)
    _promotion_events(ctx)
    _site_visits(ctx)
    _enterprise_contacts(ctx)


def _trips(ctx: Context) -> list[Trip]:
    rng, user, townships, attraction_unit = ctx.rng, ctx.user, ctx.townships, ctx.attraction_unit
    trips: list[Trip] = []
    for month in range(1, 11):
        count = 1 if month in (2, 7) else 2 + (month % 3 == 0)
        for n in range(count):
            destination, region = DESTINATIONS[(month * 3 + n * 5) % len(DESTINATIONS)]
            day = date(DEMO_YEAR, month, 4 + n * 9 + rng.randint(0, 3))
            unit = attraction_unit if n == 0 or not townships else townships[(month + n) % len(townships)]
            words = rng.sample(COMPANY_WORDS, 2)
            trip = get_or_create_by(
                Trip,
                author=user,
                date=day,
                destination=destination,
                defaults={
                    "end_date": day + timedelta(days=rng.randint(1, 3)),
                    "region": region,
                    "unit": unit,
                    "participants": "、".join(rng.sample(PEOPLE, 3)),
                    "companies_met": "\n".join(f"{destination}{w}有限公司" for w in words),
                    "outcome": "就项目选址、用地和配套政策进行了深入洽谈，对方表示近期来阳城实地考察。",
                    "created_by": user,
                },
            )
            trips.append(trip)
    return trips


def _lead_dates(rng: random.Random, trip: Trip, stage: str) -> tuple[date, date | None, date | None, date | None]:
    """(contacted, negotiating, signed, landed) of a lead at `stage`, none after the demo's today."""
    contacted = trip.date + timedelta(days=rng.randint(0, 10))
    negotiating = contacted + timedelta(days=rng.randint(15, 45)) if stage != LeadStage.CONTACT else None
    signed = (
        negotiating + timedelta(days=rng.randint(20, 60))
        if stage in (LeadStage.SIGNED, LeadStage.LANDED) and negotiating
        else None
    )
    landed = signed + timedelta(days=rng.randint(15, 40)) if stage == LeadStage.LANDED and signed else None
    cutoff = DEMO_TODAY
    negotiating = min(negotiating, cutoff - timedelta(days=40)) if negotiating else None
    contacted = min(contacted, negotiating) if negotiating else min(contacted, cutoff)
    signed = min(signed, cutoff - timedelta(days=20)) if signed else None
    landed = min(max(landed, signed), cutoff) if landed and signed else None
    return contacted, negotiating, signed, landed


def _leads(ctx: Context, trips: list[Trip]) -> None:
    """Leads at every stage; signed ones are linked to demo projects of the same industry that they became."""
    rng, townships = ctx.rng, ctx.townships
    projects_by_industry: dict[str, list[Project]] = {}
    for new_project in Project.objects.filter(years__year=DEMO_YEAR, years__nature=Nature.NEW).order_by("code"):
        projects_by_industry.setdefault(new_project.industry, []).append(new_project)
    taken: set[int] = set()
    stages = (
        [LeadStage.CONTACT] * 7
        + [LeadStage.NEGOTIATING] * 6
        + [LeadStage.SIGNED] * 5
        + [LeadStage.LANDED] * 5
        + [LeadStage.DROPPED] * 2
    )
    for number, stage in enumerate(stages, start=1):
        trip = trips[(number * 2) % len(trips)]
        word = COMPANY_WORDS[number % len(COMPANY_WORDS)]
        industry = ctx.industries.get(INDUSTRY_FOR_WORD[word])
        investor = f"{trip.destination}{['华', '瑞', '宏', '鼎', '恒', '远', '晟', '泰'][number % 8]}{['达', '盛', '通', '信', '源', '嘉'][number % 6]}{word}有限公司"
        contacted, negotiating, signed, landed = _lead_dates(rng, trip, stage)
        township = townships[(number * 5) % len(townships)] if townships else None
        project: Project | None = None
        if stage in (LeadStage.SIGNED, LeadStage.LANDED) and industry:
            candidates = [
                p for p in projects_by_industry.get(_project_industry(industry.name), []) if p.pk not in taken
            ]
            if candidates:
                project = candidates[number % len(candidates)]
                taken.add(project.pk)
                township = project.township or township
        name = (
            project.name
            if project is not None
            else f"{(township.name if township else '阳城')}{word.replace('科技', '')}项目"
        )
        get_or_create_by(
            Lead,
            author=ctx.user,
            investor=investor,
            defaults={
                "name": name,
                "investor_contact": f"{PEOPLE[number % len(PEOPLE)][0]}总 138{number:08d}",
                "source_region": trip.region,
                "source_place": trip.destination,
                "industry": industry,
                "attraction_mode": ctx.modes[number % len(ctx.modes)] if ctx.modes else None,
                "intended_investment": project.total_investment
                if project is not None
                else Decimal(rng.randint(20, 400) * 100),
                "stage": stage,
                "contacted_on": contacted,
                "negotiating_on": negotiating,
                "signed_on": signed,
                "landed_on": landed,
                "dropped_on": contacted + timedelta(days=60) if stage == LeadStage.DROPPED else None,
                "host_township": township,
                "agency_handler": PEOPLE[(number + 3) % len(PEOPLE)]
                if stage in (LeadStage.SIGNED, LeadStage.LANDED)
                else "",
                "source_trip": trip,
                "project": project
                if project is not None and not Lead.objects.filter(project=project).exists()
                else None,
                "notes": "全程代办：由县投资促进中心专员负责办理项目前期手续。" if project is not None else "",
                "created_by": ctx.user,
            },
        )


def _promotion_events(ctx: Context) -> None:
    user, industries, attraction_unit = ctx.user, ctx.industries, ctx.attraction_unit
    events = [
        (
            PromotionKind.COMPREHENSIVE,
            None,
            "阳城县2024年（春季）投资环境推介会",
            date(2024, 4, 18),
            "太原",
            86,
            6,
            "356000",
        ),
        (
            PromotionKind.INDUSTRY_CHAIN,
            "陶瓷琉璃",
            "阳城陶瓷琉璃产业链招商推介会",
            date(2024, 5, 23),
            "佛山",
            42,
            3,
            "85000",
        ),
        (
            PromotionKind.INDUSTRY_CHAIN,
            "蚕桑丝绸",
            "阳城蚕桑丝绸产业链推介会",
            date(2024, 7, 11),
            "苏州",
            35,
            2,
            "32000",
        ),
        (
            PromotionKind.INDUSTRY_CHAIN,
            "文旅康养",
            "太行古堡文旅康养招商推介会",
            date(2024, 9, 26),
            "郑州",
            58,
            4,
            "128000",
        ),
        (
            PromotionKind.COMPREHENSIVE,
            None,
            "阳城县重点项目集中签约暨投资推介会",
            date(2024, 10, 22),
            "阳城",
            120,
            9,
            "512000",
        ),
    ]
    for kind, chain, title, day, place, attending, signed_count, amount in events:
        get_or_create_by(
            PromotionEvent,
            author=user,
            title=title,
            defaults={
                "kind": kind,
                "chain": industries.get(chain) if chain else None,
                "date": day,
                "place": place,
                "organizer": attraction_unit,
                "companies_attending": attending,
                "projects_signed": signed_count,
                "amount_signed": Decimal(amount),
                "results": f"现场签约项目{signed_count}个，达成合作意向多项。",
                "created_by": user,
            },
        )


def _site_visits(ctx: Context) -> None:
    rng, user = ctx.rng, ctx.user
    listed = list(Project.objects.filter(years__year=DEMO_YEAR).order_by("code")[:60])
    day = date(DEMO_YEAR, 9, 2)
    number = 0
    while day <= date(DEMO_YEAR, 10, 31) and listed:
        project = listed[(number * 7) % len(listed)]
        get_or_create_by(
            SiteVisit,
            author=user,
            project=project,
            date=day,
            defaults={
                "visitors": "、".join(rng.sample(PEOPLE, 2)),
                "findings": rng.choice(
                    [
                        "项目建设有序推进，企业反映用工紧张。",
                        "设备已进场安装，计划下月试生产。",
                        "企业希望协调解决施工用电问题。",
                    ]
                ),
                "follow_up": rng.choice(["已协调县能源局对接供电公司。", "纳入下周调度会议题。", ""]),
                "created_by": user,
            },
        )
        day += timedelta(days=7 if number % 2 else 3)
        number += 1


def _enterprise_contacts(ctx: Context) -> None:
    rng, user = ctx.rng, ctx.user
    for number, enterprise in enumerate(HEAD_ENTERPRISES * 2):
        day = date(DEMO_YEAR, 2 + number, 10 + number)
        get_or_create_by(
            EnterpriseContact,
            author=user,
            enterprise=enterprise,
            date=day,
            defaults={
                "mode": [ContactMode.VISIT, ContactMode.RECEPTION, ContactMode.MEETING, ContactMode.REMOTE][
                    number % 4
                ],
                "participants": "、".join(rng.sample(PEOPLE, 2)),
                "content": {
                    "中国大唐集团": "新能源（风光储）一体化项目合作",
                    "中国船舶集团": "风电装备制造及运维基地选址",
                    "广东海大集团": "饲料加工及生猪养殖产业链项目",
                    "温氏食品集团": "“公司+农户”生猪养殖合作模式",
                }[enterprise],
                "outcome": "双方同意建立常态化对接机制，下一步开展实地考察。",
                "created_by": user,
            },
        )


def _project_industry(industry_name: str) -> str:
    """The demo projects' industry words (demo.register.SUBJECTS) for a catalogue industry."""
    return {"蚕桑丝绸": "蚕桑"}.get(industry_name, industry_name)
