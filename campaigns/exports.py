"""A campaign page as an .xlsx workbook (through core.xlsx): the indicators (county and per unit) and the
campaign's own tables, one sheet each.

Headers are in Chinese (through the catalogue); amounts are numbers with their unit named in the header.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from core.xlsx import Book, SheetWriter, XlsxColumn

from .engine import ScoreTable


def _num(value: Decimal | None, places: int = 2) -> Decimal | None:
    return None if value is None else round(value, places)


def _width(header: str, values: list[Any]) -> float:
    """A column as wide as its header and its first 200 values (in characters, CJK counted wide)."""
    longest = max([len(str(header))] + [len(str(v)) for v in values[:200] if v is not None])
    return min(60, max(8, longest * 1.6 + 2))


def _sheet(
    book: Book,
    title: str,
    headers: list[str],
    rows: Sequence[Sequence[Any]],
    fills: list[str | None] | None = None,
) -> SheetWriter:
    """A sheet with a header row (frozen) and `rows`; `fills` names a row's colour (green, yellow, red)."""
    columns = [
        XlsxColumn(header, _width(header, [r[n] for r in rows if n < len(r)])) for n, header in enumerate(headers)
    ]
    sheet = book.sheet(title, columns)
    sheet.header()
    for n, row in enumerate(rows):
        sheet.row(row, fill=fills[n] if fills else None)
    return sheet


def _score_rows(table: ScoreTable) -> list[list[Any]]:
    return [
        [group.label, row.rank, row.unit.name, row.score, row.met, row.grounds()]
        for group in table.groups
        for row in group.rows
    ]


def score_headers() -> list[str]:
    return [_("Group"), _("Rank"), _("Unit"), _("Score"), _("Targets met"), _("Grounds")]


def _indicator_sheet(book: Book, page: dict[str, Any]) -> None:
    rows, fills = [], []
    for block in page["blocks"]:
        for ev in block.evaluations:
            rows.append(
                [
                    ev.indicator.name,
                    ev.scope_name,
                    ev.indicator.get_period_display(),
                    ev.indicator.get_comparison_display(),
                    ev.target_text,
                    ev.due_text,
                    ev.actual_text,
                    ev.unit_label,
                    ev.gap_text,
                    ev.status_label,
                    ev.record_count,
                    ev.target_source,
                ]
            )
            fills.append(ev.status)
    _sheet(
        book,
        _("Indicators"),
        [
            _("Indicator"),
            _("Measured for"),
            _("Period"),
            _("Comparison"),
            _("Target"),
            _("Due by now"),
            _("Actual"),
            _("Unit"),
            _("Gap"),
            _("Status"),
            _("Records"),
            _("Target from"),
        ],
        rows,
        fills,
    )


def _reserve_sheets(book: Book, sections: dict[str, Any]) -> None:
    prefetch_related_objects([r["project"] for r in sections["pipeline_all"]], "approvals")
    _sheet(
        book,
        _("Project pipeline"),
        [
            _("Project name"),
            _("Township"),
            _("Industry"),
            _("Estimated investment (10k yuan)"),
            _("Stage"),
            _("Entered on"),
            _("Reserve since"),
            _("Started on"),
            _("Preliminary approvals"),
            _("Key project"),
        ],
        [
            [
                r["project"].name,
                r["project"].township.name,
                r["project"].industry,
                _num(r["project"].estimated_investment),
                str(r["stage_label"]),
                r["project"].entered_on,
                r["project"].reserve_on,
                r["project"].started_on,
                "、".join(a.name for a in r["project"].approvals.all()),
                r["project"].project.name if r["project"].project else "",
            ]
            for r in sections["pipeline_all"]
        ],
    )


def _scheduling_sheets(book: Book, sections: dict[str, Any]) -> None:
    _sheet(
        book,
        _("Problems by level"),
        [
            _("Level"),
            _("Open"),
            _("Overdue"),
            _("Escalated this month"),
            _("Resolved this month"),
            _("Average days to resolve"),
        ],
        [[f.label, f.open, f.overdue, f.escalated, f.resolved, _num(f.average_days, 1)] for f in sections["levels"]],
    )
    if sections.get("occurrences"):
        _sheet(
            book,
            _("Scheduling meetings"),
            [_("Name"), _("Due"), _("Held on"), _("On time"), _("Minutes"), _("Decisions")],
            [
                [
                    o["occurrence"].title,
                    o["occurrence"].due_date,
                    o["occurrence"].held_on,
                    _("yes") if o["on_time"] else _("no"),
                    o["occurrence"].minutes,
                    o["occurrence"].decisions,
                ]
                for o in sections["occurrences"]
            ],
        )


def _attraction_sheets(book: Book, sections: dict[str, Any]) -> None:
    _sheet(
        book,
        _("Signed leads"),
        [
            _("Project"),
            _("Investor"),
            _("Source region"),
            _("Key field"),
            _("Attraction mode"),
            _("Intended investment (10k yuan)"),
            _("Signed on"),
            _("Landed on"),
            _("Full-agency handler"),
            _("Host township"),
        ],
        [
            [
                lead.name,
                lead.investor,
                lead.get_source_region_display(),
                str(lead.industry or ""),
                str(lead.attraction_mode or ""),
                _num(lead.intended_investment),
                lead.signed_on,
                lead.landed_on,
                lead.agency_handler,
                lead.host_township.name if lead.host_township else "",
            ]
            for lead in sections["leads"]
        ],
    )
    _sheet(
        book,
        _("By key field"),
        [
            _("Key field"),
            _("Signed"),
            _("Signed amount (10k yuan)"),
            _("Landed"),
            _("Landed amount (10k yuan)"),
        ],
        [[k, v[0], _num(v[1]), v[2], _num(v[3])] for k, v in sections["by_field"]],
    )
    _sheet(
        book,
        _("By source region"),
        [
            _("Source region"),
            _("Signed"),
            _("Signed amount (10k yuan)"),
            _("Landed"),
            _("Landed amount (10k yuan)"),
        ],
        [[k, v[0], _num(v[1]), v[2], _num(v[3])] for k, v in sections["by_region"]],
    )
    _sheet(book, _("Quarterly evaluation"), score_headers(), _score_rows(sections["quarterly"]))
    _sheet(book, _("Annual assessment"), score_headers(), _score_rows(sections["annual"]))


def _service_sheets(book: Book, sections: dict[str, Any]) -> None:
    """The service campaign's green lane and land priority, then its money (`_money_sheets`)."""
    _sheet(
        book,
        _("Green lane"),
        [
            _("Project"),
            _("Approved"),
            _("Average days"),
            _("Longest (days)"),
            _("Pending"),
            _("Longest wait (days)"),
        ],
        [
            [
                g["project"].name,
                len(g["approved"]),
                _num(g["average"], 1),
                g["longest"],
                len(g["pending"]),
                g["longest_wait"],
            ]
            for g in sections["green_lane"]
        ],
    )
    _sheet(
        book,
        _("Land priority"),
        [_("Order"), _("Priority"), _("Project"), _("Township"), _("Area (mu)"), _("Stage")],
        [
            [
                r["position"],
                str(r["priority_label"]),
                r["demand"].project.name,
                r["demand"].project.township.name if r["demand"].project.township else "",
                _num(r["demand"].area_mu),
                r["demand"].get_stage_display(),
            ]
            for r in sections["land"]
        ],
    )
    _money_sheets(book, sections)


def _money_sheets(book: Book, sections: dict[str, Any]) -> None:
    """The service campaign's funding applications and bank meetings."""
    _sheet(
        book,
        _("Funding applications"),
        [
            _("Project"),
            _("Fund type"),
            _("Batch"),
            _("Applied (10k yuan)"),
            _("Approved (10k yuan)"),
            _("Received (10k yuan)"),
            _("Status"),
        ],
        [
            [
                a.project.name,
                a.get_fund_type_display(),
                a.batch,
                _num(a.amount_applied),
                _num(a.amount_approved),
                _num(a.amount_received),
                a.get_status_display(),
            ]
            for a in sections["funding"]
        ],
    )
    if sections.get("bank_meetings") is not None:
        _sheet(
            book,
            _("Bank meetings"),
            [
                _("Date"),
                _("Place"),
                _("Banks"),
                _("Enterprises"),
                _("Financing asked (10k yuan)"),
                _("Financing agreed (10k yuan)"),
            ],
            [
                [
                    m.held_on,
                    m.place,
                    "、".join(m.bank_list),
                    "、".join(m.enterprise_list),
                    _num(m.financing_requested),
                    _num(m.financing_agreed),
                ]
                for m in sections["bank_meetings"]
            ],
        )


def _five_batches_sheets(book: Book, sections: dict[str, Any]) -> None:
    stages = [_("Signed"), _("Landed"), _("Started"), _("In production"), _("Reaching effect")]
    _sheet(
        book,
        _("Industrial projects"),
        [
            _("Project"),
            _("Township"),
            _("Industry"),
            _("Agreed investment (10k yuan)"),
            *[_("%(stage)s on") % {"stage": s} for s in stages],
        ],
        [
            [
                p.name,
                p.township.name,
                p.industry,
                _num(p.investment),
                p.signed_on,
                p.landed_on,
                p.started_on,
                p.production_on,
                p.effect_on,
            ]
            for p in sections["projects"]
        ],
    )
    bulletin = sections["bulletin"]
    _sheet(
        book,
        _("Monthly bulletin"),
        [
            _("Township"),
            *[_("%(stage)s this month") % {"stage": s} for s in stages],
            *[_("%(stage)s Jan..M") % {"stage": s} for s in stages],
        ],
        [[r["unit"].name, *r["month"], *r["ytd"]] for r in bulletin["rows"]]
        + [[_("Total"), *bulletin["totals"]["month"], *bulletin["totals"]["ytd"]]],
    )
    _sheet(book, _("Monthly assessment"), score_headers(), _score_rows(sections["monthly"]))
    _sheet(book, _("Annual settlement"), score_headers(), _score_rows(sections["settlement"]))
    if sections.get("ceremonies") is not None:
        _sheet(
            book,
            _("Ceremonies"),
            [_("Date"), _("Quarter"), _("Kind"), _("Place"), _("Project")],
            [
                [c.held_on, c.quarter, c.get_kind_display(), c.place, "、".join(p.name for p in c.projects.all())]
                for c in sections["ceremonies"]
            ],
        )
    _sheet(
        book,
        _("Rewards and penalties"),
        [_("Unit"), _("Kind"), _("Grounds"), _("Date")],
        [[d.unit.name, d.get_kind_display(), d.grounds, d.decided_on] for d in sections["decisions"]],
    )


def _assessment_sheets(book: Book, sections: dict[str, Any]) -> None:
    _sheet(book, _("Monthly ranking"), score_headers(), _score_rows(sections["monthly"]))
    _sheet(book, _("Annual ranking"), score_headers(), _score_rows(sections["annual"]))
    _sheet(
        book,
        _("Inspections"),
        [
            _("Month"),
            _("Unit inspected"),
            _("Inspected on"),
            _("Checked"),
            _("Findings"),
            _("Follow-up"),
            _("Follow-up done"),
        ],
        [
            [
                f"{i.year}-{i.month:02d}",
                i.unit.name,
                i.inspected_on,
                "、".join(i.checked_list),
                i.findings,
                i.follow_up,
                _("yes") if i.follow_up_done else _("no"),
            ]
            for i in sections["inspections"]
        ],
    )
    _sheet(
        book,
        _("Rewards and penalties"),
        [_("Unit"), _("Campaign"), _("Month"), _("Kind"), _("Grounds"), _("Date")],
        [
            [
                d.unit.name,
                d.campaign.name,
                d.month or _("Whole year"),
                d.get_kind_display(),
                d.grounds,
                d.decided_on,
            ]
            for d in sections["decisions"]
        ],
    )


# A campaign's own sheets, by the campaign's slug.
SECTION_SHEETS: dict[str, Callable[[Book, dict[str, Any]], None]] = {
    "reserve": _reserve_sheets,
    "scheduling": _scheduling_sheets,
    "attraction": _attraction_sheets,
    "service": _service_sheets,
    "five-batches": _five_batches_sheets,
    "assessment": _assessment_sheets,
}


def campaign_workbook(page: dict[str, Any]) -> bytes:
    """The workbook of a campaign page (`selectors.campaign_page`): indicators, the campaign's tables, the method."""
    book = Book()
    campaign = page["campaign"]
    _indicator_sheet(book, page)
    section_sheets = SECTION_SHEETS.get(campaign.slug)
    if section_sheets is not None:
        section_sheets(book, page["sections"])
    info = book.sheet(_("How computed"), [XlsxColumn("", 120, "wrap")])
    info.row(
        [
            _("%(campaign)s, %(year)s-%(month)02d")
            % {"campaign": campaign.name, "year": page["year"], "month": page["month"]}
        ]
    )
    info.row([page["method_text"]])
    info.ws.column_dimensions["A"].width = 120
    return book.to_bytes()
