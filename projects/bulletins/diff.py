"""Differences between two bulletins' figures, for a re-issue and for "changed since publication".

Figures are flattened to paths ("tiers.city.completed", "townships[凤城镇].completion_rate");
lists of named items are matched by name, so a township moving from rank 3 to rank 2 is one change
of its rank, not a shifted list. The text, the shown (display-rounded) values and the headline are
left out: they follow from the figures and would only repeat each change.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

SKIPPED = {"text", "headline", "shown", "schema"}


def flatten(value, path: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if key in SKIPPED:
                continue
            flat.update(flatten(item, f"{path}.{key}" if path else str(key)))
    elif isinstance(value, list) and value and all(isinstance(i, dict) and "name" in i for i in value):
        for item in value:
            if set(item) == {"name"}:
                flat[f"{path}[{item['name']}]"] = item["name"]
            else:
                flat.update(flatten({k: v for k, v in item.items() if k != "name"}, f"{path}[{item['name']}]"))
    elif isinstance(value, list):
        flat[path] = ", ".join(str(i) for i in value)
    else:
        flat[path] = value
    return flat


def figures_diff(old: dict, new: dict) -> list[dict]:
    """[{"path", "label", "old", "new"}] for every figure that differs, in the order of the new figures."""
    before, after = flatten(old), flatten(new)
    changes = []
    for path in list(after) + [p for p in before if p not in after]:
        if before.get(path) != after.get(path) or (path in before) != (path in after):
            changes.append({"path": path, "label": path_label(path), "old": before.get(path), "new": after.get(path)})
    return changes


def _segment_labels() -> dict[str, str]:
    return {
        "year": _("Year"),
        "month": _("Month"),
        "time_progress": _("Time progress (%)"),
        "options": _("Options"),
        "decimals": _("Decimals"),
        "red_points": _("Red threshold (points)"),
        "yellow_points": _("Yellow threshold (points)"),
        "doc_number_prefix": _("Document-number prefix"),
        "issuer": _("Issuing office"),
        "recipients": _("Addressees"),
        "closing": _("Next steps"),
        "total": _("All key projects"),
        "tiers": _("By tier"),
        "province": _("Provincial"),
        "city": _("City"),
        "county": _("County"),
        "kinds": _("By kind"),
        "tiers_by_kind": _("By tier and kind"),
        "construction": _("Construction (new and continuing)"),
        "preliminary": _("Preliminary"),
        "natures": _("By nature"),
        "new": _("New"),
        "continuing": _("Continuing"),
        "count": _("Projects"),
        "total_investment": _("Total investment (10k yuan)"),
        "annual_plan": _("Annual plan (10k yuan)"),
        "completed": _("Completed (10k yuan)"),
        "completion_rate": _("Completion rate (%)"),
        "vs_time_progress": _("Vs time progress (points)"),
        "month_completed": _("Completed this month (10k yuan)"),
        "month_share_of_plan": _("This month's share of the annual plan (%)"),
        "reporting": _("Reporting"),
        "reported": _("Reported this month"),
        "listed": _("Listed"),
        "not_reported": _("Not reported this month"),
        "target": _("FAI target"),
        "fai_target": _("FAI target (10k yuan)"),
        "key_projects_share": _("Share of the FAI target (%)"),
        "starts": _("Starts"),
        "planned_this_year": _("Planned this year"),
        "planned_by_month": _("Due by the end of the month"),
        "started": _("Started"),
        "started_early": _("Started early"),
        "start_rate": _("Start rate (%)"),
        "not_started_on_schedule": _("Not started on schedule"),
        "resumed": _("Resumed"),
        "not_resumed": _("Not resumed"),
        "terminated": _("Terminated"),
        "completions": _("Completions"),
        "completed_early": _("Completed early"),
        "completed_late": _("Completed late"),
        "not_completed_on_schedule": _("Not completed on schedule"),
        "ahead_of_later_plan": _("Completed ahead of a later year's plan"),
        "townships": _("Townships"),
        "units": _("Responsible units"),
        "rank": _("Rank"),
        "horse_race": _("Horse race"),
        "first": _("First"),
        "last": _("Last"),
        "behind": _("Behind time progress"),
        "projects": _("Projects"),
        "counts": _("Counts"),
        "red": _("Red"),
        "yellow": _("Yellow"),
        "green": _("Green"),
        "colour": _("Warning"),
        "behind_points": _("Behind time progress (points)"),
        "tier": _("Tier"),
        "nature": _("Nature"),
        "township": _("Township"),
        "responsible_unit": _("Responsible unit"),
        "taskforces": _("Task forces"),
        "campaigns": _("Campaigns"),
    }


def path_label(path: str) -> str:
    """"tiers.city.completed" → "按层级 · 市级 · 完成投资（万元）"."""
    with translation.override(settings.LANGUAGE_CODE):
        labels = _segment_labels()
        parts = []
        for raw in re.findall(r"\[[^\]]*\]|[^.\[]+", path):
            if raw.startswith("[") and raw.endswith("]"):
                parts.append(raw[1:-1])
            else:
                parts.append(labels.get(raw, raw))
        return " · ".join(parts)
