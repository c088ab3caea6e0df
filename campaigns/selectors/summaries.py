"""The campaigns as other apps read them: `campaign_status` (the command), the bulletin's part
(`campaign_bulletin_section`, `bulletin_section`) and the dashboard's panel (`dashboard_summary`).

Everything the bulletin receives is plain JSON: it freezes its figures when published.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.utils.translation import gettext as _

from accounts.models import Campaign

from ..access import Viewer
from ..engine import Engine, Evaluation, indicators_for
from ..models import RankingPublication, Scheme
from .pages import campaign_index


def _evaluation_dict(campaign: Campaign, ev: Evaluation) -> dict[str, Any]:
    return {
        "campaign": campaign.slug,
        "indicator": ev.indicator.name,
        "scope": "county" if ev.unit is None else ev.unit.name,
        "target": ev.target_text,
        "actual": ev.actual_text,
        "met": ev.met,
        "unit": ev.unit_label,
        "comparison": ev.indicator.get_comparison_display(),
        "period": ev.indicator.period,
        "gap": ev.gap_text,
        "status": ev.status,
    }


def campaign_status(*, year: int, month: int) -> list[dict[str, Any]]:
    """Every indicator of the year, for the county and each unit of its scope (the campaign_status command)."""
    engine = Engine(year=year, month=month)
    result: list[dict[str, Any]] = []
    for indicator in indicators_for(year=year):
        block = engine.block(indicator)
        result.extend(_evaluation_dict(indicator.campaign, ev) for ev in block.evaluations)
    return result


def campaign_bulletin_section(*, year: int, month: int) -> dict[str, Any]:
    """The campaigns' part of the monthly bulletin.

    Returns {"title", "year", "month", "campaigns": [{"slug", "name", "indicators": [{"indicator", "target",
    "actual", "gap", "status", "met", "units_met", "units_total", "behind": [unit names]}], "counts"}],
    "ranking": [{"group", "rank", "unit", "score", "grounds"}], "ranking_published": bool, "method"}.
    County rows give the county figure; indicators measured per unit give how many units meet them and
    which are behind (red). The ranking is the published one when it exists, else the live county assessment.
    """
    engine = Engine(year=year, month=month)
    by_campaign: OrderedDict[int, dict[str, Any]] = OrderedDict()
    for campaign in Campaign.objects.all():
        by_campaign[campaign.pk] = {
            "slug": campaign.slug,
            "name": campaign.name,
            "indicators": [],
            "counts": {"green": 0, "yellow": 0, "red": 0, "none": 0},
        }
    for indicator in indicators_for(year=year):
        block = engine.block(indicator)
        entry = by_campaign[indicator.campaign_id]
        head = block.county
        row = {
            "indicator": indicator.name,
            "target": head.target_with_unit if head else "",
            "actual": head.actual_with_unit if head else "",
            "gap": head.gap_text if head else "",
            "status": head.status if head else "",
            "met": head.met if head else None,
            "units_met": sum(1 for ev in block.units if ev.met),
            "units_total": len(block.units),
            "behind": [ev.scope_name for ev in block.units if ev.status == "red"],
        }
        entry["indicators"].append(row)
        for ev in block.evaluations:
            entry["counts"][ev.status] += 1
    published = RankingPublication.objects.filter(scheme=Scheme.COUNTY, year=year, month=month).first()
    if published:
        ranking = [{k: r[k] for k in ("group", "rank", "unit", "score", "grounds")} for r in published.rows]
        method = published.method
    else:
        table = engine.score_table(Scheme.COUNTY)
        ranking = [
            {"group": g.label, "rank": r.rank, "unit": r.unit.name, "score": str(r.score), "grounds": r.grounds()}
            for g in table.groups
            for r in g.rows
        ]
        method = f"{engine.method_text}\n{table.method}"
    return {
        "title": _("The six campaigns"),
        "year": year,
        "month": month,
        "campaigns": [c for c in by_campaign.values() if c["indicators"]],
        "ranking": ranking,
        "ranking_published": published is not None,
        "method": method,
    }


def bulletin_section(*, year: int, month: int) -> list[dict[str, Any]]:
    """The bulletin's hook (bulletins.sections.campaign_sections): one part per campaign with indicators,
    [{"slug", "name", "figures": {…}, "paragraphs": [text]}], built from `campaign_bulletin_section`.
    Everything is plain JSON (the bulletin freezes its figures when published)."""
    section = campaign_bulletin_section(year=year, month=month)
    parts = []
    for campaign in section["campaigns"]:
        sentences = []
        for row in campaign["indicators"]:
            if row["target"]:
                sentences.append(_("%(indicator)s: %(actual)s against %(target)s, %(gap)s") % row)
            else:
                sentences.append(row["indicator"])
            if row["units_total"]:
                sentences[-1] += _(", %(met)s of %(total)s units meet it") % {
                    "met": row["units_met"],
                    "total": row["units_total"],
                }
                if row["behind"]:
                    sentences[-1] += _(" (behind: %(names)s)") % {"names": "、".join(row["behind"][:8])}
        if campaign["slug"] == "assessment" and section["ranking"]:
            ranked = [r for r in section["ranking"] if r["group"] == section["ranking"][0]["group"]]
            top = "、".join(f"{r['unit']}（{r['score']}）" for r in ranked[:3])
            bottom = "、".join(f"{r['unit']}（{r['score']}）" for r in ranked[-3:]) if len(ranked) > 3 else ""
            sentences.append(
                (_("Horse race: first %(top)s; last %(bottom)s") if bottom else _("Horse race: first %(top)s"))
                % {"top": top, "bottom": bottom}
            )
        parts.append(
            {
                "slug": campaign["slug"],
                "name": campaign["name"],
                "figures": {"indicators": campaign["indicators"], "counts": campaign["counts"]},
                "paragraphs": ["；".join(sentences) + "。"],
            }
        )
    return parts


def dashboard_summary(*, year: int, month: int, viewer: Viewer) -> dict[str, Any]:
    """For the dashboard panel: each campaign's green/yellow/red counts and the horse race's top and bottom three."""
    rows = campaign_index(year=year, month=month, viewer=viewer)
    result: dict[str, Any] = {"year": year, "month": month, "campaigns": rows, "top": [], "bottom": []}
    if viewer.all_units:
        table = Engine(year=year, month=month).score_table(Scheme.COUNTY)
        townships = table.groups[0].rows if table.groups else []
        result["top"] = townships[:3]
        result["bottom"] = townships[-3:] if len(townships) > 3 else []
    return result
