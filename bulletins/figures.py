"""Every figure of the monthly bulletin, as one JSON-ready dict. See README "Monthly bulletin" for the keys.

Figures come from projects/selectors.py (the same functions the dashboard uses) and are turned into
text once, here: amounts as exact 万元 strings, rates as percent strings with two decimals rounded
half-up from the unrounded values, plus the bulletin's sentences with the county's chosen number of
decimals. The documents (HTML, .docx, .xlsx) are rendered from this dict alone, so a published
bulletin, whose dict is frozen, renders the same whatever happens to the register later.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.money import percent_text as percent
from core.money import plain_amount as money
from core.money import rate
from core.money import yi_text as yi
from core.periods import month_end, time_progress
from projects.models import Nature, Project, ProjectStatus, Tier
from projects.selectors.figures import HUNDRED, ProgressFigures, investment_progress, key_projects, unit_ranking
from projects.selectors.starts import projects_behind, start_figures

from . import sections as extra_sections
from .models import BulletinOptions, BulletinSettings
from .selectors import completion_figures, listed_projects_with_progress

SCHEMA = 1
TIER_KEYS = [Tier.PROVINCE.value, Tier.CITY.value, Tier.COUNTY.value]
# Section numbers of an official document (GB/T 9704-2012 heading levels 一、 and （一）).
_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 24 → 二十四 (1..99)."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def bulletin_figures(*, year: int, month: int, options: BulletinOptions | None = None) -> dict:
    """The bulletin of month M of year Y. A fixed number of queries whatever the number of projects."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    if options is None:
        options = BulletinSettings.load().options()
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
    reported = construction.reported_projects + preliminary.reported_projects
    target = construction.target

    listings = listed_projects_with_progress(year=year, month=month)
    not_reported = sorted(row.project.name for row in listings if _should_report(row, year, month))
    starts = start_figures(year=year, month=month)
    completions = completion_figures(year=year, month=month)
    townships = _ranking(unit_ranking(year=year, month=month, by="township"), places)
    units = _ranking(unit_ranking(year=year, month=month, by="responsible_unit"), places)
    behind = projects_behind(
        year=year, month=month, red_points=options.red_points, yellow_points=options.yellow_points
    )

    figures: dict = {
        "schema": SCHEMA,
        "year": year,
        "month": month,
        "time_progress": percent(tp),
        "options": options.as_json(),
        "total": _block(total, places),
        "tiers": {t: _block(tiers[t], places) for t in TIER_KEYS},
        "kinds": {
            "construction": _block(construction.total, places),
            "preliminary": _block(preliminary.total, places),
        },
        "tiers_by_kind": {
            t: {
                "construction": _block(construction.tiers[t], places),
                "preliminary": _block(preliminary.tiers[t], places),
            }
            for t in TIER_KEYS
        },
        "natures": {
            Nature.NEW.value: _block(construction.natures[Nature.NEW], places),
            Nature.CONTINUING.value: _block(construction.natures[Nature.CONTINUING], places),
            Nature.PRELIMINARY.value: _block(preliminary.natures[Nature.PRELIMINARY], places),
        },
        "month_completed": money(month_completed),
        "month_share_of_plan": percent(rate(month_completed, total.annual_plan)),
        "reporting": {
            "reported": reported,
            "listed": total.count,
            "not_reported": not_reported,
        },
        "target": {
            "fai_target": money(target.fai_target) if target else None,
            "key_projects_share": percent(rate(total.completed, target.fai_target)) if target else None,
        },
        "starts": {
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
        },
        "completions": {
            "planned_this_year": completions.planned_this_year,
            "planned_by_month": completions.planned_by_month,
            "completed": completions.completed,
            "completed_early": completions.completed_early,
            "completed_late": completions.completed_late,
            "not_completed_on_schedule": _names(completions.not_completed_on_schedule),
            "ahead_of_later_plan": _names(completions.ahead_of_later_plan),
        },
        "townships": townships,
        "units": units,
        "horse_race": {"townships": _ends(townships), "units": _ends(units)},
        "behind": {
            "red_points": _points(options.red_points),
            "yellow_points": _points(options.yellow_points),
            "projects": [
                {
                    "name": listing.project.name,
                    "tier": listing.tier,
                    "nature": listing.nature,
                    "township": listing.project.township.name if listing.project.township else "",
                    "responsible_unit": listing.project.responsible_unit.name
                    if listing.project.responsible_unit
                    else "",
                    "annual_plan": money(listing.annual_plan),
                    "completed": money(listing.cumulative),
                    "completion_rate": percent(listing.cumulative * HUNDRED / listing.annual_plan),
                    "behind_points": percent(gap),
                    "colour": colour,
                    "shown": {
                        "completion_rate": percent(listing.cumulative * HUNDRED / listing.annual_plan, places),
                        "behind_points": percent(gap, places),
                    },
                }
                for listing, gap, colour in behind
            ],
        },
        "taskforces": extra_sections.taskforce_sections(year=year, month=month, places=places),
        "campaigns": extra_sections.campaign_sections(year=year, month=month),
    }
    figures["behind"]["counts"] = {
        colour: sum(1 for p in figures["behind"]["projects"] if p["colour"] == colour)
        for colour in ("red", "yellow", "green")
    }
    figures["shown"] = {
        "time_progress": percent(tp, places),
        "month_share_of_plan": percent(rate(month_completed, total.annual_plan), places),
        "start_rate": percent(starts.start_rate, places),
        "key_projects_share": percent(rate(total.completed, target.fai_target), places) if target else None,
    }
    with translation.override(settings.LANGUAGE_CODE):
        figures["text"] = bulletin_text(figures)
    figures["headline"] = figures["text"]["headline"]
    return figures


def figures_with_options(figures: dict) -> BulletinOptions:
    """The options a figures dict was computed with (for re-rendering a frozen bulletin)."""
    raw = figures.get("options", {})
    return replace(
        BulletinOptions(),
        decimals=int(raw.get("decimals", 2)),
        red_points=Decimal(raw.get("red_points", "20")),
        yellow_points=Decimal(raw.get("yellow_points", "10")),
        doc_number_prefix=raw.get("doc_number_prefix", BulletinOptions.doc_number_prefix),
        issuer=raw.get("issuer", BulletinOptions.issuer),
        recipients=raw.get("recipients", BulletinOptions.recipients),
        closing=raw.get("closing", ""),
    )


def _should_report(listing, year: int, month: int) -> bool:
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


def _block(figures: ProgressFigures, places: int) -> dict:
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


def _ranking(ranking: list, places: int) -> list[dict]:
    rows = []
    for item in ranking:
        block = _block(item.figures, places)
        rows.append({"name": item.unit.name, "rank": item.rank, **block})
    return rows


def _ends(rows: list[dict]) -> dict:
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


def _names(projects: list[Project]) -> list[dict]:
    return [{"name": p.name} for p in projects]


def _points(value: Decimal) -> str:
    """Threshold points as written in a sentence: 20, 12.5."""
    text = f"{Decimal(value).normalize():f}"
    return text


# --- the text ----------------------------------------------------------------------------------


def period_label(month: int) -> str:
    return _("January") if month == 1 else _("January–%(month)s") % {"month": month}


def join_names(names: list[str]) -> str:
    return pgettext("list separator", ", ").join(names)


def gap_phrase(vs: str | None) -> str | None:
    """'13.83 points ahead of time progress', from the shown (already rounded once) gap."""
    if vs is None:
        return None
    value = Decimal(vs)
    if value == 0:
        return _("level with time progress")
    if value > 0:
        return _("%(points)s points ahead of time progress") % {"points": vs}
    return _("%(points)s points behind time progress") % {"points": vs.lstrip("-")}


def _progress_sentence(subject: str, block: dict) -> str:
    amount = yi(block["completed"])
    if block["completion_rate"] is None:
        return _("%(subject)s: %(count)s projects, completed %(amount)s hundred million yuan.") % {
            "subject": subject,
            "count": block["count"],
            "amount": amount,
        }
    return _(
        "%(subject)s: %(count)s projects, completed %(amount)s hundred million yuan, "
        "%(rate)s%% of the annual plan, %(gap)s."
    ) % {
        "subject": subject,
        "count": block["count"],
        "amount": amount,
        "rate": block["shown"]["completion_rate"],
        "gap": gap_phrase(block["shown"]["vs_time_progress"]),
    }


def bulletin_text(f: dict) -> dict:
    """The bulletin's title and numbered sections, in the style of published county bulletins."""
    month, year = f["month"], f["year"]
    period = period_label(month)
    total = f["total"]
    sections: list[dict] = []

    # 一、overall progress
    overall: list[str] = []
    overall.append(
        _(
            "The county has %(count)s key projects this year, with a total investment of %(total)s hundred million "
            "yuan and an annual planned investment of %(plan)s hundred million yuan."
        )
        % {"count": total["count"], "total": yi(total["total_investment"]), "plan": yi(total["annual_plan"])}
    )
    if total["completion_rate"] is None:
        headline = _(
            "%(period)s, the county's key projects completed investment of %(amount)s hundred million yuan."
        ) % {
            "period": period,
            "amount": yi(total["completed"]),
        }
    else:
        headline = _(
            "%(period)s, the county's key projects completed investment of %(amount)s hundred million yuan, "
            "%(rate)s%% of the annual plan, %(gap)s."
        ) % {
            "period": period,
            "amount": yi(total["completed"]),
            "rate": total["shown"]["completion_rate"],
            "gap": gap_phrase(total["shown"]["vs_time_progress"]),
        }
    overall.append(headline)
    month_text = _("In %(month)s alone, %(amount)s hundred million yuan was completed") % {
        "month": month,
        "amount": yi(f["month_completed"]),
    }
    if f["shown"]["month_share_of_plan"] is not None:
        month_text += _(", %(rate)s%% of the annual plan") % {"rate": f["shown"]["month_share_of_plan"]}
    month_text += _(". ")
    reporting = f["reporting"]
    if reporting["not_reported"]:
        month_text += _("%(count)s projects have not yet reported this month's progress: %(names)s.") % {
            "count": len(reporting["not_reported"]),
            "names": join_names(reporting["not_reported"]),
        }
    overall.append(month_text.strip())
    if f["target"]["fai_target"]:
        overall.append(
            _(
                "Key projects' completed investment amounts to %(rate)s%% of the year's fixed-asset investment target of %(target)s hundred million yuan."
            )
            % {"rate": f["shown"]["key_projects_share"], "target": yi(f["target"]["fai_target"])}
        )
    tier_subjects = {
        "province": _("Provincial key projects"),
        "city": _("City key projects"),
        "county": _("County key projects"),
    }
    tier_text = "".join(
        _progress_sentence(tier_subjects[t], f["tiers"][t]) for t in TIER_KEYS if f["tiers"][t]["count"]
    )
    if tier_text:
        overall.append(_("By tier: ") + tier_text)
    kinds_text = "".join(
        _progress_sentence(subject, f["kinds"][key])
        for key, subject in (
            ("construction", _("Construction projects (new and continuing)")),
            ("preliminary", _("Preliminary projects")),
        )
        if f["kinds"][key]["count"]
    )
    if kinds_text:
        overall.append(_("By kind: ") + kinds_text)
    sections.append(
        {
            "key": "overall",
            "heading": pgettext("bulletin", "Overall progress"),
            "paragraphs": overall,
            "tables": ["overall"],
        }
    )

    # 二、starts and restarts
    s = f["starts"]
    starts: list[str] = []
    if s["planned_this_year"]:
        if s["planned_by_month"]:
            starts.append(
                _(
                    "%(planned)s projects are planned to start this year; %(due)s were due to start by the end of "
                    "month %(month)s, %(started)s have started (%(early)s of them early), a start rate of %(rate)s%%."
                )
                % {
                    "planned": s["planned_this_year"],
                    "due": s["planned_by_month"],
                    "month": month,
                    "started": s["started"],
                    "early": s["started_early"],
                    "rate": f["shown"]["start_rate"],
                }
            )
        else:
            starts.append(
                _(
                    "%(planned)s projects are planned to start this year; none was due to start by the end of month "
                    "%(month)s, and %(started)s have started."
                )
                % {"planned": s["planned_this_year"], "month": month, "started": s["started"]}
            )
        if s["not_started_on_schedule"]:
            starts.append(
                _("Not started on schedule (%(count)s): %(names)s.")
                % {
                    "count": len(s["not_started_on_schedule"]),
                    "names": join_names([p["name"] for p in s["not_started_on_schedule"]]),
                }
            )
        elif s["planned_by_month"]:
            starts.append(_("Every project due to start has started."))
    if s["continuing"]:
        text = _(
            "Of %(count)s continuing projects, %(resumed)s have resumed, %(not_resumed)s have not resumed and "
            "%(terminated)s were terminated."
        ) % {
            "count": s["continuing"],
            "resumed": s["resumed"],
            "not_resumed": len(s["not_resumed"]),
            "terminated": s["terminated"],
        }
        if s["not_resumed"]:
            text += _("Not resumed: %(names)s.") % {"names": join_names([p["name"] for p in s["not_resumed"]])}
        starts.append(text)
    if not starts:
        starts.append(_("No project is planned to start or resume this year."))
    sections.append(
        {"key": "starts", "heading": pgettext("bulletin", "Starts and restarts"), "paragraphs": starts, "tables": []}
    )

    # 三、completions
    c = f["completions"]
    done: list[str] = []
    if c["planned_this_year"]:
        done.append(
            _(
                "%(planned)s projects are planned to be completed this year; %(due)s were due by the end of month "
                "%(month)s; %(completed)s have been completed (%(early)s early, %(late)s late)."
            )
            % {
                "planned": c["planned_this_year"],
                "due": c["planned_by_month"],
                "month": month,
                "completed": c["completed"],
                "early": c["completed_early"],
                "late": c["completed_late"],
            }
        )
        if c["not_completed_on_schedule"]:
            done.append(
                _("Not completed on schedule (%(count)s): %(names)s.")
                % {
                    "count": len(c["not_completed_on_schedule"]),
                    "names": join_names([p["name"] for p in c["not_completed_on_schedule"]]),
                }
            )
    else:
        done.append(_("No project is planned to be completed this year."))
    if c["ahead_of_later_plan"]:
        done.append(
            _("Completed ahead of a later year's plan: %(names)s.")
            % {"names": join_names([p["name"] for p in c["ahead_of_later_plan"]])}
        )
    sections.append(
        {"key": "completions", "heading": pgettext("bulletin", "Completions"), "paragraphs": done, "tables": []}
    )

    # 四、horse race
    race: list[str] = []
    for key, sentence in (
        ("townships", _("Among townships, the highest completion rate is %(first)s's (%(first_rate)s%%)")),
        ("units", _("Among responsible units, the highest completion rate is %(first)s's (%(first_rate)s%%)")),
    ):
        ends = f["horse_race"][key]
        if not ends["first"]:
            continue
        rows = {row["name"]: row for row in f[key]}
        text = sentence % {
            "first": join_names(ends["first"]),
            "first_rate": rows[ends["first"][0]]["shown"]["completion_rate"],
        }
        if ends["last"]:
            text += _(", and the lowest %(last)s's (%(last_rate)s%%)") % {
                "last": join_names(ends["last"]),
                "last_rate": rows[ends["last"][0]]["shown"]["completion_rate"],
            }
        race.append(text + _("."))
    if not race:
        race.append(_("No township or responsible unit has an annual plan to rank by."))
    sections.append(
        {
            "key": "horse_race",
            "heading": pgettext("bulletin", "Horse race"),
            "paragraphs": race,
            "tables": ["townships", "units"],
        }
    )

    # 五、projects behind time progress
    b = f["behind"]
    behind: list[str] = []
    if b["projects"]:
        behind.append(
            _(
                "%(total)s projects trail time progress: %(red)s by more than %(red_points)s points (red), "
                "%(yellow)s by more than %(yellow_points)s points (yellow) and %(green)s by %(yellow_points)s "
                "points or less (green)."
            )
            % {
                "total": len(b["projects"]),
                "red": b["counts"]["red"],
                "yellow": b["counts"]["yellow"],
                "green": b["counts"]["green"],
                "red_points": b["red_points"],
                "yellow_points": b["yellow_points"],
            }
        )
        reds = [p["name"] for p in b["projects"] if p["colour"] == "red"]
        if reds:
            behind.append(_("Red: %(names)s.") % {"names": join_names(reds)})
    else:
        behind.append(_("No project trails time progress."))
    sections.append(
        {
            "key": "behind",
            "heading": pgettext("bulletin", "Projects behind time progress"),
            "paragraphs": behind,
            "tables": ["behind"],
        }
    )

    # 六、task forces (only where the ledgers have data); 七、campaigns (when exposed)
    if f["taskforces"]:
        sections.append(
            {
                "key": "taskforces",
                "heading": pgettext("bulletin", "Task forces"),
                "subsections": [{"heading": tf["name"], "paragraphs": tf["paragraphs"]} for tf in f["taskforces"]],
                "paragraphs": [],
                "tables": [],
            }
        )
    if f["campaigns"]:
        sections.append(
            {
                "key": "campaigns",
                "heading": pgettext("bulletin", "Campaigns"),
                "subsections": [{"heading": c["name"], "paragraphs": c["paragraphs"]} for c in f["campaigns"]],
                "paragraphs": [],
                "tables": [],
            }
        )
    closing = [line.strip() for line in f["options"].get("closing", "").splitlines() if line.strip()]
    if closing:
        sections.append(
            {"key": "closing", "heading": pgettext("bulletin", "Next steps"), "paragraphs": closing, "tables": []}
        )

    for number, section in enumerate(sections, start=1):
        section["number"] = chinese_numeral(number)
        for sub_number, sub in enumerate(section.get("subsections", []), start=1):
            sub["number"] = chinese_numeral(sub_number)
    return {
        "title": _("Bulletin on the progress of the county's key projects, %(year)s, %(period)s")
        % {"year": year, "period": period},
        "period": period,
        "intro": _("The progress of the county's key projects in %(year)s, %(period)s, is bulletined as follows:")
        % {"year": year, "period": period},
        "headline": headline,
        "sections": sections,
    }
