"""A campaign page as an .xlsx workbook: the indicators (county and per unit) and the campaign's own tables.

Headers are in Chinese (through the catalogue); amounts are numbers with their unit named in the header.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .engine import ScoreTable

FILLS = {
    "green": PatternFill("solid", fgColor="D1E7DD"),
    "yellow": PatternFill("solid", fgColor="FFF3CD"),
    "red": PatternFill("solid", fgColor="F8D7DA"),
}


def _num(value: Decimal | None, places: int = 2) -> float | None:
    return None if value is None else float(round(value, places))


def _sheet(wb: Workbook, title: str, headers: list[str], rows: list[list[Any]], fills: list[str | None] | None = None):
    ws = wb.create_sheet(title[:31])
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for n, row in enumerate(rows):
        ws.append(row)
        if fills and fills[n] in FILLS:
            for cell in ws[ws.max_row]:
                cell.fill = FILLS[fills[n]]
    for col in range(1, len(headers) + 1):
        width = max(
            [len(str(headers[col - 1]))]
            + [len(str(r[col - 1])) for r in rows[:200] if col - 1 < len(r) and r[col - 1] is not None]
        )
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, width * 1.6 + 2))
    ws.freeze_panes = "A2"
    return ws


def _score_rows(table: ScoreTable) -> list[list[Any]]:
    return [
        [group.label, row.rank, row.unit.name, float(row.score), row.met, row.grounds()]
        for group in table.groups
        for row in group.rows
    ]


def score_headers() -> list[str]:
    return [_("Group"), _("Rank"), _("Unit"), _("Score"), _("Targets met"), _("Grounds")]


def campaign_workbook(page: dict[str, Any]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    campaign = page["campaign"]
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
                    len(ev.records),
                    ev.target_source,
                ]
            )
            fills.append(ev.status)
    _sheet(
        wb,
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
    sections = page["sections"]
    slug = campaign.slug
    if slug == "reserve":
        prefetch_related_objects([r["project"] for r in sections["pipeline_all"]], "approvals")
        _sheet(
            wb,
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
    elif slug == "scheduling":
        if sections.get("levels"):
            _sheet(
                wb,
                _("Problems by level"),
                [
                    _("Level"),
                    _("Open"),
                    _("Overdue"),
                    _("Escalated this month"),
                    _("Resolved this month"),
                    _("Average days to resolve"),
                ],
                [
                    [f.label, f.open, f.overdue, f.escalated, f.resolved, _num(f.average_days, 1)]
                    for f in sections["levels"]
                ],
            )
        if sections.get("occurrences"):
            _sheet(
                wb,
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
    elif slug == "attraction":
        if sections.get("available"):
            _sheet(
                wb,
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
                wb,
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
                wb,
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
        _sheet(wb, _("Quarterly evaluation"), score_headers(), _score_rows(sections["quarterly"]))
        _sheet(wb, _("Annual assessment"), score_headers(), _score_rows(sections["annual"]))
    elif slug == "service":
        if sections.get("green_lane") is not None:
            _sheet(
                wb,
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
        if sections.get("land") is not None:
            _sheet(
                wb,
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
        if sections.get("funding") is not None:
            _sheet(
                wb,
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
                wb,
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
    elif slug == "five-batches":
        stages = [_("Signed"), _("Landed"), _("Started"), _("In production"), _("Reaching effect")]
        _sheet(
            wb,
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
            wb,
            _("Monthly bulletin"),
            [
                _("Township"),
                *[_("%(stage)s this month") % {"stage": s} for s in stages],
                *[_("%(stage)s Jan..M") % {"stage": s} for s in stages],
            ],
            [[r["unit"].name, *r["month"], *r["ytd"]] for r in bulletin["rows"]]
            + [[_("Total"), *bulletin["totals"]["month"], *bulletin["totals"]["ytd"]]],
        )
        _sheet(wb, _("Monthly assessment"), score_headers(), _score_rows(sections["monthly"]))
        _sheet(wb, _("Annual settlement"), score_headers(), _score_rows(sections["settlement"]))
        if sections.get("ceremonies") is not None:
            _sheet(
                wb,
                _("Ceremonies"),
                [_("Date"), _("Quarter"), _("Kind"), _("Place"), _("Project")],
                [
                    [c.held_on, c.quarter, c.get_kind_display(), c.place, "、".join(p.name for p in c.projects.all())]
                    for c in sections["ceremonies"]
                ],
            )
        _sheet(
            wb,
            _("Rewards and penalties"),
            [_("Unit"), _("Kind"), _("Grounds"), _("Date")],
            [[d.unit.name, d.get_kind_display(), d.grounds, d.decided_on] for d in sections["decisions"]],
        )
    elif slug == "assessment":
        _sheet(wb, _("Monthly ranking"), score_headers(), _score_rows(sections["monthly"]))
        _sheet(wb, _("Annual ranking"), score_headers(), _score_rows(sections["annual"]))
        _sheet(
            wb,
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
            wb,
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
    info = wb.create_sheet(_("How computed"))
    info.append(
        [
            _("%(campaign)s, %(year)s-%(month)02d")
            % {"campaign": campaign.name, "year": page["year"], "month": page["month"]}
        ]
    )
    info.append([page["method_text"]])
    info.column_dimensions["A"].width = 120
    info["A2"].alignment = Alignment(wrap_text=True)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
