"""Every figure of the monthly bulletin, as one JSON-ready dict (`schema.BulletinFigures`; README "Monthly bulletin").

Figures come from projects/selectors.py (the same functions the dashboard uses) and are turned into
text once: amounts as exact 万元 strings, rates as percent strings with two decimals rounded half-up
from the unrounded values, plus the bulletin's sentences (`text.py`) with the county's chosen number of
decimals. The documents (HTML, .docx, .xlsx) are rendered from this dict alone, so a published
bulletin, whose dict is frozen, renders the same whatever happens to the register later.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils import translation

from core.money import percent_text as percent
from core.money import plain_amount as money
from core.money import rate
from core.periods import month_end, time_progress
from projects.models import Nature, Project, ProjectStatus
from projects.selectors.figures import (
    HUNDRED,
    ProgressFigures,
    UnitRanking,
    investment_progress,
    key_projects,
    unit_ranking,
)
from projects.selectors.starts import StartFigures, projects_behind, start_figures

from . import sections as extra_sections
from .models import BulletinOptions, BulletinSettings
from .schema import (
    Behind,
    BehindProject,
    BulletinFigures,
    BulletinNumbers,
    Completions,
    Ends,
    KindBlocks,
    NamedItem,
    ProgressBlock,
    RankedBlock,
    Starts,
)
from .selectors import (
    CompletionFigures,
    ListingProgress,
    completion_figures,
    listed_projects_with_progress,
    with_progress,
)
from .text import TIER_KEYS, bulletin_text

SCHEMA = 1


def bulletin_figures(*, year: int, month: int, options: BulletinOptions | None = None) -> BulletinFigures:
    """The bulletin of month M of year Y. A fixed number of queries whatever the number of projects."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    if options is None:
        options = BulletinSettings.load().options()
    numbers = bulletin_numbers(year=year, month=month, options=options)
    with translation.override(settings.LANGUAGE_CODE):
        text = bulletin_text(numbers)
    return {**numbers, "text": text, "headline": text["headline"]}


def bulletin_numbers(*, year: int, month: int, options: BulletinOptions) -> BulletinNumbers:
    """The figures without the text: the register's progress, starts, completions, rankings and ledgers."""
    places = options.decimals
    tp = time_progress(month)
    construction = investment_progress(
        year=year, month=month, listing=key_projects(year=year).exclude(nature=Nature.PRELIMINARY)
    )
    preliminary = investment_progress(
        year=year, month=month, listing=key_projects(year=year).filter(nature=Nature.PRELIMINARY)
    )
    total = _sum(month, construction.total, preliminary.total)
    tiers = {t: _sum(month, construction.tiers[t], preliminary.tiers[t]) for t in TIER_KEYS}
    month_completed = construction.month_completed + preliminary.month_completed
    target = construction.target
    listings = listed_projects_with_progress(year=year, month=month)
    starts = start_figures(year=year, month=month)
    townships = _ranking(unit_ranking(year=year, month=month, by="township"), places)
    units = _ranking(unit_ranking(year=year, month=month, by="responsible_unit"), places)
    month_share = rate(month_completed, total.annual_plan)
    key_projects_share = rate(total.completed, target.fai_target) if target else None
    return {
        "schema": SCHEMA,
        "year": year,
        "month": month,
        "time_progress": percent(tp),
        "options": options.as_json(),
        "total": _block(total, places),
        "tiers": {t: _block(tiers[t], places) for t in TIER_KEYS},
        "kinds": _kinds(construction.total, preliminary.total, places),
        "tiers_by_kind": {t: _kinds(construction.tiers[t], preliminary.tiers[t], places) for t in TIER_KEYS},
        "natures": {
            Nature.NEW.value: _block(construction.natures[Nature.NEW], places),
            Nature.CONTINUING.value: _block(construction.natures[Nature.CONTINUING], places),
            Nature.PRELIMINARY.value: _block(preliminary.natures[Nature.PRELIMINARY], places),
        },
        "month_completed": money(month_completed),
        "month_share_of_plan": percent(month_share),
        "reporting": {
            "reported": construction.reported_projects + preliminary.reported_projects,
            "listed": total.count,
            "not_reported": sorted(row.project.name for row in listings if _should_report(row, year, month)),
        },
        "target": {
            "fai_target": money(target.fai_target) if target else None,
            "key_projects_share": percent(key_projects_share) if target else None,
        },
        "starts": _starts(starts),
        "completions": _completions(completion_figures(year=year, month=month)),
        "townships": townships,
        "units": units,
        "horse_race": {"townships": _ends(townships), "units": _ends(units)},
        "behind": _behind(year=year, month=month, options=options),
        "taskforces": extra_sections.taskforce_sections(year=year, month=month, places=places),
        "campaigns": extra_sections.campaign_sections(year=year, month=month),
        "shown": {
            "time_progress": percent(tp, places),
            "month_share_of_plan": percent(month_share, places),
            "start_rate": percent(starts.start_rate, places),
            "key_projects_share": percent(key_projects_share, places) if target else None,
        },
    }


def _should_report(listing: ListingProgress, year: int, month: int) -> bool:
    """A construction project under way in month M that has not reported month M."""
    project = listing.project
    if listing.month_completed is not None or listing.nature == Nature.PRELIMINARY:
        return False
    if project.status in (ProjectStatus.TERMINATED, ProjectStatus.SUSPENDED):
        return False
    if listing.nature == Nature.NEW and (
        project.actual_start is None or project.actual_start > month_end(year, month)
    ):
        return False
    finished = project.actual_completion
    return not (finished is not None and (finished.year, finished.month) < (year, month))


# --- blocks ------------------------------------------------------------------------------------


def _sum(month: int, *parts: ProgressFigures) -> ProgressFigures:
    result = ProgressFigures(month=month)
    for part in parts:
        result.add(part)
    return result


def _block(figures: ProgressFigures, places: int) -> ProgressBlock:
    return {
        "count": figures.count,
        "total_investment": money(figures.total_investment),
        "annual_plan": money(figures.annual_plan),
        "completed": money(figures.completed),
        "completion_rate": percent(figures.completion_rate),
        "vs_time_progress": percent(figures.vs_time_progress),
        "shown": {
            "completion_rate": percent(figures.completion_rate, places),
            "vs_time_progress": percent(figures.vs_time_progress, places),
        },
    }


def _kinds(construction: ProgressFigures, preliminary: ProgressFigures, places: int) -> KindBlocks:
    return {"construction": _block(construction, places), "preliminary": _block(preliminary, places)}


def _ranking(ranking: list[UnitRanking], places: int) -> list[RankedBlock]:
    return [{"name": item.unit.name, "rank": item.rank, **_block(item.figures, places)} for item in ranking]


def _ends(rows: list[RankedBlock]) -> Ends:
    """First and last of a ranking (ties all named); units without a plan cannot be first or last."""
    rated = [row for row in rows if row["completion_rate"] is not None]
    if not rated:
        return {"first": [], "last": []}
    first_rank = rated[0]["rank"]
    last_rank = rated[-1]["rank"]
    return {
        "first": [row["name"] for row in rated if row["rank"] == first_rank],
        "last": [row["name"] for row in rated if row["rank"] == last_rank] if last_rank != first_rank else [],
    }


def _names(projects: list[Project]) -> list[NamedItem]:
    return [{"name": p.name} for p in projects]


def _points(value: Decimal) -> str:
    """Threshold points as written in a sentence: 20, 12.5."""
    return f"{Decimal(value).normalize():f}"


def _starts(starts: StartFigures) -> Starts:
    return {
        "planned_this_year": starts.planned_this_year,
        "planned_by_month": starts.planned_by_month,
        "started": starts.started,
        "started_early": starts.started_early,
        "start_rate": percent(starts.start_rate),
        "not_started_on_schedule": _names(starts.not_started_on_schedule),
        "continuing": starts.continuing,
        "resumed": starts.resumed,
        "not_resumed": _names(starts.not_resumed),
        "terminated": starts.terminated,
    }


def _completions(completions: CompletionFigures) -> Completions:
    return {
        "planned_this_year": completions.planned_this_year,
        "planned_by_month": completions.planned_by_month,
        "completed": completions.completed,
        "completed_early": completions.completed_early,
        "completed_late": completions.completed_late,
        "not_completed_on_schedule": _names(completions.not_completed_on_schedule),
        "ahead_of_later_plan": _names(completions.ahead_of_later_plan),
    }


def _behind(*, year: int, month: int, options: BulletinOptions) -> Behind:
    """Projects trailing time progress, worst first, coloured by the county's thresholds."""
    places = options.decimals
    behind = projects_behind(
        year=year, month=month, red_points=options.red_points, yellow_points=options.yellow_points
    )
    projects: list[BehindProject] = []
    for row, gap, colour in behind:
        listing = with_progress(row)
        project = listing.project
        completion = listing.cumulative * HUNDRED / listing.annual_plan
        projects.append(
            {
                "name": project.name,
                "tier": listing.tier,
                "nature": listing.nature,
                "township": project.township.name if project.township else "",
                "responsible_unit": project.responsible_unit.name if project.responsible_unit else "",
                "annual_plan": money(listing.annual_plan),
                "completed": money(listing.cumulative),
                "completion_rate": percent(completion),
                "behind_points": percent(gap),
                "colour": colour,
                "shown": {"completion_rate": percent(completion, places), "behind_points": percent(gap, places)},
            }
        )
    return {
        "red_points": _points(options.red_points),
        "yellow_points": _points(options.yellow_points),
        "projects": projects,
        "counts": {
            "red": sum(1 for p in projects if p["colour"] == "red"),
            "yellow": sum(1 for p in projects if p["colour"] == "yellow"),
            "green": sum(1 for p in projects if p["colour"] == "green"),
        },
    }
