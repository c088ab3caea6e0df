"""Demo data of the six campaigns: 2024's indicators from the notice (阳政办函〔2024〕5号) and records
that make each campaign page meaningful: some townships ahead, some behind.

Idempotent: every record is found by a natural key before it is created, and every random number
comes from a generator seeded per record, so a second run adds nothing and changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from accounts.models import Campaign, Unit, UnitKind, User
from campaigns.engine import Engine
from campaigns.metrics import METRICS, MetricContext, Window
from campaigns.models import (
    ApprovalFlowchart,
    BankEnterpriseMeeting,
    CampaignYear,
    Ceremony,
    CeremonyKind,
    Decision,
    DecisionKind,
    Indicator,
    IndustrialProject,
    Inspection,
    PipelineProject,
    PipelineStage,
    RankingPublication,
    Scheme,
)
from campaigns.services import pipeline_approval_record, pipeline_project_start, ranking_publish
from demo.campaign_indicators import indicators_load
from demo.common import Output
from demo.register import DEMO_YEAR
from projects.models import Nature, Project, ProjectYear
from taskforces.models import AttractionMode, Industry, Lead, Trip

YEAR = DEMO_YEAR
LAST_MONTH = 10
YI = Decimal("10000")


# Each township's pace against its pipeline targets: (planned total, planned count, reserve total) factors.
PIPELINE_PACE = [
    (Decimal("1.35"), Decimal("1.30"), Decimal("1.20")),
    (Decimal("1.20"), Decimal("1.10"), Decimal("1.05")),
    (Decimal("1.10"), Decimal("1.20"), Decimal("0.70")),
    (Decimal("1.05"), Decimal("0.90"), Decimal("1.10")),
    (Decimal("1.02"), Decimal("1.05"), Decimal("0.95")),
    (Decimal("0.98"), Decimal("1.00"), Decimal("1.00")),
    (Decimal("0.95"), Decimal("0.85"), Decimal("1.30")),
    (Decimal("0.90"), Decimal("1.00"), Decimal("0.85")),
    (Decimal("0.88"), Decimal("0.75"), Decimal("0.60")),
    (Decimal("0.85"), Decimal("0.95"), Decimal("1.15")),
    (Decimal("0.80"), Decimal("0.70"), Decimal("0.90")),
    (Decimal("0.75"), Decimal("0.80"), Decimal("0.50")),
    (Decimal("0.70"), Decimal("0.60"), Decimal("0.80")),
    (Decimal("1.25"), Decimal("1.15"), Decimal("1.00")),
    (Decimal("1.15"), Decimal("1.25"), Decimal("1.10")),
    (Decimal("0.60"), Decimal("0.55"), Decimal("0.40")),
    (Decimal("0.50"), Decimal("0.45"), Decimal("0.70")),
    (Decimal("1.40"), Decimal("1.35"), Decimal("1.25")),
]
PIPELINE_SUBJECTS = [
    ("新型陶瓷釉料生产线", "陶瓷琉璃"),
    ("分布式光伏发电", "能源资源"),
    ("蚕桑丝绸深加工", "蚕桑"),
    ("康养度假区", "文旅康养"),
    ("农产品冷链物流中心", "商贸物流"),
    ("煤层气综合利用", "能源资源"),
    ("精细化工中间体", "精细化工"),
    ("乡村旅游示范区", "文旅康养"),
    ("独立储能电站", "能源资源"),
    ("智能装备制造基地", "先进制造"),
    ("中药材种植加工", "农业农村"),
    ("城市更新片区", "城市建设"),
    ("琉璃文创产业园", "陶瓷琉璃"),
    ("生猪标准化养殖", "农业农村"),
    ("氢能综合利用", "能源资源"),
    ("研学旅游基地", "文旅康养"),
]
APPROVAL_NAMES = ["项目建议书批复", "可行性研究报告批复", "用地预审与选址意见书", "环境影响评价批复", "节能审查意见"]
INDUSTRIAL_SUBJECTS = [
    ("日用陶瓷智能化生产线", "陶瓷琉璃"),
    ("琉璃工艺品加工", "陶瓷琉璃"),
    ("蚕丝被加工", "蚕桑"),
    ("光伏组件封装", "新能源"),
    ("精细化工助剂", "精细化工"),
    ("食品加工", "农产品加工"),
    ("新型建材", "建材"),
    ("汽车零部件", "先进制造"),
]
# How many industrial projects each township signs, in township order (the dev zone last): some busy, some idle.
INDUSTRIAL_COUNTS = [6, 5, 4, 4, 3, 3, 3, 2, 2, 2, 4, 1, 1, 3, 2, 1, 0, 8]


# Out-of-county trips a month per township (township order, the dev zone last): some keep the "2 a month" rule.
TRIP_PACE = [3, 2, 2, 2, 1, 2, 0, 1, 2, 1, 2, 1, 0, 2, 3, 1, 0, 3]
TRIP_DESTINATIONS = [
    ("北京", "jjj"),
    ("天津", "jjj"),
    ("石家庄", "jjj"),
    ("上海", "yrd"),
    ("苏州", "yrd"),
    ("杭州", "yrd"),
    ("无锡", "yrd"),
    ("深圳", "gba"),
    ("广州", "gba"),
    ("东莞", "gba"),
    ("郑州", "central_plains"),
    ("洛阳", "central_plains"),
    ("焦作", "central_plains"),
]
LEAD_INVESTORS = [
    "江苏华瓷新材料有限公司",
    "浙江丝路纺织科技有限公司",
    "深圳光储能源科技有限公司",
    "河南中原康养产业集团",
    "北京京能绿色能源有限公司",
    "上海精化新材料股份有限公司",
    "广东陶艺文创发展有限公司",
    "天津智造装备有限公司",
]


def _units() -> tuple[list[Unit], list[Unit]]:
    townships = list(Unit.objects.filter(kind=UnitKind.TOWNSHIP).order_by("sort_order", "name")) + list(
        Unit.objects.filter(kind=UnitKind.DEV_ZONE).order_by("sort_order", "name")
    )
    departments = list(Unit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("sort_order", "name"))
    return townships, departments


def _split(total: Decimal, n: int, rng: random.Random) -> list[Decimal]:
    weights = [rng.uniform(0.5, 1.8) for _ in range(n)]
    parts = [(total * Decimal(str(w)) / Decimal(str(sum(weights)))).quantize(Decimal("1")) for w in weights]
    parts[-1] = total.quantize(Decimal("1")) - sum(parts[:-1])
    return parts


def _pipeline(townships: list[Unit], recorder: User | None) -> None:
    if PipelineProject.objects.filter(entered_on__year__lte=YEAR).exclude(stage=PipelineStage.STARTED).exists():
        return  # loaded before: the pipeline's stages move on through services, never reset here
    ctx = MetricContext(year=YEAR)
    window = Window.for_period("year", YEAR, 12)
    fai = METRICS["register.fai_target"].compute(ctx, window)
    new = METRICS["register.new_projects"].compute(ctx, window)
    for position, township in enumerate(townships):
        _township_pipeline(township, position, fai.get(township.pk).value, new.get(township.pk).value, recorder)
    _reserve_started(recorder)


def _township_pipeline(
    township: Unit, position: int, fai_share: Decimal | None, new_projects: Decimal | None, recorder: User | None
) -> None:
    """A township's planned and reserve projects, at its pace against its targets; reserve ones have approvals."""
    rng = random.Random(f"pipeline-{township.name}")
    planned_f, count_f, reserve_f = PIPELINE_PACE[position % len(PIPELINE_PACE)]
    share = fai_share or Decimal("0")
    planned_total = 4 * share * planned_f
    planned_n = max(2, int((Decimal("1.5") * (new_projects or Decimal("4")) * count_f).to_integral_value()))
    reserve_total = Decimal("0.35") * 4 * share * reserve_f
    reserve_n = rng.randint(3, 5)
    short = township.name.removesuffix("镇").removesuffix("乡").replace("阳城经济技术开发区", "开发区")
    entries = [("planned", amount) for amount in _split(planned_total, planned_n, rng)]
    entries += [("reserve", amount) for amount in _split(reserve_total, reserve_n, rng)]
    for n, (stage, amount) in enumerate(entries, start=1):
        subject, industry = PIPELINE_SUBJECTS[(position * 5 + n) % len(PIPELINE_SUBJECTS)]
        name = f"{short}{subject}项目" if n <= len(PIPELINE_SUBJECTS) else f"{short}{subject}二期项目"
        entered = (
            date(YEAR, rng.randint(1, 9), rng.randint(1, 28))
            if rng.random() < 0.7
            else date(YEAR - 1, rng.randint(6, 12), rng.randint(1, 28))
        )
        project, created = PipelineProject.objects.get_or_create(
            name=name,
            township=township,
            defaults={
                "industry": industry,
                "estimated_investment": max(amount, Decimal("500")),
                "entered_on": entered,
                "owner": f"阳城县{industry}投资有限公司",
            },
        )
        if created and stage == "reserve":
            first = entered + timedelta(days=rng.randint(20, 120))
            first = min(first, date(YEAR, LAST_MONTH, 28))
            for k, approval in enumerate(APPROVAL_NAMES[: rng.randint(1, 3)]):
                pipeline_approval_record(
                    pipeline_project=project,
                    name=approval,
                    obtained_on=first + timedelta(days=25 * k),
                    document_number=f"阳发改审批〔{first.year}〕{rng.randint(10, 199)}号",
                    recorded_by=recorder,
                )


def _reserve_started(recorder: User | None) -> None:
    """Five of this year's new key projects came from the reserve: they started and joined the list."""
    started = (
        ProjectYear.objects.filter(
            year=YEAR, nature=Nature.NEW, project__actual_start__isnull=False, project__pipeline_entry__isnull=True
        )
        .select_related("project", "project__township")
        .order_by("project__code")[:5]
    )
    for listing in started:
        project: Project = listing.project
        if project.township is None or project.actual_start is None:  # never: the query and the demo register
            continue
        entry = PipelineProject.objects.create(
            name=project.name,
            township=project.township,
            industry=project.industry,
            estimated_investment=project.total_investment,
            entered_on=date(YEAR - 1, 9, 1),
            owner=project.owner,
        )
        pipeline_approval_record(
            pipeline_project=entry,
            name=APPROVAL_NAMES[0],
            obtained_on=date(YEAR - 1, 11, 15),
            document_number="阳发改审批〔2023〕88号",
            recorded_by=recorder,
        )
        pipeline_project_start(
            pipeline_project=entry,
            started_on=project.actual_start,
            tier=listing.tier,
            annual_plan=listing.annual_plan,
            project=project,
        )


def _industrial(townships: list[Unit]) -> None:
    for position, township in enumerate(townships):
        rng = random.Random(f"industrial-{township.name}")
        short = township.name.removesuffix("镇").removesuffix("乡").replace("阳城经济技术开发区", "开发区")
        for n in range(INDUSTRIAL_COUNTS[position % len(INDUSTRIAL_COUNTS)]):
            subject, industry = INDUSTRIAL_SUBJECTS[(position + n) % len(INDUSTRIAL_SUBJECTS)]
            name = f"{short}{subject}项目" if n < len(INDUSTRIAL_SUBJECTS) else f"{short}{subject}扩建项目"
            signed = date(YEAR - (1 if rng.random() < 0.25 else 0), rng.randint(1, 9), rng.randint(1, 28))
            dates = [signed]
            # Each later stage is reached with falling odds, a few weeks to months after the last.
            for odds in (0.75, 0.6, 0.45, 0.4):
                if rng.random() > odds:
                    break
                nxt = dates[-1] + timedelta(days=rng.randint(20, 110))
                if nxt > date(YEAR, LAST_MONTH, 31):
                    break
                dates.append(nxt)
            stages: list[date | None] = [*dates, *[None] * (5 - len(dates))]
            IndustrialProject.objects.get_or_create(
                name=name,
                township=township,
                defaults={
                    "industry": industry,
                    "investment": Decimal(rng.randint(30, 300)) * 100,
                    "signed_on": signed,
                    "landed_on": stages[1],
                    "started_on": stages[2],
                    "production_on": stages[3],
                    "effect_on": stages[4],
                },
            )


def _ceremonies() -> None:
    plan = [
        (date(YEAR, 3, 28), CeremonyKind.START, "阳城经济技术开发区", "started_on", 1),
        (date(YEAR, 6, 26), CeremonyKind.PRODUCTION, "北留镇工业园区", "production_on", 2),
        (date(YEAR, 9, 25), CeremonyKind.START, "凤城镇陶瓷琉璃产业园", "started_on", 3),
    ]
    for held_on, kind, place, field_name, quarter in plan:
        ceremony, created = Ceremony.objects.get_or_create(held_on=held_on, kind=kind, defaults={"place": place})
        if created:
            first = date(YEAR, (quarter - 1) * 3 + 1, 1)
            projects = IndustrialProject.objects.filter(**{f"{field_name}__gte": first, f"{field_name}__lte": held_on})
            if not projects.exists():
                projects = IndustrialProject.objects.filter(**{f"{field_name}__year": YEAR})
            ceremony.projects.set(projects.order_by("name")[:6])


def _bank_meetings() -> None:
    BankEnterpriseMeeting.objects.get_or_create(
        held_on=date(YEAR, 5, 16),
        defaults={
            "place": "县行政中心第一会议室",
            "banks": "中国工商银行阳城支行\n中国农业银行阳城支行\n中国建设银行阳城支行\n山西阳城农村商业银行\n晋城银行阳城支行",
            "enterprises": "阳城县陶瓷琉璃产业发展有限公司\n山西蚕桑丝绸科技有限公司\n阳城县文旅康养投资有限公司\n"
            "晋城市精细化工新材料有限公司\n阳城县光伏能源开发有限公司\n阳城县现代物流园有限公司",
            "financing_requested": Decimal("185000"),
            "financing_agreed": Decimal("126000"),
            "notes": "签约融资意向9项；会后由县财政局跟踪放款进度。",
        },
    )


FINDINGS = [
    ("项目调度机制运行正常，台账更新及时。", ""),
    ("部分项目形象进度与填报投资不符。", "核实并更正10月填报数据，月底前报县督查室。"),
    ("外出招商次数未达每月2次要求。", "制定下月招商计划，落实外出招商任务。"),
    ("问题台账中2项问题超期未解决。", "10日内解决或按程序提级。"),
    ("前期手续推进缓慢，用地预审未完成。", "明确责任人和时限，每周报送进展。"),
    ("谋划项目储备不足，未达同等规模要求。", "本季度新增谋划项目不少于3个。"),
]


def _inspections(townships: list[Unit], departments: list[Unit], inspector: User | None) -> None:
    units = townships + departments[:6]
    for month in range(1, LAST_MONTH + 1):
        rng = random.Random(f"inspection-{YEAR}-{month}")
        chosen = rng.sample(units, 4)
        for unit in chosen:
            findings, follow_up = FINDINGS[rng.randrange(len(FINDINGS))]
            Inspection.objects.get_or_create(
                year=YEAR,
                month=month,
                unit=unit,
                defaults={
                    "inspected_on": date(YEAR, month, rng.randint(10, 25)),
                    "checked_implementation": True,
                    "checked_mechanism": rng.random() < 0.8,
                    "checked_scheduling": True,
                    "checked_results": rng.random() < 0.9,
                    "findings": findings,
                    "follow_up": follow_up,
                    "follow_up_done": bool(follow_up) and month < LAST_MONTH - 1 and rng.random() < 0.8,
                    "inspector": inspector,
                },
            )


def _decisions_and_publication(hq: User | None, inspector: User | None) -> None:
    assessment = Campaign.objects.filter(slug="assessment").first()
    if assessment is None:
        return
    for month in (8, 9):
        if Decision.objects.filter(campaign=assessment, year=YEAR, month=month).exists():
            continue
        table = Engine(year=YEAR, month=month).score_table(Scheme.COUNTY)
        if not table.groups:
            continue
        rows = table.groups[0].rows
        best, worst = rows[0], rows[-1]
        decided_on = date(YEAR, month + 1, 8)
        Decision.objects.create(
            campaign=assessment,
            unit=best.unit,
            year=YEAR,
            month=month,
            kind=DecisionKind.COMMENDATION,
            grounds=f"{YEAR}年{month}月县级综合考核得分{best.score}分，乡(镇)排名第{best.rank}位，予以通报表扬。",
            decided_on=decided_on,
            decided_by=inspector,
        )
        Decision.objects.create(
            campaign=assessment,
            unit=worst.unit,
            year=YEAR,
            month=month,
            kind=DecisionKind.CRITICISM,
            grounds=f"{YEAR}年{month}月县级综合考核得分{worst.score}分，乡(镇)排名第{worst.rank}位，予以通报批评。",
            decided_on=decided_on,
            decided_by=inspector,
        )
        if month == 9:
            Decision.objects.create(
                campaign=assessment,
                unit=worst.unit,
                year=YEAR,
                month=month,
                kind=DecisionKind.ADMONITION,
                grounds="连续两月综合考核排名靠后，约谈主要负责人。",
                decided_on=decided_on,
                decided_by=inspector,
            )
    five = Campaign.objects.filter(slug="five-batches").first()
    if five and not Decision.objects.filter(campaign=five, year=YEAR, month__isnull=True).exists():
        table = Engine(year=YEAR, month=12).score_table(Scheme.FIVE_BATCHES, over="year")
        rows = table.groups[0].rows if table.groups else []
        chosen = (
            [
                (rows[0], DecisionKind.REWARD, "年度“五个一批”考核第一名，奖励项目前期经费50万元。"),
                (rows[1], DecisionKind.COMMENDATION, "年度“五个一批”考核第二名，通报表扬。"),
                (rows[-1], DecisionKind.PENALTY, "年度“五个一批”考核末位，扣减年度目标责任考核分2分。"),
            ]
            if len(rows) >= 3
            else []
        )
        for row, kind, words in chosen:
            Decision.objects.create(
                campaign=five,
                unit=row.unit,
                year=YEAR,
                month=None,
                kind=kind,
                grounds=f"得分{row.score}分，排名第{row.rank}位。{words}",
                decided_on=date(YEAR + 1, 1, 15),
                decided_by=inspector,
            )
    if not RankingPublication.objects.filter(scheme=Scheme.COUNTY, year=YEAR, month=9).exists():
        ranking_publish(year=YEAR, month=9, published_by=hq)


_PDF = (
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 595]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    "4 0 obj<</Length {length}>>stream\n{stream}\nendstream endobj\n"
    "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _flowchart_pdf(steps: int) -> bytes:
    """A small flowchart: numbered boxes joined by arrows (vector drawing, no fonts needed beyond Helvetica)."""
    ops = ["1 w"]
    for n in range(steps):
        y = 520 - n * 90
        ops.append(f"110 {y} 200 50 re S BT /F1 16 Tf 200 {y + 18} Td ({n + 1}) Tj ET")
        if n < steps - 1:
            ops.append(f"210 {y} m 210 {y - 40} l S 204 {y - 32} m 210 {y - 40} l 216 {y - 32} l S")
    stream = "\n".join(ops)
    return _PDF.replace("{length}", str(len(stream))).replace("{stream}", stream).encode("latin-1")


FLOWCHARTS = [
    ("企业投资项目（备案类）", "企业投资备案类项目审批流程图", 4),
    ("企业投资项目（核准类）", "企业投资核准类项目审批流程图", 5),
    ("政府投资项目", "政府投资项目审批流程图", 6),
]


def _flowcharts(uploader: User | None) -> None:
    for category, title, steps in FLOWCHARTS:
        if ApprovalFlowchart.objects.filter(category=category, title=title).exists():
            continue
        content = _flowchart_pdf(steps)
        chart = ApprovalFlowchart(
            category=category,
            title=title,
            original_name=f"{title}.pdf",
            content_type="application/pdf",
            size=len(content),
            uploaded_by=uploader,
        )
        chart.file.save("flowchart.pdf", ContentFile(content), save=False)
        chart.save()


def _attraction(townships: list[Unit], recorder: User | None) -> None:
    """Trips and a few signed leads of the townships, beside the investment ledger's own demo entries."""
    for position, township in enumerate(townships):
        rng = random.Random(f"trips-{township.name}")
        pace = TRIP_PACE[position % len(TRIP_PACE)]
        for month in range(1, LAST_MONTH + 1):
            count = max(0, pace + rng.choice([-1, 0, 0, 0, 1]))
            for n in range(count):
                destination, region = TRIP_DESTINATIONS[rng.randrange(len(TRIP_DESTINATIONS))]
                day = date(YEAR, month, 3 + n * 8 + rng.randint(0, 5))
                Trip.objects.get_or_create(
                    unit=township,
                    date=day,
                    destination=destination,
                    defaults={
                        "end_date": day + timedelta(days=rng.randint(1, 3)),
                        "region": region,
                        "participants": "乡镇党委书记、乡镇长等3人",
                        "companies_met": f"{destination}客商座谈会",
                        "outcome": "达成初步合作意向" if rng.random() < 0.4 else "",
                        "created_by": recorder,
                    },
                )
    industries = list(Industry.objects.filter(group="key_field").order_by("sort_order", "name")) or list(
        Industry.objects.order_by("sort_order")
    )
    modes = list(AttractionMode.objects.order_by("sort_order", "name"))
    for position, township in enumerate(townships):
        pace = TRIP_PACE[position % len(TRIP_PACE)]
        rng = random.Random(f"leads-{township.name}")
        for n in range(max(0, pace - 1)):
            investor = LEAD_INVESTORS[(position + n) % len(LEAD_INVESTORS)]
            short = township.name.removesuffix("镇").removesuffix("乡").replace("阳城经济技术开发区", "开发区")
            name = f"{short}{investor[2:6]}合作项目"
            signed = date(YEAR, rng.randint(2, 9), rng.randint(1, 28))
            landed = signed + timedelta(days=rng.randint(20, 60)) if rng.random() < 0.5 else None
            if landed and landed > date(YEAR, LAST_MONTH, 31):
                landed = None
            destination, region = TRIP_DESTINATIONS[rng.randrange(len(TRIP_DESTINATIONS))]
            Lead.objects.get_or_create(
                name=name,
                host_township=township,
                defaults={
                    "investor": investor,
                    "source_region": region,
                    "source_place": destination,
                    "industry": industries[(position + n) % len(industries)] if industries else None,
                    "attraction_mode": modes[(position * 3 + n) % len(modes)] if modes else None,
                    "intended_investment": Decimal(rng.randint(8, 60)) * 1000,
                    "stage": "landed" if landed else "signed",
                    "contacted_on": signed - timedelta(days=90),
                    "negotiating_on": signed - timedelta(days=40),
                    "signed_on": signed,
                    "landed_on": landed,
                    "agency_handler": ["王建国", "李红梅", "张卫东", "赵志刚", "刘晓燕"][(position + n) % 5],
                    "created_by": recorder,
                },
            )


@transaction.atomic
def load(*, stdout: Output | None = None) -> None:
    CampaignYear.objects.get_or_create(year=YEAR)
    indicators_load()
    townships, departments = _units()
    hq = User.objects.filter(username="hq").first()
    inspector = User.objects.filter(username="inspector").first()
    _pipeline(townships, hq)
    _attraction(townships, hq)
    _industrial(townships)
    _ceremonies()
    _bank_meetings()
    _inspections(townships, departments, inspector)
    _flowcharts(hq)
    _decisions_and_publication(hq, inspector)
    if stdout is not None:
        stdout.write(
            f"campaigns: {Indicator.objects.filter(year=YEAR).count()} indicators for {YEAR}, "
            f"{PipelineProject.objects.count()} pipeline projects, {IndustrialProject.objects.count()} industrial projects"
        )
