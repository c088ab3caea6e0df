"""Demo data for the task forces' ledgers, consistent with `demo.register` (2024, data up to October).

Loaded by `manage.py load_demo` after `demo.register`. Idempotent: every record is found by a
natural key (get_or_create) and generated from a fixed seed, so loading twice changes nothing.

- investment (demo/investment.py): trips, leads at every stage, promotion events, site visits, head-enterprise
  contacts;
- approvals (here): the approval-item list of the 9 preliminary projects and of some new projects, started
  or not, a few overdue as of 2024-10-31 and some blocked;
- supervision (demo/supervision.py): visits to the key projects in September and October 2024 with the ten
  checks, their problems on the problem ledger, photos carrying EXIF time and GPS.

The land, statistics and funding ledgers have modules of their own (demo/land.py, statistics.py, funding.py).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import translation
from simple_history.utils import bulk_create_with_history

from accounts.models import Unit, User
from demo.common import PEOPLE, Output, units_by_name
from demo.investment import investment_load
from demo.register import DEMO_TODAY, DEMO_YEAR
from demo.supervision import supervision_load
from projects.models import Nature, Project, ProjectYear
from taskforces.catalogues import seed_catalogues
from taskforces.models import ApprovalItem, ApprovalItemType, ApprovalLevel, ApprovalStatus, Lead, SupervisionVisit

ITEM_UNITS = {
    "立项（审批/核准/备案）": "县发展和改革局",
    "用地预审与选址意见书": "县自然资源局",
    "建设用地规划许可证": "县自然资源局",
    "建设工程规划许可证": "县自然资源局",
    "环境影响评价": "县生态环境局",
    "节能审查（能评）": "县发展和改革局",
    "施工许可证": "县住房和城乡建设局",
}


def _users() -> dict[str, User | None]:
    names = ["investment_lead", "approvals_lead", "approvals_member", "supervision_lead", "hq"]
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    return {n: found.get(n) for n in names}


# --- approvals ------------------------------------------------------------------------------------------


def _status(listing: ProjectYear, position: int, roll: float) -> str:
    """Started projects have every approval; preliminary ones the first two; new ones three or four."""
    if listing.project.actual_start is not None:
        return ApprovalStatus.APPROVED
    if listing.nature == Nature.PRELIMINARY:
        done, doing = 2, 4
    else:
        done, doing = 3 + int(roll * 2), 6
    if position < done:
        return ApprovalStatus.APPROVED
    return ApprovalStatus.IN_PROGRESS if position < doing else ApprovalStatus.NOT_STARTED


def _level(project: Project, name: str) -> str:
    """Big projects' land and energy reviews go to the province; environment and big projects' filing to the city."""
    big = project.total_investment >= Decimal("50000")
    if big and name in ("用地预审与选址意见书", "节能审查（能评）"):
        return ApprovalLevel.PROVINCE
    if name == "环境影响评价" or (big and name.startswith("立项")):
        return ApprovalLevel.CITY
    return ApprovalLevel.COUNTY


def _project_items(
    listing: ProjectYear,
    *,
    types: dict[str, ApprovalItemType],
    wanted: list[str],
    existing: set[tuple[int, int]],
    units: dict[str, Unit],
    user: User | None,
) -> list[ApprovalItem]:
    project = listing.project
    rng = random.Random(f"approvals-{project.code}")
    started = project.actual_start
    blocked_done = False
    items = []
    for position, name in enumerate(wanted):
        item_type = types[name]
        roll = rng.random()
        applied = date(DEMO_YEAR, 1, 8) + timedelta(days=position * 12 + rng.randint(0, 20))
        status = _status(listing, position, roll)
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
            deadline = DEMO_TODAY + timedelta(days=-rng.randint(3, 40) if rng.random() < 0.12 else rng.randint(5, 90))
        if (project.id, item_type.id) in existing:
            continue
        items.append(
            ApprovalItem(
                project=project,
                item_type=item_type,
                level=_level(project, name),
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
                green_lane=project.total_investment >= Decimal("50000"),
                created_by=user,
            )
        )
    return items


def _approvals(units: dict[str, Unit], user: User | None) -> None:
    types = {t.name: t for t in ApprovalItemType.objects.all()}
    wanted = [name for name in ITEM_UNITS if name in types]
    if not wanted:
        return
    listings = (
        ProjectYear.objects.filter(year=DEMO_YEAR, nature__in=[Nature.PRELIMINARY, Nature.NEW])
        .select_related("project")
        .order_by("nature", "tier", "seq")
    )
    chosen = (
        [row for row in listings if row.nature == Nature.PRELIMINARY]
        + [row for row in listings if row.nature == Nature.NEW and row.project.actual_start is None][:14]
        + [row for row in listings if row.nature == Nature.NEW and row.project.actual_start is not None][:10]
    )
    existing = set(ApprovalItem.objects.values_list("project_id", "item_type_id"))
    new_items = [
        item
        for listing in chosen
        for item in _project_items(listing, types=types, wanted=wanted, existing=existing, units=units, user=user)
    ]
    bulk_create_with_history(new_items, ApprovalItem, batch_size=500, default_user=user)


@transaction.atomic
def load(*, stdout: Output | None = None) -> None:
    # Labels written into records (a problem's "程序：…") in the county's language, as in a request.
    with translation.override(settings.LANGUAGE_CODE):
        seed_catalogues()
        users = _users()
        units = units_by_name()
        if not Lead.objects.exists():
            investment_load(units, users["investment_lead"])
        _approvals(units, users["approvals_lead"])
        if not SupervisionVisit.objects.exists():
            supervision_load(users["supervision_lead"])
    if stdout is not None:
        stdout.write("  investment, approvals and supervision ledgers ready")
