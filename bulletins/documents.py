"""The bulletin's tables and document details, built from a figures dict alone.

The HTML page, the .docx and the .xlsx all take their tables from `bulletin_tables()`, so the three
show the same numbers: documents show amounts in 亿元 and rates with the county's chosen decimals
(`Cell.shown`), the spreadsheet keeps the exact 万元 amounts and two-decimal rates (`Cell.value`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.money import yi_text as yi
from projects.models import Tier

from .figures import join_names

DASH = "—"


@dataclass
class Cell:
    kind: str  # text | int | money | rate | points
    value: object  # the JSON value: 万元 string, two-decimal rate string, int, text, or None
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
    widths_mm: list[int] = field(default_factory=list)  # column widths in the documents (sum 156 mm)
    rows: list[list[Cell]] = field(default_factory=list)
    money_unit_note: bool = True  # "单位：亿元" above the table in documents
    in_document: bool = True  # False: spreadsheet only
    highlight: list[str] = field(default_factory=list)  # per row: "" | "red" | "yellow" | "green" | "total"

    @property
    def rows_with_marks(self) -> list[dict]:
        return [{"cells": row, "mark": mark} for row, mark in zip(self.rows, self.highlight, strict=True)]


@dataclass
class DocumentMeta:
    """The parts of the official document that are not figures."""

    title: str
    doc_number: str
    issuer: str
    recipients: str
    issued_on: date
    version: int | None = None  # None: an unpublished draft
    note: str = ""

    @property
    def draft(self) -> bool:
        return self.version is None

    @property
    def date_label(self) -> str:
        return date_label(self.issued_on)


def date_label(day: date) -> str:
    """2024年4月3日: Arabic numerals without leading zeros (GB/T 9704-2012)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(year)s-%(month)s-%(day)s") % {"year": day.year, "month": day.month, "day": day.day}


def doc_number(prefix: str, year: int, sequence: int | None) -> str:
    """阳项指办〔2024〕10号. Without a sequence (draft) the number is left blank for the office to fill."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(prefix)s [%(year)s] No. %(number)s") % {
            "prefix": prefix,
            "year": year,
            "number": sequence if sequence is not None else "  ",
        }


def draft_meta(figures: dict, *, sequence: int | None, issued_on: date) -> DocumentMeta:
    options = figures["options"]
    return DocumentMeta(
        title=figures["text"]["title"],
        doc_number=doc_number(options["doc_number_prefix"], figures["year"], sequence),
        issuer=options["issuer"],
        recipients=options["recipients"],
        issued_on=issued_on,
    )


def version_meta(version) -> DocumentMeta:
    figures = version.figures
    return DocumentMeta(
        title=figures["text"]["title"],
        doc_number=version.doc_number,
        issuer=figures["options"]["issuer"],
        recipients=figures["options"]["recipients"],
        issued_on=version.issued_on,
        version=version.number,
        note=version.note,
    )


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


def _progress_cells(block: dict) -> list[Cell]:
    return [
        _int(block["count"]),
        _money(block["total_investment"]),
        _money(block["annual_plan"]),
        _money(block["completed"]),
        _rate(block["completion_rate"], block["shown"]["completion_rate"]),
        _signed(block["vs_time_progress"], block["shown"]["vs_time_progress"]),
    ]


# --- tables ------------------------------------------------------------------------------------


def bulletin_tables(figures: dict) -> dict[str, Table]:
    """Every table of the bulletin, by key, in the order the spreadsheet lists them."""
    with translation.override(settings.LANGUAGE_CODE):
        return _tables(figures)


def _tables(f: dict) -> dict[str, Table]:
    period = f["text"]["period"]
    completed_header = pgettext("bulletin", "Completed %(period)s") % {"period": period}
    progress_headers = [
        pgettext("bulletin", "Projects"),
        pgettext("bulletin", "Total investment"),
        pgettext("bulletin", "Annual plan"),
        completed_header,
        pgettext("bulletin", "Completion rate (%)"),
        pgettext("bulletin", "Vs time progress (points)"),
    ]
    tables: dict[str, Table] = {}

    overall = Table(
        key="overall",
        caption=_("Table %(n)s: Investment of key projects by tier and kind") % {"n": 1},
        sheet=pgettext("bulletin", "By tier"),
        headers=[pgettext("bulletin", "Category")] + progress_headers,
        widths_mm=[30, 17, 21, 21, 21, 21, 25],
    )
    tier_names = {t.value: str(t.label) for t in Tier}
    overall.rows.append([_text(pgettext("bulletin", "All key projects"))] + _progress_cells(f["total"]))
    overall.highlight.append("total")
    for tier in ("province", "city", "county"):
        overall.rows.append(
            [_text(pgettext("bulletin", "%(tier)s key projects") % {"tier": tier_names[tier]})]
            + _progress_cells(f["tiers"][tier])
        )
        overall.highlight.append("")
    overall.rows.append(
        [_text(pgettext("bulletin", "Construction (new and continuing)"))]
        + _progress_cells(f["kinds"]["construction"])
    )
    overall.highlight.append("")
    overall.rows.append([_text(pgettext("bulletin", "Preliminary"))] + _progress_cells(f["kinds"]["preliminary"]))
    overall.highlight.append("")
    tables["overall"] = overall

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
            headers=[pgettext("bulletin", "Rank"), unit_header] + progress_headers[:1] + progress_headers[2:],
            widths_mm=[12, 36, 14, 22, 22, 24, 26],
        )
        for row in f[key]:
            cells = _progress_cells(row)
            table.rows.append([_int(row["rank"]), _text(row["name"]), cells[0]] + cells[2:])
            table.highlight.append("")
        tables[key] = table

    colour_names = {
        "red": pgettext("bulletin", "Red"),
        "yellow": pgettext("bulletin", "Yellow"),
        "green": pgettext("bulletin", "Green"),
    }
    behind = Table(
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
    for number, p in enumerate(f["behind"]["projects"], start=1):
        behind.rows.append(
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
            ]
        )
        behind.highlight.append(p["colour"])
    tables["behind"] = behind

    s, c = f["starts"], f["completions"]
    summary = Table(
        key="starts",
        caption=_("Starts, restarts and completions"),
        sheet=pgettext("bulletin", "Starts and completions"),
        headers=[pgettext("bulletin", "Item"), pgettext("bulletin", "Count"), pgettext("bulletin", "Projects")],
        money_unit_note=False,
        in_document=False,
    )

    def names(items: list[dict]) -> Cell:
        return _text(join_names([i["name"] for i in items]))

    for label, value, listed in (
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
    ):
        summary.rows.append([_text(label), _int(value), names(listed) if listed else _text("")])
        summary.highlight.append("")
    summary.rows.append([_text(_("Start rate (%)")), _rate(s["start_rate"], s["start_rate"]), _text("")])
    summary.highlight.append("")
    tables["starts"] = summary

    if f.get("taskforces") or f.get("campaigns"):
        work = Table(
            key="taskforces",
            caption=pgettext("bulletin", "Task forces"),
            sheet=pgettext("bulletin", "Task forces"),
            headers=[pgettext("bulletin", "Task force or campaign"), pgettext("bulletin", "Progress")],
            money_unit_note=False,
            in_document=False,
        )
        for part in list(f.get("taskforces", [])) + list(f.get("campaigns", [])):
            work.rows.append([_text(part["name"]), _text("".join(part["paragraphs"]))])
            work.highlight.append("")
        tables["taskforces"] = work
    return tables


def document_context(figures: dict, meta: DocumentMeta) -> dict:
    """What the HTML templates need to lay the bulletin out: sections with their tables in place."""
    tables = bulletin_tables(figures)
    sections = []
    for section in figures["text"]["sections"]:
        in_place = [
            tables[k] for k in section.get("tables", []) if k in tables and tables[k].in_document and tables[k].rows
        ]
        sections.append({**section, "table_objects": in_place})
    return {"meta": meta, "text": figures["text"], "sections": sections, "figures": figures}
