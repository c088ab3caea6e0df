"""The key-project register as open data in OC4IDS 0.9 (the Open Contracting for Infrastructure Data Standard).

Each listed project of the year becomes an OC4IDS project; the year's list (as filtered) a project package.
What the export leaves out is settings.OPEN_DATA_EXCLUDE (by default the contacts and the internal
remarks); "locations", "documents" and "progress" can be left out too.

Mapping (register → OC4IDS):
- id: OPEN_DATA_ID_PREFIX + the register's id; identifiers: the register's id and the national project code;
- title, description: the name, the construction content (or the name);
- status from the projectStatus codelist: not started → preparation, under construction or suspended →
  implementation, completed → completion, terminated → cancelled;
- sector (projectSector) from the name and industry; type (projectType) from the name (扩建 → expansion,
  改造 / 提质 / 除险加固 … → rehabilitation, else construction);
- additionalClassifications: the tier, the nature and the industry as the county's own schemes;
- locations: the map's point and line or area (WGS-84, projects.locations) and the township as address;
- budget: total investment in CNY (万元 × 10,000); the year's annual plan as a budget breakdown;
- period: planned start and completion; implementationPeriod: the actual start (and completion);
- parties: the owner (建设单位) as buyer and procuringEntity, the responsible unit (责任单位) as
  administrativeEntity (the liaison leader as its contact point, unless contacts are left out);
- documents: construction content (projectScope), the latest physical progress (physicalProgressReport),
  the completed investment Jan..M (financialProgressReport), the remarks; metrics: completed investment;
- completion: the actual completion date of a completed project.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Max, QuerySet
from django.utils import timezone

from core.money import TEN_THOUSAND, percent_text, plain_amount, rate
from core.periods import month_end
from projects.locations import project_geometries
from projects.models import MonthlyProgress, Nature, Project, ProjectStatus, ProjectYear, Tier
from projects.selectors.figures import key_projects_with_progress
from projects.selectors.listing import TIER_ORDER

if TYPE_CHECKING:
    from projects.selectors.figures import ListingWithProgress

VERSION = "0.9"
COUNTY = "山西省晋城市阳城县"
REGISTER_SCHEME = "阳城县重点工程调度系统"
CODE_SCHEME = "全国投资项目在线审批监管平台项目代码"
PARTS = ("contacts", "remarks", "locations", "documents", "progress")

STATUS = {
    ProjectStatus.NOT_STARTED: "preparation",
    ProjectStatus.UNDER_CONSTRUCTION: "implementation",
    ProjectStatus.SUSPENDED: "implementation",
    ProjectStatus.COMPLETED: "completion",
    ProjectStatus.TERMINATED: "cancelled",
}

# First match wins: (words in the name or industry, projectSector codes with their parent).
SECTOR_RULES: list[tuple[tuple[str, ...], list[str]]] = [
    (("光伏", "太阳能"), ["energy", "energy.solar"]),
    (("风电", "风力"), ["energy", "energy.wind"]),
    (("抽水蓄能", "水电站"), ["energy", "energy.hydropower"]),
    (("生物质",), ["energy", "energy.biomass"]),
    (("煤层气", "煤矿", "燃气", "供热", "电站", "电网", "储能", "氢能", "能源"), ["energy"]),
    (("公路", "道路", "桥梁", "隧道"), ["transport", "transport.road"]),
    (("铁路",), ["transport", "transport.rail"]),
    (("公交", "停车"), ["transport", "transport.urban"]),
    (("学校", "教育", "幼儿园", "职业技术"), ["education"]),
    (("医院", "卫生院", "疾控"), ["health"]),
    (("污水", "供水", "垃圾", "环卫"), ["waterAndWaste"]),
    (("防洪", "除险加固", "河道治理"), ["naturalResources", "naturalResources.floodProtection"]),
    (("水库", "水利", "灌区"), ["naturalResources"]),
    (("文旅", "旅游", "景区", "体育", "公园", "文化", "康养"), ["cultureSportsAndRecreation"]),
    (("保障性", "安置", "住房"), ["socialHousing"]),
    (("通信", "5G", "数据中心"), ["communications"]),
    (("政务", "党校", "法院", "应急"), ["governance"]),
    (("交通",), ["transport"]),
    (("农业", "农村", "化工", "制造", "陶瓷", "琉璃", "蚕桑", "物流", "商贸", "园区", "农产品"), ["economy"]),
]
TYPE_RULES: list[tuple[tuple[str, ...], str]] = [
    (("扩建",), "expansion"),
    (("改造", "提质", "提标", "除险加固", "修缮", "升级", "维修"), "rehabilitation"),
    (("更换", "替换"), "replacement"),
]


def excluded() -> set[str]:
    return set(settings.OPEN_DATA_EXCLUDE)


def _datetime(day: date | None) -> str | None:
    """A date as OC4IDS writes it: a date-time at midnight, China time."""
    return None if day is None else f"{day.isoformat()}T00:00:00+08:00"


def yuan(amount_wan: Decimal) -> int | float:
    """万元 → yuan as a JSON number: an integer when whole (two places of 万元 are whole 100 yuan)."""
    value = amount_wan * TEN_THOUSAND
    return int(value) if value == value.to_integral_value() else float(value)


def _value(amount_wan: Decimal) -> dict[str, Any]:
    return {"amount": yuan(amount_wan), "currency": "CNY"}


def sector_of(project: Project) -> list[str]:
    text = f"{project.name} {project.industry}"
    for words, codes in SECTOR_RULES:
        if any(word in text for word in words):
            return list(codes)
    return []


def type_of(project: Project) -> str:
    for words, code in TYPE_RULES:
        if any(word in project.name for word in words):
            return code
    return "construction"


def _party_id(prefix: str, name: str) -> str:
    return f"{prefix}-{hashlib.sha256(name.encode()).hexdigest()[:12]}"


def _parties(project: Project, parts: set[str]) -> list[dict[str, Any]]:
    parties: list[dict[str, Any]] = []
    if project.owner:
        parties.append(
            {"id": _party_id("owner", project.owner), "name": project.owner, "roles": ["buyer", "procuringEntity"]}
        )
    unit = project.responsible_unit
    if unit is not None:
        party: dict[str, Any] = {
            "id": f"unit-{unit.pk}",
            "name": unit.name,
            "roles": ["administrativeEntity"],
            "address": {"region": COUNTY, "countryName": "中国"},
        }
        if "contacts" not in parts and project.liaison_leader:
            party["contactPoint"] = {"name": f"包联领导：{project.liaison_leader}"}
        parties.append(party)
    return parties


def _locations(project: Project, geometries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    township = project.township.name if project.township else ""
    address = {"locality": township, "region": COUNTY, "countryName": "中国"} if township else None
    description = f"{COUNTY}{township}"
    locations: list[dict[str, Any]] = []
    for index, geometry in enumerate(geometries, start=1):
        item: dict[str, Any] = {"id": str(index), "description": description, "geometry": geometry}
        if address:
            item["address"] = address
        locations.append(item)
    if not locations and address:
        locations.append({"id": "1", "description": description, "address": address})
    return locations


@dataclass(frozen=True)
class Progress:
    """A project's reported months of the year up to M, for the documents and the metric."""

    cumulative: Decimal
    latest_physical: str
    latest_month: int | None


def _documents(
    project: Project, listing: ProjectYear, progress: Progress | None, *, year: int, month: int, parts: set[str]
) -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = []
    if project.scope:
        documents.append(
            {"id": "scope", "documentType": "projectScope", "title": "建设内容及规模", "description": project.scope}
        )
    if "progress" not in parts and progress is not None:
        if progress.latest_physical and progress.latest_month:
            documents.append(
                {
                    "id": f"physical-{year}-{progress.latest_month:02d}",
                    "documentType": "physicalProgressReport",
                    "title": f"{year}年{progress.latest_month}月形象进度",
                    "description": progress.latest_physical,
                }
            )
        completion = percent_text(rate(progress.cumulative, listing.annual_plan))
        summary = f"{year}年1-{month}月完成投资{plain_amount(progress.cumulative)}万元"
        if completion is not None:
            summary += f"，占年度计划投资{plain_amount(listing.annual_plan)}万元的{completion}%"
        documents.append(
            {
                "id": f"financial-{year}-{month:02d}",
                "documentType": "financialProgressReport",
                "title": f"{year}年1-{month}月投资完成情况",
                "description": summary + "。",
            }
        )
    if "remarks" not in parts and project.remarks:
        documents.append({"id": "remarks", "title": "备注", "description": project.remarks})
    return documents


def _classifications(project: Project, listing: ProjectYear) -> list[dict[str, Any]]:
    items = [
        {"scheme": "阳城县重点工程层级", "id": listing.tier, "description": str(Tier(listing.tier).label)},
        {"scheme": "阳城县重点工程建设性质", "id": listing.nature, "description": str(Nature(listing.nature).label)},
    ]
    if project.industry:
        items.append({"scheme": "阳城县重点工程行业", "id": project.industry, "description": project.industry})
    return items


def _periods(project: Project) -> dict[str, Any]:
    result: dict[str, Any] = {}
    period = {
        k: v
        for k, v in (
            ("startDate", _datetime(project.planned_start)),
            ("endDate", _datetime(project.planned_completion)),
        )
        if v
    }
    if period:
        result["period"] = period
    implementation = {
        k: v
        for k, v in (("startDate", _datetime(project.actual_start)), ("endDate", _datetime(project.actual_completion)))
        if v
    }
    if implementation:
        result["implementationPeriod"] = implementation
    if project.status == ProjectStatus.COMPLETED and project.actual_completion:
        result["completion"] = {"endDate": _datetime(project.actual_completion)}
    return result


def _year_period(year: int) -> dict[str, Any]:
    return {"startDate": _datetime(date(year, 1, 1)), "endDate": _datetime(date(year, 12, 31))}


def _budget(project: Project, listing: ProjectYear, year: int) -> dict[str, Any]:
    """Total investment as the budget; the year's annual plan as its one breakdown."""
    plan = {
        "id": f"annual-plan-{year}",
        "description": f"{year}年度计划投资",
        "amount": _value(listing.annual_plan),
        "period": _year_period(year),
    }
    return {
        "description": "总投资（概算投资），人民币元",
        "amount": _value(project.total_investment),
        "budgetBreakdowns": [
            {"id": f"annual-plan-{year}", "description": f"{year}年度计划投资", "budgetBreakdown": [plan]}
        ],
    }


def _completed_metric(progress: Progress, *, year: int, month: int) -> dict[str, Any]:
    return {
        "id": "completedInvestment",
        "title": "完成投资（累计）",
        "description": "本年1月至该月末累计完成投资，人民币元",
        "observations": [
            {
                "id": f"{year}-01-{month:02d}",
                "period": {"startDate": _datetime(date(year, 1, 1)), "endDate": _datetime(month_end(year, month))},
                "value": _value(progress.cumulative),
            }
        ],
    }


def oc4ids_project(
    listing: ProjectYear,
    *,
    year: int,
    month: int,
    geometries: list[dict[str, Any]],
    progress: Progress | None,
    parts: set[str],
) -> dict[str, Any]:
    """One listed project as an OC4IDS project (see the module's docstring for the mapping)."""
    project = listing.project
    identifiers = [{"id": str(project.pk), "scheme": REGISTER_SCHEME}]
    if project.code:
        identifiers.append({"id": project.code, "scheme": CODE_SCHEME})
    data: dict[str, Any] = {
        "id": f"{settings.OPEN_DATA_ID_PREFIX}{project.pk}",
        "updated": timezone.localtime(project.updated_at).isoformat(),
        "language": "zh",
        "identifiers": identifiers,
        "title": project.name,
        "description": project.scope or project.name,
        "status": STATUS[ProjectStatus(project.status)],
        "type": type_of(project),
        "additionalClassifications": _classifications(project, listing),
        "budget": _budget(project, listing, year),
    }
    sector = sector_of(project)
    if sector:
        data["sector"] = sector
    if "locations" not in parts:
        locations = _locations(project, geometries)
        if locations:
            data["locations"] = locations
    data |= _periods(project)
    parties = _parties(project, parts)
    if parties:
        data["parties"] = parties
    if "documents" not in parts:
        documents = _documents(project, listing, progress, year=year, month=month, parts=parts)
        if documents:
            data["documents"] = documents
    if "progress" not in parts and progress is not None:
        data["metrics"] = [_completed_metric(progress, year=year, month=month)]
    return data


def _progress(listings: list[ListingWithProgress], *, year: int, month: int) -> dict[int, Progress]:
    """Each project's latest physical progress text up to month M. One query."""
    texts: dict[int, tuple[int, str]] = {}
    rows = (
        MonthlyProgress.objects.filter(
            project_id__in=[row.project_id for row in listings], year=year, month__lte=month
        )
        .exclude(physical_progress="")
        .order_by("project_id", "month")
        .values_list("project_id", "month", "physical_progress")
    )
    for project_id, m, text in rows:
        texts[project_id] = (m, text)
    result: dict[int, Progress] = {}
    for row in listings:
        latest = texts.get(row.project_id)
        result[row.project_id] = Progress(
            cumulative=row.cumulative,
            latest_physical=latest[1] if latest else "",
            latest_month=latest[0] if latest else None,
        )
    return result


def _published(listings: list[ListingWithProgress], year: int) -> datetime:
    """The latest change to what the package holds: a project, or a month's progress. One query."""
    latest = max((row.project.updated_at for row in listings), default=timezone.now())
    reported = MonthlyProgress.objects.filter(
        project_id__in=[row.project_id for row in listings], year=year
    ).aggregate(latest=Max("reported_at"))["latest"]
    return max(latest, reported) if reported else latest


def oc4ids_package(*, listing: QuerySet[ProjectYear], year: int, month: int, uri: str) -> dict[str, Any]:
    """The year's listed projects (as filtered) as an OC4IDS project package. Four queries."""
    parts = excluded()
    rows = list(
        key_projects_with_progress(year=year, month=month, listing=listing).order_by(TIER_ORDER.asc(), "seq", "id")
    )
    geometries: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if "locations" not in parts:
        geometries.update(project_geometries(row.project_id for row in rows))
    progress = _progress(rows, year=year, month=month) if rows else {}
    package: dict[str, Any] = {
        "uri": uri,
        "publishedDate": timezone.localtime(_published(rows, year)).isoformat(),
        "version": VERSION,
        "publisher": {"name": settings.OPEN_DATA_PUBLISHER},
        "projects": [
            oc4ids_project(
                row,
                year=year,
                month=month,
                geometries=geometries.get(row.project_id, []),
                progress=progress.get(row.project_id),
                parts=parts,
            )
            for row in rows
        ],
    }
    if settings.OPEN_DATA_LICENSE:
        package["license"] = settings.OPEN_DATA_LICENSE
    return package
