"""The bulletin's words, written once from its figures: the title, the intro and one function per section.

Sections follow published county bulletins: 一、overall progress, 二、starts and restarts, 三、completions,
四、the horse race, 五、projects behind time progress, then the task forces and the campaigns when they have
something to report and the county's closing words when it set any. They are numbered once the optional
ones are known. Rates come from `shown` (rounded once, at the county's decimals), amounts in 亿元.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.money import yi_text as yi
from projects.models import Tier

from .schema import (
    BulletinNumbers,
    BulletinText,
    NamedItem,
    ProgressBlock,
    Section,
    SectionDraft,
    Subsection,
    WorkSection,
)

TIER_KEYS = [Tier.PROVINCE.value, Tier.CITY.value, Tier.COUNTY.value]  # the order of the key lists
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


def period_label(month: int) -> str:
    return _("January") if month == 1 else _("January–%(month)s") % {"month": month}


def join_names(names: list[str]) -> str:
    return pgettext("list separator", ", ").join(names)


def _item_names(items: list[NamedItem]) -> str:
    return join_names([item["name"] for item in items])


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


def _progress_sentence(subject: str, block: ProgressBlock) -> str:
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


# --- the sections ------------------------------------------------------------------------------


def headline(f: BulletinNumbers) -> str:
    """The sentence that sums the month up; it also opens the overall section."""
    total = f["total"]
    period = period_label(f["month"])
    if total["completion_rate"] is None:
        return _("%(period)s, the county's key projects completed investment of %(amount)s hundred million yuan.") % {
            "period": period,
            "amount": yi(total["completed"]),
        }
    return _(
        "%(period)s, the county's key projects completed investment of %(amount)s hundred million yuan, "
        "%(rate)s%% of the annual plan, %(gap)s."
    ) % {
        "period": period,
        "amount": yi(total["completed"]),
        "rate": total["shown"]["completion_rate"],
        "gap": gap_phrase(total["shown"]["vs_time_progress"]),
    }


def _month_paragraph(f: BulletinNumbers) -> str:
    """Month M alone, and the projects that have not reported it."""
    text = _("In %(month)s alone, %(amount)s hundred million yuan was completed") % {
        "month": f["month"],
        "amount": yi(f["month_completed"]),
    }
    if f["shown"]["month_share_of_plan"] is not None:
        text += _(", %(rate)s%% of the annual plan") % {"rate": f["shown"]["month_share_of_plan"]}
    text += _(". ")
    not_reported = f["reporting"]["not_reported"]
    if not_reported:
        text += _("%(count)s projects have not yet reported this month's progress: %(names)s.") % {
            "count": len(not_reported),
            "names": join_names(not_reported),
        }
    return text.strip()


def _tiers_and_kinds_paragraphs(f: BulletinNumbers) -> list[str]:
    paragraphs = []
    tier_subjects = {
        "province": _("Provincial key projects"),
        "city": _("City key projects"),
        "county": _("County key projects"),
    }
    tier_text = "".join(
        _progress_sentence(tier_subjects[t], f["tiers"][t]) for t in TIER_KEYS if f["tiers"][t]["count"]
    )
    if tier_text:
        paragraphs.append(_("By tier: ") + tier_text)
    kinds = f["kinds"]
    kinds_text = "".join(
        _progress_sentence(subject, block)
        for block, subject in (
            (kinds["construction"], _("Construction projects (new and continuing)")),
            (kinds["preliminary"], _("Preliminary projects")),
        )
        if block["count"]
    )
    if kinds_text:
        paragraphs.append(_("By kind: ") + kinds_text)
    return paragraphs


def overall_section(f: BulletinNumbers) -> SectionDraft:
    """一、overall progress: the list, the headline, month M, the FAI target, tiers and kinds."""
    total = f["total"]
    paragraphs = [
        _(
            "The county has %(count)s key projects this year, with a total investment of %(total)s hundred million "
            "yuan and an annual planned investment of %(plan)s hundred million yuan."
        )
        % {"count": total["count"], "total": yi(total["total_investment"]), "plan": yi(total["annual_plan"])},
        headline(f),
        _month_paragraph(f),
    ]
    if f["target"]["fai_target"]:
        paragraphs.append(
            _(
                "Key projects' completed investment amounts to %(rate)s%% of the year's fixed-asset investment target of %(target)s hundred million yuan."
            )
            % {"rate": f["shown"]["key_projects_share"], "target": yi(f["target"]["fai_target"])}
        )
    paragraphs += _tiers_and_kinds_paragraphs(f)
    return {
        "key": "overall",
        "heading": pgettext("bulletin", "Overall progress"),
        "paragraphs": paragraphs,
        "tables": ["overall"],
    }


def _restart_paragraph(f: BulletinNumbers) -> str:
    s = f["starts"]
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
        text += _("Not resumed: %(names)s.") % {"names": _item_names(s["not_resumed"])}
    return text


def starts_section(f: BulletinNumbers) -> SectionDraft:
    """二、starts of new projects against their plan, and restarts of continuing ones."""
    s = f["starts"]
    paragraphs: list[str] = []
    if s["planned_this_year"]:
        if s["planned_by_month"]:
            paragraphs.append(
                _(
                    "%(planned)s projects are planned to start this year; %(due)s were due to start by the end of "
                    "month %(month)s, %(started)s have started (%(early)s of them early), a start rate of %(rate)s%%."
                )
                % {
                    "planned": s["planned_this_year"],
                    "due": s["planned_by_month"],
                    "month": f["month"],
                    "started": s["started"],
                    "early": s["started_early"],
                    "rate": f["shown"]["start_rate"],
                }
            )
        else:
            paragraphs.append(
                _(
                    "%(planned)s projects are planned to start this year; none was due to start by the end of month "
                    "%(month)s, and %(started)s have started."
                )
                % {"planned": s["planned_this_year"], "month": f["month"], "started": s["started"]}
            )
        if s["not_started_on_schedule"]:
            paragraphs.append(
                _("Not started on schedule (%(count)s): %(names)s.")
                % {"count": len(s["not_started_on_schedule"]), "names": _item_names(s["not_started_on_schedule"])}
            )
        elif s["planned_by_month"]:
            paragraphs.append(_("Every project due to start has started."))
    if s["continuing"]:
        paragraphs.append(_restart_paragraph(f))
    if not paragraphs:
        paragraphs.append(_("No project is planned to start or resume this year."))
    return {
        "key": "starts",
        "heading": pgettext("bulletin", "Starts and restarts"),
        "paragraphs": paragraphs,
        "tables": [],
    }


def completions_section(f: BulletinNumbers) -> SectionDraft:
    """三、completions against the year's plan, and those completed ahead of a later year's plan."""
    c = f["completions"]
    paragraphs: list[str] = []
    if c["planned_this_year"]:
        paragraphs.append(
            _(
                "%(planned)s projects are planned to be completed this year; %(due)s were due by the end of month "
                "%(month)s; %(completed)s have been completed (%(early)s early, %(late)s late)."
            )
            % {
                "planned": c["planned_this_year"],
                "due": c["planned_by_month"],
                "month": f["month"],
                "completed": c["completed"],
                "early": c["completed_early"],
                "late": c["completed_late"],
            }
        )
        if c["not_completed_on_schedule"]:
            paragraphs.append(
                _("Not completed on schedule (%(count)s): %(names)s.")
                % {
                    "count": len(c["not_completed_on_schedule"]),
                    "names": _item_names(c["not_completed_on_schedule"]),
                }
            )
    else:
        paragraphs.append(_("No project is planned to be completed this year."))
    if c["ahead_of_later_plan"]:
        paragraphs.append(
            _("Completed ahead of a later year's plan: %(names)s.") % {"names": _item_names(c["ahead_of_later_plan"])}
        )
    return {
        "key": "completions",
        "heading": pgettext("bulletin", "Completions"),
        "paragraphs": paragraphs,
        "tables": [],
    }


def horse_race_section(f: BulletinNumbers) -> SectionDraft:
    """四、the first and last township and responsible unit by completion rate."""
    race: list[str] = []
    for ranking, ends, sentence in (
        (
            f["townships"],
            f["horse_race"]["townships"],
            _("Among townships, the highest completion rate is %(first)s's (%(first_rate)s%%)"),
        ),
        (
            f["units"],
            f["horse_race"]["units"],
            _("Among responsible units, the highest completion rate is %(first)s's (%(first_rate)s%%)"),
        ),
    ):
        if not ends["first"]:
            continue
        rows = {row["name"]: row for row in ranking}
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
    return {
        "key": "horse_race",
        "heading": pgettext("bulletin", "Horse race"),
        "paragraphs": race,
        "tables": ["townships", "units"],
    }


def behind_section(f: BulletinNumbers) -> SectionDraft:
    """五、projects behind time progress, by colour, the red ones named."""
    b = f["behind"]
    paragraphs: list[str] = []
    if b["projects"]:
        paragraphs.append(
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
            paragraphs.append(_("Red: %(names)s.") % {"names": join_names(reds)})
    else:
        paragraphs.append(_("No project trails time progress."))
    return {
        "key": "behind",
        "heading": pgettext("bulletin", "Projects behind time progress"),
        "paragraphs": paragraphs,
        "tables": ["behind"],
    }


def _parts_section(key: str, heading: str, parts: list[WorkSection]) -> SectionDraft:
    """One subsection per task force or campaign, numbered （一）, （二）…"""
    subsections: list[Subsection] = [
        {"heading": part["name"], "paragraphs": part["paragraphs"], "number": chinese_numeral(number)}
        for number, part in enumerate(parts, start=1)
    ]
    return {"key": key, "heading": heading, "subsections": subsections, "paragraphs": [], "tables": []}


def taskforces_section(f: BulletinNumbers) -> SectionDraft | None:
    """The task forces whose ledgers have data for the month; none, no section."""
    if not f["taskforces"]:
        return None
    return _parts_section("taskforces", pgettext("bulletin", "Task forces"), f["taskforces"])


def campaigns_section(f: BulletinNumbers) -> SectionDraft | None:
    """The campaigns, when campaigns/ reports on them."""
    if not f["campaigns"]:
        return None
    return _parts_section("campaigns", pgettext("bulletin", "Campaigns"), f["campaigns"])


def closing_section(f: BulletinNumbers) -> SectionDraft | None:
    """The county's next steps, one paragraph per line of the settings' closing text."""
    closing = [line.strip() for line in f["options"].get("closing", "").splitlines() if line.strip()]
    if not closing:
        return None
    return {"key": "closing", "heading": pgettext("bulletin", "Next steps"), "paragraphs": closing, "tables": []}


SECTIONS: list[Callable[[BulletinNumbers], SectionDraft | None]] = [
    overall_section,
    starts_section,
    completions_section,
    horse_race_section,
    behind_section,
    taskforces_section,
    campaigns_section,
    closing_section,
]


def bulletin_text(f: BulletinNumbers) -> BulletinText:
    """The bulletin's title and numbered sections, in the style of published county bulletins."""
    drafts = [section for build in SECTIONS if (section := build(f)) is not None]
    sections: list[Section] = [
        {**draft, "number": chinese_numeral(number)} for number, draft in enumerate(drafts, start=1)
    ]
    period = period_label(f["month"])
    year = f["year"]
    return {
        "title": _("Bulletin on the progress of the county's key projects, %(year)s, %(period)s")
        % {"year": year, "period": period},
        "period": period,
        "intro": _("The progress of the county's key projects in %(year)s, %(period)s, is bulletined as follows:")
        % {"year": year, "period": period},
        "headline": headline(f),
        "sections": sections,
    }
