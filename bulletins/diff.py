"""Differences between two bulletins' figures, for a re-issue and for "changed since publication".

Figures are flattened to paths ("tiers.city.completed", "townships[凤城镇].completion_rate");
lists of named items are matched by name, so a township moving from rank 3 to rank 2 is one change
of its rank, not a shifted list. The text, the shown (display-rounded) values and the headline are
left out: they follow from the figures and would only repeat each change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext

SKIPPED = {"text", "headline", "shown", "schema"}


def flatten(value: object, path: str = "") -> dict[str, object]:
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


def figures_diff(old: Mapping[str, object], new: Mapping[str, object]) -> list[dict[str, object]]:
    """[{"path", "label", "old", "new"}] for every figure that differs, in the order of the new figures."""
    before, after = flatten(old), flatten(new)
    return [
        {"path": path, "label": path_label(path), "old": before.get(path), "new": after.get(path)}
        for path in [*after, *(p for p in before if p not in after)]
        if before.get(path) != after.get(path) or (path in before) != (path in after)
    ]


def _segment_labels() -> dict[str, str]:
    return {
        "year": pgettext("bulletin", "Year"),
        "month": pgettext("bulletin", "Month"),
        "time_progress": pgettext("bulletin", "Time progress (%)"),
        "options": pgettext("bulletin", "Options"),
        "decimals": pgettext("bulletin", "Decimals"),
        "red_points": pgettext("bulletin", "Red threshold (points)"),
        "yellow_points": pgettext("bulletin", "Yellow threshold (points)"),
        "doc_number_prefix": pgettext("bulletin", "Document-number prefix"),
        "issuer": pgettext("bulletin", "Issuing office"),
        "recipients": pgettext("bulletin", "Addressees"),
        "closing": pgettext("bulletin", "Next steps"),
        "total": pgettext("bulletin", "All key projects"),
        "tiers": pgettext("bulletin", "By tier"),
        "province": pgettext("bulletin", "Provincial"),
        "city": pgettext("bulletin", "City"),
        "county": pgettext("bulletin", "County"),
        "kinds": pgettext("bulletin", "By kind"),
        "tiers_by_kind": pgettext("bulletin", "By tier and kind"),
        "construction": pgettext("bulletin", "Construction (new and continuing)"),
        "preliminary": pgettext("bulletin", "Preliminary"),
        "natures": pgettext("bulletin", "By nature"),
        "new": pgettext("bulletin", "New"),
        "continuing": pgettext("bulletin", "Continuing"),
        "count": pgettext("bulletin", "Projects"),
        "total_investment": pgettext("bulletin", "Total investment (10k yuan)"),
        "annual_plan": pgettext("bulletin", "Annual plan (10k yuan)"),
        "completed": pgettext("bulletin", "Completed (10k yuan)"),
        "completion_rate": pgettext("bulletin", "Completion rate (%)"),
        "vs_time_progress": pgettext("bulletin", "Vs time progress (points)"),
        "month_completed": pgettext("bulletin", "Completed this month (10k yuan)"),
        "month_share_of_plan": pgettext("bulletin", "This month's share of the annual plan (%)"),
        "reporting": pgettext("bulletin", "Reporting"),
        "reported": pgettext("bulletin", "Reported this month"),
        "listed": pgettext("bulletin", "Listed"),
        "not_reported": pgettext("bulletin", "Not reported this month"),
        "target": pgettext("bulletin", "FAI target"),
        "fai_target": pgettext("bulletin", "FAI target (10k yuan)"),
        "key_projects_share": pgettext("bulletin", "Share of the FAI target (%)"),
        "starts": pgettext("bulletin", "Starts"),
        "planned_this_year": pgettext("bulletin", "Planned this year"),
        "planned_by_month": pgettext("bulletin", "Due by the end of the month"),
        "started": pgettext("bulletin", "Started"),
        "started_early": pgettext("bulletin", "Started early"),
        "start_rate": pgettext("bulletin", "Start rate (%)"),
        "not_started_on_schedule": pgettext("bulletin", "Not started on schedule"),
        "resumed": pgettext("bulletin", "Resumed"),
        "not_resumed": pgettext("bulletin", "Not resumed"),
        "terminated": pgettext("bulletin", "Terminated"),
        "completions": pgettext("bulletin", "Completions"),
        "completed_early": pgettext("bulletin", "Completed early"),
        "completed_late": pgettext("bulletin", "Completed late"),
        "not_completed_on_schedule": pgettext("bulletin", "Not completed on schedule"),
        "ahead_of_later_plan": pgettext("bulletin", "Completed ahead of a later year's plan"),
        "townships": pgettext("bulletin", "Townships"),
        "units": pgettext("bulletin", "Responsible units"),
        "rank": pgettext("bulletin", "Rank"),
        "horse_race": pgettext("bulletin", "Horse race"),
        "first": pgettext("bulletin", "First"),
        "last": pgettext("bulletin", "Last"),
        "behind": pgettext("bulletin", "Behind time progress"),
        "projects": pgettext("bulletin", "projects in the list"),
        "counts": pgettext("bulletin", "Counts"),
        "red": pgettext("bulletin", "Red"),
        "yellow": pgettext("bulletin", "Yellow"),
        "green": pgettext("bulletin", "Green"),
        "colour": pgettext("bulletin", "Warning"),
        "behind_points": pgettext("bulletin", "Behind time progress (points)"),
        "tier": pgettext("bulletin", "Tier"),
        "nature": pgettext("bulletin", "Nature"),
        "township": pgettext("bulletin", "Township"),
        "responsible_unit": pgettext("bulletin", "Responsible unit"),
        "taskforces": pgettext("bulletin", "Task forces"),
        "campaigns": pgettext("bulletin", "Campaigns"),
    }


def path_label(path: str) -> str:
    """ "tiers.city.completed" → "按层级 · 市级 · 完成投资（万元）"."""
    with translation.override(settings.LANGUAGE_CODE):
        labels = _segment_labels()
        parts = []
        for raw in re.findall(r"\[[^\]]*\]|[^.\[]+", path):
            if raw.startswith("[") and raw.endswith("]"):
                parts.append(raw[1:-1])
            else:
                parts.append(labels.get(raw, raw))
        return " · ".join(parts)
