"""The bulletin's tables, built from a figures dict alone.

The HTML page, the .docx and the .xlsx all take their tables from `bulletin_tables()`, so the three
show the same numbers: documents show amounts in 亿元 and rates with the county's chosen decimals
(`Cell.shown`), the spreadsheet keeps the exact 万元 amounts and two-decimal rates (`Cell.value`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.money import yi_text as yi
from projects.models import Tier

from .schema import BulletinFigures, NamedItem, ProgressBlock
from .text import TIER_KEYS, join_names

DASH = "—"
CellKind = Literal["text", "int", "money", "rate", "points"]
Mark = Literal["", "red", "yellow", "green", "total"]


@dataclass
class Cell:
    kind: CellKind
    value: str | int | None  # the JSON value: 万元 string, two-decimal rate string, int, text, or None
    shown: str  # as printed in the documents

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "money", "rate", "points")


@dataclass
class Table:
    key: str
    caption: str
    headers: list[str]
    sheet: str = ""  # the spreadsheet tab's name
    widths_mm: list[float] = field(default_factory=list)  # column widths in the documents (sum 156 mm)
    rows: list[list[Cell]] = field(default_factory=list)
    money_unit_note: bool = True  # "单位：亿元" above the table in documents
    in_document: bool = True  # False: spreadsheet only
    highlight: list[Mark] = field(default_factory=list)  # per row

    def add(self, cells: list[Cell], mark: Mark = "") -> None:
        self.rows.append(cells)
        self.highlight.append(mark)

    @property
    def rows_with_marks(self) -> list[dict[str, object]]:
        return [{"cells": row, "mark": mark} for row, mark in zip(self.rows, self.highlight, strict=True)]


# --- cells -------------------------------------------------------------------------------------


def _text(value: str) -> Cell:
    return Cell("text", value, value or "")


def _int(value: int) -> Cell:
    return Cell("int", value, str(value))


def _money(value: str | None) -> Cell:
    return Cell("money", value, yi(value) if value is not None else DASH)


def _rate(value: str | None, shown: str | None) -> Cell:
    return Cell("rate", value, shown if shown is not None else DASH)


def _signed(value: str | None, shown: str | None) -> Cell:
    """Points ahead (+) or behind (−) time progress."""
    if shown is None:
        return Cell("points", value, DASH)
    text = shown if shown.startswith("-") or Decimal(shown) == 0 else f"+{shown}"
    return Cell("points", value, text)


def _names(items: list[NamedItem]) -> Cell:
    return _text(join_names([i["name"] for i in items]))


def _progress_cells(block: ProgressBlock) -> list[Cell]:
    return [
        _int(block["count"]),
        _money(block["total_investment"]),
        _money(block["annual_plan"]),
        _money(block["completed"]),
        _rate(block["completion_rate"], block["shown"]["completion_rate"]),
        _signed(block["vs_time_progress"], block["shown"]["vs_time_progress"]),
    ]


# --- tables ------------------------------------------------------------------------------------


def bulletin_tables(figures: BulletinFigures) -> dict[str, Table]:
    """Every table of the bulletin, by key, in the order the spreadsheet lists them."""
    with translation.override(settings.LANGUAGE_CODE):
        completed_header = pgettext("bulletin", "Completed %(period)s") % {"period": figures["text"]["period"]}
        tables = {
            "overall": _overall(figures, completed_header),
            **_rankings(figures, completed_header),
            "behind": _behind(figures, completed_header),
            "starts": _starts(figures),
        }
        if figures.get("taskforces") or figures.get("campaigns"):
            tables["taskforces"] = _work(figures)
        return tables


def _progress_headers(completed_header: str) -> list[str]:
    return [
        pgettext("bulletin", "Projects"),
        pgettext("bulletin", "Total investment"),
        pgettext("bulletin", "Annual plan"),
        completed_header,
        pgettext("bulletin", "Completion rate (%)"),
        pgettext("bulletin", "Vs time progress (points)"),
    ]


def _tier_names() -> dict[str, str]:
    return {t.value: str(t.label) for t in Tier}


def _overall(f: BulletinFigures, completed_header: str) -> Table:
    """Table 1: the whole list, each tier, construction and preliminary projects."""
    table = Table(
        key="overall",
        caption=_("Table %(n)s: Investment of key projects by tier and kind") % {"n": 1},
        sheet=pgettext("bulletin", "By tier"),
        headers=[pgettext("bulletin", "Category"), *_progress_headers(completed_header)],
        widths_mm=[30, 17, 21, 21, 21, 21, 25],
    )
    tier_names = _tier_names()
    table.add([_text(pgettext("bulletin", "All key projects")), *_progress_cells(f["total"])], "total")
    for tier in TIER_KEYS:
        label = pgettext("bulletin", "%(tier)s key projects") % {"tier": tier_names[tier]}
        table.add([_text(label), *_progress_cells(f["tiers"][tier])])
    table.add(
        [
            _text(pgettext("bulletin", "Construction (new and continuing)")),
            *_progress_cells(f["kinds"]["construction"]),
        ]
    )
    table.add([_text(pgettext("bulletin", "Preliminary")), *_progress_cells(f["kinds"]["preliminary"])])
    return table


def _rankings(f: BulletinFigures, completed_header: str) -> dict[str, Table]:
    """Tables 2 and 3: the horse race of townships and of responsible units."""
    progress_headers = _progress_headers(completed_header)
    tables = {}
    for number, (key, unit_header, caption) in enumerate(
        (
            ("townships", pgettext("bulletin", "Township"), _("Table %(n)s: Horse race of townships")),
            ("units", pgettext("bulletin", "Responsible unit"), _("Table %(n)s: Horse race of responsible units")),
        ),
        start=2,
    ):
        table = Table(
            key=key,
            caption=caption % {"n": number},
            sheet=unit_header,
            headers=[pgettext("bulletin", "Rank"), unit_header, progress_headers[0], *progress_headers[2:]],
            widths_mm=[12, 36, 14, 22, 22, 24, 26],
        )
        for row in f["townships"] if key == "townships" else f["units"]:
            cells = _progress_cells(row)
            table.add([_int(row["rank"]), _text(row["name"]), cells[0], *cells[2:]])
        tables[key] = table
    return tables


def _behind(f: BulletinFigures, completed_header: str) -> Table:
    """Table 4: the projects behind time progress, with their warning colour."""
    colour_names = {
        "red": pgettext("bulletin", "Red"),
        "yellow": pgettext("bulletin", "Yellow"),
        "green": pgettext("bulletin", "Green"),
    }
    marks: dict[str, Mark] = {"red": "red", "yellow": "yellow", "green": "green"}
    table = Table(
        key="behind",
        caption=_("Table %(n)s: Projects behind time progress") % {"n": 4},
        sheet=pgettext("bulletin", "Behind time progress"),
        widths_mm=[9, 38, 11, 17, 16, 16, 17, 18, 14],
        headers=[
            pgettext("bulletin", "No."),
            pgettext("bulletin", "Project"),
            pgettext("bulletin", "Tier"),
            pgettext("bulletin", "Township"),
            pgettext("bulletin", "Annual plan"),
            completed_header,
            pgettext("bulletin", "Completion rate (%)"),
            pgettext("bulletin", "Behind time progress (points)"),
            pgettext("bulletin", "Warning"),
        ],
    )
    tier_names = _tier_names()
    for number, p in enumerate(f["behind"]["projects"], start=1):
        table.add(
            [
                _int(number),
                _text(p["name"]),
                _text(tier_names.get(p["tier"], p["tier"])),
                _text(p["township"]),
                _money(p["annual_plan"]),
                _money(p["completed"]),
                _rate(p["completion_rate"], p["shown"]["completion_rate"]),
                _rate(p["behind_points"], p["shown"]["behind_points"]),
                _text(colour_names[p["colour"]]),
            ],
            marks[p["colour"]],
        )
    return table


def _starts(f: BulletinFigures) -> Table:
    """Starts, restarts and completions, counted and named (spreadsheet only)."""
    s, c = f["starts"], f["completions"]
    table = Table(
        key="starts",
        caption=_("Starts, restarts and completions"),
        sheet=pgettext("bulletin", "Starts and completions"),
        headers=[pgettext("bulletin", "Item"), pgettext("bulletin", "Count"), pgettext("bulletin", "Projects")],
        money_unit_note=False,
        in_document=False,
    )
    rows: list[tuple[str, int, list[NamedItem] | None]] = [
        (_("Planned to start this year"), s["planned_this_year"], None),
        (_("Due to start by the end of the month"), s["planned_by_month"], None),
        (_("Started"), s["started"], None),
        (_("Started early"), s["started_early"], None),
        (_("Not started on schedule"), len(s["not_started_on_schedule"]), s["not_started_on_schedule"]),
        (_("Continuing projects"), s["continuing"], None),
        (_("Resumed"), s["resumed"], None),
        (_("Not resumed"), len(s["not_resumed"]), s["not_resumed"]),
        (_("Terminated"), s["terminated"], None),
        (_("Planned to be completed this year"), c["planned_this_year"], None),
        (_("Due to be completed by the end of the month"), c["planned_by_month"], None),
        (_("Completed"), c["completed"], None),
        (_("Completed early"), c["completed_early"], None),
        (_("Completed late"), c["completed_late"], None),
        (_("Not completed on schedule"), len(c["not_completed_on_schedule"]), c["not_completed_on_schedule"]),
    ]
    for label, value, listed in rows:
        table.add([_text(label), _int(value), _names(listed) if listed else _text("")])
    table.add([_text(_("Start rate (%)")), _rate(s["start_rate"], s["start_rate"]), _text("")])
    return table


def _work(f: BulletinFigures) -> Table:
    """The task forces' and campaigns' paragraphs, one row each (spreadsheet only)."""
    table = Table(
        key="taskforces",
        caption=pgettext("bulletin", "Task forces"),
        sheet=pgettext("bulletin", "Task forces"),
        headers=[pgettext("bulletin", "Task force or campaign"), pgettext("bulletin", "Progress")],
        money_unit_note=False,
        in_document=False,
    )
    for part in [*f.get("taskforces", []), *f.get("campaigns", [])]:
        table.add([_text(part["name"]), _text("".join(part["paragraphs"]))])
    return table
