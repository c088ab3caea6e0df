"""Demo data for the task forces' ledgers, consistent with `demo.register` (2024, data up to October).

Loaded by `manage.py load_demo` after `demo.register`. Idempotent: every record is found by a
natural key (get_or_create) and generated from a fixed seed, so loading twice changes nothing.

- investment: trips Jan–Oct 2024, leads at every stage (signed ones linked to the demo projects
  they became), promotion events, weekly site visits, head-enterprise contacts;
- approvals: the approval-item list of the 9 preliminary projects and of some new projects, started
  or not, a few overdue as of 2024-10-31 and some blocked;
- supervision: visits to the key projects in September and October 2024 with the ten checks (a few
  problems, which are on the problem ledger), some with photos carrying EXIF time and GPS.

The land, statistics and funding ledgers have modules of their own (demo/land.py, statistics.py, funding.py).
"""

from __future__ import annotations

import io
import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from simple_history.utils import bulk_create_with_history

from accounts.models import TaskForce, Unit, User
from problems.services import problem_resolve
from projects.models import Nature, Project, ProjectYear
from taskforces.catalogues import seed_catalogues
from taskforces.models import (
    ApprovalItem,
    ApprovalItemType,
    ApprovalLevel,
    ApprovalStatus,
    AttractionMode,
    CheckResult,
    ContactMode,
    EnterpriseContact,
    Industry,
    Lead,
    LeadStage,
    PromotionEvent,
    PromotionKind,
    SiteVisit,
    SourceRegion,
    SupervisionAspect,
    SupervisionCheck,
    SupervisionVisit,
    Trip,
)

DEMO_YEAR = 2024
# The demo's "today": the end of the last reported month (what taskforces.selectors.reference_date gives).
DEMO_TODAY = date(DEMO_YEAR, 10, 31)
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
PEOPLE = ["王建国", "李红梅", "张卫东", "赵志刚", "刘晓燕", "陈国强", "杨丽华", "郭振华", "马文斌", "原慧芳"]
ITEM_UNITS = {
    "立项（审批/核准/备案）": "县发展和改革局",
    "用地预审与选址意见书": "县自然资源局",
    "建设用地规划许可证": "县自然资源局",
    "建设工程规划许可证": "县自然资源局",
    "环境影响评价": "县生态环境局",
    "节能审查（能评）": "县发展和改革局",
    "施工许可证": "县住房和城乡建设局",
}
PROBLEM_NOTES = {
    SupervisionAspect.PROGRESS: "主体施工进度滞后于计划约一个月，需增加作业面。",
    SupervisionAspect.INVESTMENT: "本月完成投资低于序时进度，资金拨付偏慢。",
    SupervisionAspect.STATISTICS: "已开工但尚未入库纳统，佐证资料不全。",
    SupervisionAspect.ENVIRONMENT: "施工现场扬尘防治措施落实不到位，裸土未完全覆盖。",
    SupervisionAspect.PROCEDURE: "施工许可证尚未取得即已进场施工，需尽快补办。",
    SupervisionAspect.SERVICE: "项目反映用电接入手续办理周期较长，需协调供电部门。",
    SupervisionAspect.CONSTRUCTION: "现场安全警示标识不全，部分作业人员未佩戴安全帽。",
}
# Yangcheng county seat, roughly: photos are placed around it.
BASE_LAT, BASE_LON = 35.4862, 112.4150


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _users() -> dict[str, User | None]:
    names = ["investment_lead", "approvals_lead", "approvals_member", "supervision_lead", "hq"]
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    return {n: found.get(n) for n in names}


def _get_or_create(model, *, author: User | None, defaults: dict, **lookup):
    """get_or_create that also records `author` in the change history (get_or_create cannot)."""
    found = model.objects.filter(**lookup).first()
    if found is not None:
        return found
    entry = model(**lookup, **defaults)
    entry._history_user = author
    entry.save()
    return entry


def _units() -> dict[str, Unit]:
    return {u.name: u for u in Unit.objects.all()}


# --- investment -------------------------------------------------------------------------------------


def _investment(units: dict[str, Unit], user: User | None) -> None:
    rng = random.Random("investment-2024")
    industries = {i.name: i for i in Industry.objects.all()}
    modes = list(AttractionMode.objects.order_by("sort_order"))
    townships = [u for u in units.values() if u.is_township]
    townships.sort(key=lambda u: (u.sort_order, u.name))
    attraction_unit = units.get("县投资促进中心")

    trips: list[Trip] = []
    for month in range(1, 11):
        count = 1 if month in (2, 7) else 2 + (month % 3 == 0)
        for n in range(count):
            destination, region = DESTINATIONS[(month * 3 + n * 5) % len(DESTINATIONS)]
            day = date(DEMO_YEAR, month, 4 + n * 9 + rng.randint(0, 3))
            unit = attraction_unit if n == 0 or not townships else townships[(month + n) % len(townships)]
            words = rng.sample(COMPANY_WORDS, 2)
            trip = _get_or_create(
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

    # Leads: signed ones are linked to demo projects of the same industry that they became.
    projects_by_industry: dict[str, list[Project]] = {}
    for project in Project.objects.filter(years__year=DEMO_YEAR, years__nature=Nature.NEW).order_by("code"):
        projects_by_industry.setdefault(project.industry, []).append(project)
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
        industry = industries.get(INDUSTRY_FOR_WORD[word])
        investor = f"{trip.destination}{['华', '瑞', '宏', '鼎', '恒', '远', '晟', '泰'][number % 8]}{['达', '盛', '通', '信', '源', '嘉'][number % 6]}{word}有限公司"
        contacted = trip.date + timedelta(days=rng.randint(0, 10))
        negotiating = contacted + timedelta(days=rng.randint(15, 45)) if stage != LeadStage.CONTACT else None
        signed = (
            negotiating + timedelta(days=rng.randint(20, 60))
            if stage in (LeadStage.SIGNED, LeadStage.LANDED) and negotiating
            else None
        )
        landed = signed + timedelta(days=rng.randint(15, 40)) if stage == LeadStage.LANDED and signed else None
        cutoff = date(DEMO_YEAR, 10, 31)
        negotiating = min(negotiating, cutoff - timedelta(days=40)) if negotiating else None
        contacted = min(contacted, negotiating) if negotiating else min(contacted, cutoff)
        signed = min(signed, cutoff - timedelta(days=20)) if signed else None
        landed = min(max(landed, signed), cutoff) if landed and signed else None
        township = townships[(number * 5) % len(townships)] if townships else None
        project = None
        if stage in (LeadStage.SIGNED, LeadStage.LANDED) and industry:
            candidates = [
                p for p in projects_by_industry.get(_project_industry(industry.name), []) if not hasattr(p, "_taken")
            ]
            if candidates:
                project = candidates[number % len(candidates)]
                project._taken = True
                township = project.township or township
        name = project.name if project else f"{(township.name if township else '阳城')}{word.replace('科技', '')}项目"
        _get_or_create(
            Lead,
            author=user,
            investor=investor,
            defaults={
                "name": name,
                "investor_contact": f"{PEOPLE[number % len(PEOPLE)][0]}总 138{number:08d}",
                "source_region": trip.region,
                "source_place": trip.destination,
                "industry": industry,
                "attraction_mode": modes[number % len(modes)] if modes else None,
                "intended_investment": project.total_investment if project else Decimal(rng.randint(20, 400) * 100),
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
                "notes": "全程代办：由县投资促进中心专员负责办理项目前期手续。" if project else "",
                "created_by": user,
            },
        )

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
        _get_or_create(
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

    listed = list(Project.objects.filter(years__year=DEMO_YEAR).order_by("code")[:60])
    day = date(DEMO_YEAR, 9, 2)
    number = 0
    while day <= date(DEMO_YEAR, 10, 31) and listed:
        project = listed[(number * 7) % len(listed)]
        _get_or_create(
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

    for number, enterprise in enumerate(HEAD_ENTERPRISES * 2):
        day = date(DEMO_YEAR, 2 + number, 10 + number)
        _get_or_create(
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


# --- approvals ------------------------------------------------------------------------------------------


def _approvals(units: dict[str, Unit], user: User | None) -> None:
    types = {t.name: t for t in ApprovalItemType.objects.all()}
    wanted = [name for name in ITEM_UNITS if name in types]
    if not wanted:
        return
    today = DEMO_TODAY
    listings = (
        ProjectYear.objects.filter(year=DEMO_YEAR, nature__in=[Nature.PRELIMINARY, Nature.NEW])
        .select_related("project")
        .order_by("nature", "tier", "seq")
    )
    chosen = (
        [l for l in listings if l.nature == Nature.PRELIMINARY]
        + [l for l in listings if l.nature == Nature.NEW and l.project.actual_start is None][:14]
        + [l for l in listings if l.nature == Nature.NEW and l.project.actual_start is not None][:10]
    )
    existing = set(ApprovalItem.objects.values_list("project_id", "item_type_id"))
    new_items: list[ApprovalItem] = []
    for listing in chosen:
        project = listing.project
        rng = random.Random(f"approvals-{project.code}")
        started = project.actual_start
        blocked_done = False
        for position, name in enumerate(wanted):
            item_type = types[name]
            roll = rng.random()
            applied = date(DEMO_YEAR, 1, 8) + timedelta(days=position * 12 + rng.randint(0, 20))
            if started is not None:
                status = ApprovalStatus.APPROVED
            elif listing.nature == Nature.PRELIMINARY:
                status = (
                    ApprovalStatus.APPROVED
                    if position < 2
                    else ApprovalStatus.IN_PROGRESS
                    if position < 4
                    else ApprovalStatus.NOT_STARTED
                )
            else:
                status = (
                    ApprovalStatus.APPROVED
                    if position < 3 + int(roll * 2)
                    else ApprovalStatus.IN_PROGRESS
                    if position < 6
                    else ApprovalStatus.NOT_STARTED
                )
            if status == ApprovalStatus.IN_PROGRESS and not blocked_done and project.code.endswith(("3", "8")):
                status, blocked_done = ApprovalStatus.BLOCKED, True
            approved = None
            if status == ApprovalStatus.APPROVED:
                approved = applied + timedelta(days=rng.randint(5, 40))
                if started is not None and approved >= started:
                    applied = started - timedelta(days=60 - position * 6)
                    approved = started - timedelta(days=30 - position * 4)
                deadline = approved + timedelta(days=rng.randint(0, 10))
            else:
                # Open items: deadlines around the demo's "today"; about one in eight is overdue.
                deadline = today + timedelta(days=-rng.randint(3, 40) if rng.random() < 0.12 else rng.randint(5, 90))
            big = project.total_investment >= Decimal("50000")
            level = (
                ApprovalLevel.PROVINCE
                if big and name in ("用地预审与选址意见书", "节能审查（能评）")
                else ApprovalLevel.CITY
                if name == "环境影响评价" or (big and name.startswith("立项"))
                else ApprovalLevel.COUNTY
            )
            if (project.id, item_type.id) in existing:
                continue
            new_items.append(
                ApprovalItem(
                    project=project,
                    item_type=item_type,
                    level=level,
                    measures="专人跟踪、容缺受理、并联审批" if status != ApprovalStatus.APPROVED else "已办结",
                    deadline=deadline,
                    responsible_leader=project.liaison_leader,
                    handling_unit=units.get(ITEM_UNITS[name]),
                    handler=PEOPLE[(position + len(project.code)) % len(PEOPLE)],
                    status=status,
                    blocked_reason="规划选址涉及生态保护红线，需调整用地范围后重新报批。"
                    if status == ApprovalStatus.BLOCKED
                    else "",
                    applied_on=applied if status != ApprovalStatus.NOT_STARTED else None,
                    approved_on=approved,
                    document_number=f"阳审批〔{DEMO_YEAR}〕{rng.randint(10, 300)}号" if approved else "",
                    green_lane=big,
                    created_by=user,
                )
            )
    bulk_create_with_history(new_items, ApprovalItem, batch_size=500, default_user=user)


# --- supervision ---------------------------------------------------------------------------------------


def _demo_photo(rng: random.Random, taken: datetime, seed: int) -> bytes:
    """A small JPEG standing in for a site photo, with EXIF time and a GPS position near the county seat."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (150 + seed % 60, 170, 190))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 300, 640, 480), fill=(130, 115, 90))  # ground
    for n in range(4):  # a building going up
        x = 120 + n * 110
        draw.rectangle((x, 140 + (n % 2) * 40, x + 80, 300), fill=(190, 190, 185), outline=(90, 90, 90))
    draw.line((520, 60, 520, 300), fill=(220, 160, 0), width=6)  # a tower crane
    draw.line((420, 70, 620, 70), fill=(220, 160, 0), width=5)
    exif = Image.Exif()
    exif[0x0110] = "DemoPhone"
    exif.get_ifd(0x8769)[36867] = taken.strftime("%Y:%m:%d %H:%M:%S")
    lat = BASE_LAT + rng.uniform(-0.12, 0.12)
    lon = BASE_LON + rng.uniform(-0.15, 0.15)

    def dms(value: float) -> tuple[float, float, float]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return (degrees, minutes, round((value - degrees - minutes / 60) * 3600, 2))

    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", dms(lat), "E", dms(lon)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80, exif=exif)
    return out.getvalue()


def _supervision(user: User | None) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from files.pipeline import clean_upload
    from files.services import attachment_create
    from taskforces.supervision.services import supervision_problem_raise

    taskforce = TaskForce.objects.filter(slug="supervision").first()
    listings = list(ProjectYear.objects.filter(year=DEMO_YEAR).select_related("project").order_by("tier", "seq", "id"))
    existing = set(SupervisionVisit.objects.values_list("project_id", "date"))
    visits: list[SupervisionVisit] = []
    plans: list[tuple[SupervisionVisit, list[tuple[str, str, str]]]] = []
    for month, share in ((9, 0.92), (10, 0.8)):
        for listing in listings:
            rng = random.Random(f"supervision-{listing.project.code}-{month}")
            if rng.random() > share:
                continue  # not visited this month: the coverage list shows it
            day = date(DEMO_YEAR, month, rng.randint(3, 26))
            checks = []
            problem_aspect = rng.choice(list(PROBLEM_NOTES)) if rng.random() < 0.1 else None
            for aspect, _label in SupervisionAspect.choices:
                if aspect == problem_aspect:
                    checks.append((aspect, CheckResult.PROBLEM, PROBLEM_NOTES[aspect]))
                else:
                    checks.append((aspect, CheckResult.FINE, ""))
            if (listing.project_id, day) in existing:
                continue
            visit = SupervisionVisit(
                project=listing.project,
                date=day,
                inspectors="县发改局 " + "、".join(rng.sample(PEOPLE, 2)),
                talked_with=f"{listing.project.owner}项目负责人",
                summary="查看施工现场，与项目单位座谈，了解投资完成、形象进度和存在问题。"
                + ("发现问题已列入问题台账。" if problem_aspect else "项目推进正常。"),
                created_by=user,
            )
            visits.append(visit)
            plans.append((visit, checks))
    if not visits:
        return
    bulk_create_with_history(visits, SupervisionVisit, batch_size=500, default_user=user)
    saved = {
        (v.project_id, v.date): v
        for v in SupervisionVisit.objects.filter(
            project_id__in=[v.project_id for v in visits], date__in={v.date for v in visits}
        )
    }
    checks: list[SupervisionCheck] = []
    for visit, rows in plans:
        stored = saved[(visit.project_id, visit.date)]
        for aspect, result, note in rows:
            checks.append(SupervisionCheck(visit=stored, aspect=aspect, result=result, note=note))
    bulk_create_with_history(checks, SupervisionCheck, batch_size=1000, default_user=user)
    # Problems found go on the county's problem ledger; September's have been resolved since.
    for check in SupervisionCheck.objects.filter(result=CheckResult.PROBLEM, problem__isnull=True).select_related(
        "visit__project"
    ):
        visit = check.visit
        raised = timezone.make_aware(datetime.combine(visit.date, datetime.min.time()).replace(hour=17))
        problem = supervision_problem_raise(
            check=check, user=user, now=raised, taskforce=taskforce, deadline=visit.date + timedelta(days=15)
        )
        if visit.date.month == 9:  # September's have been resolved since
            problem_resolve(
                problem=problem, resolution="已督促项目单位整改到位。", actor=user, now=raised + timedelta(days=10)
            )
        check.problem = problem
        check._history_user = user
        check.save(update_fields=["problem"])
    # Photos on a few October visits (two each), with their EXIF time and position.
    for number, visit in enumerate(
        SupervisionVisit.objects.filter(date__year=DEMO_YEAR, date__month=10).order_by("date", "id")[:8]
    ):
        rng = random.Random(f"photo-{visit.pk}")
        for shot in range(2):
            taken = datetime.combine(visit.date, datetime.min.time()).replace(
                hour=9 + shot * 3, minute=rng.randint(0, 59)
            )
            data = _demo_photo(rng, taken, number * 2 + shot)
            cleaned = clean_upload(
                SimpleUploadedFile(f"IMG_{visit.date:%Y%m%d}_{shot + 1}.jpg", data, "image/jpeg"), allow=("photo",)
            )
            attachment_create(
                entry=visit, cleaned=cleaned, uploaded_by=user, caption="施工现场" if shot == 0 else "座谈交流"
            )


@transaction.atomic
def load(*, stdout=None) -> None:
    # Labels written into records (a problem's "程序：…") in the county's language, as in a request.
    with translation.override(settings.LANGUAGE_CODE):
        _load(stdout=stdout)


def _load(*, stdout=None) -> None:
    seed_catalogues()
    users = _users()
    units = _units()
    if not Lead.objects.exists():
        _investment(units, users["investment_lead"])
    _approvals(units, users["approvals_lead"])
    if not SupervisionVisit.objects.exists():
        _supervision(users["supervision_lead"])
    _say(stdout, "  investment, approvals and supervision ledgers ready")
