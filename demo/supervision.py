"""Demo data of the supervision task force's ledger: visits to the key projects in September and October
2024 with the ten checks (a few problems, which are on the problem ledger; September's resolved since),
and photos on a few October visits carrying their EXIF time and GPS position.
"""

from __future__ import annotations

import io
import random
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw
from simple_history.utils import bulk_create_with_history

from accounts.models import TaskForce, User
from demo.common import PEOPLE
from demo.register import DEMO_YEAR
from files.pipeline import clean_upload
from files.services import attachment_create
from problems.services import problem_resolve
from projects.models import ProjectYear
from taskforces.models import CheckResult, SupervisionAspect, SupervisionCheck, SupervisionVisit
from taskforces.supervision.services import supervision_problem_raise

PROBLEM_NOTES: dict[str, str] = {
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


def _demo_photo(rng: random.Random, taken: datetime, seed: int) -> bytes:
    """A small JPEG standing in for a site photo, with EXIF time and a GPS position near the county seat."""
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


def supervision_load(user: User | None) -> None:
    if not _visits(user):
        return
    _problems(user)
    _photos(user)


def _visits(user: User | None) -> bool:
    """September's and October's visits with their ten checks; False when there was nothing to add."""
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
            problem_aspect = rng.choice(list(PROBLEM_NOTES)) if rng.random() < 0.1 else None
            checks: list[tuple[str, str, str]] = [
                (aspect, CheckResult.PROBLEM, PROBLEM_NOTES[aspect])
                if aspect == problem_aspect
                else (aspect, CheckResult.FINE, "")
                for aspect, _label in SupervisionAspect.choices
            ]
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
        return False
    bulk_create_with_history(visits, SupervisionVisit, batch_size=500, default_user=user)
    saved = {
        (v.project_id, v.date): v
        for v in SupervisionVisit.objects.filter(
            project_id__in=[v.project_id for v in visits], date__in={v.date for v in visits}
        )
    }
    rows = [
        SupervisionCheck(visit=saved[(visit.project_id, visit.date)], aspect=aspect, result=result, note=note)
        for visit, checks in plans
        for aspect, result, note in checks
    ]
    bulk_create_with_history(rows, SupervisionCheck, batch_size=1000, default_user=user)
    return True


def _problems(user: User | None) -> None:
    """Problems found go on the county's problem ledger; September's have been resolved since."""
    taskforce = TaskForce.objects.filter(slug="supervision").first()
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
        check._history_user = user  # type: ignore[attr-defined]  # where simple_history reads who acted
        check.save(update_fields=["problem"])


def _photos(user: User | None) -> None:
    """Photos on a few October visits (two each), with their EXIF time and position."""
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
