#!/usr/bin/env python3
"""Write fixtures/2024重点工程项目表.xlsx: the 126 demo projects as the county office would circulate them.

    DEBUG=true .venv/bin/python scripts/make_sample_list.py [--out PATH]

Not the system's own export: the shape an official actually receives, to try the importer on —
a merged title, 单位：亿元, a two-row header with 投资（亿元） merged over 总投资 | 2024年计划投资,
建设起止年限 as "2024-2025", full-width brackets, 合计 on top, tier sections that carry their own
subtotals, blank rows between sections and a note at the end. Amounts are stored exactly (the cells
show two decimals of 亿元, the value behind them is to the 万元 cent), so importing the file into the
demo register changes nothing, and into an empty one creates the 126 projects.

The demo data is built inside a transaction that is rolled back: the script leaves the database as
it found it, and works on an empty one.
"""

from __future__ import annotations

import argparse
import os
import sys
from decimal import Decimal
from pathlib import Path

import django
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangcheng_projects.settings")
django.setup()

from django.db import transaction  # noqa: E402  # the app's modules load after django.setup()

from demo import register as demo  # noqa: E402  # the app's modules load after django.setup()
from projects.excel.exports import CN_NUMBERS, NATURE_WORDS, TIER_TITLES  # noqa: E402  # after django.setup()
from projects.models import Nature, ProjectYear, Tier  # noqa: E402  # the app's modules load after django.setup()

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


class RollbackError(Exception):
    """Raised to leave the transaction the demo data was built in, so the database is left as it was."""


def build(out: Path) -> None:
    wb = Workbook()
    ws = wb.active
    if not isinstance(ws, Worksheet):  # a new Workbook always starts with one worksheet
        raise TypeError("the workbook has no first worksheet")
    listings: list[ProjectYear] = []
    try:
        with transaction.atomic():
            demo.load()
            listings = list(
                ProjectYear.objects.filter(year=demo.DEMO_YEAR)
                .select_related("project__township", "project__responsible_unit")
                .order_by("tier", "seq")
            )
            _header(ws)
            _fill(ws, listings)
            raise RollbackError  # noqa: TRY301  # the rollback is the point: the demo data go away
    except RollbackError:
        pass
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    print(f"wrote {out} ({len(listings)} projects)")


def _yi(wan: Decimal) -> float:
    # 万元 → 亿元, exact to the cent of a 万元: at most six decimals, which a float holds exactly
    # enough that its shortest repr gives the same digits back.
    return float(wan / Decimal(10000))


def _header(ws: Worksheet) -> None:
    """The merged title, 单位：亿元, and the two-row header with 投资（亿元） over 总投资 | 2024年计划投资."""
    ws.title = "2024年重点工程"
    ws.merge_cells("A1:M1")
    ws["A1"] = "阳城县2024年重点工程项目表"
    ws["A1"].font = Font(name="方正小标宋简体", size=18)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells("K2:M2")
    ws["K2"] = "单位：亿元"
    ws["K2"].alignment = Alignment(horizontal="right")
    top = [
        "序号",
        "项目名称",
        "项目编码",
        "建设性质",
        "项目单位",
        "建设内容及规模",
        "投资（亿元）",
        None,
        "建设起止年限",
        "所在乡（镇）",
        "责任单位",
        "包联县领导",
        "备注",
    ]
    for col, text in enumerate(top, start=1):
        ws.cell(row=3, column=col, value=text)
    for col in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13):
        ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
    ws.merge_cells("G3:H3")
    ws["G4"], ws["H4"] = "总投资", "2024年计划投资"
    for row in ws.iter_rows(min_row=3, max_row=4, max_col=13):
        for cell in row:
            cell.font = Font(name="黑体", size=11)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = BORDER
    widths = [6, 32, 18, 8, 26, 34, 11, 11, 12, 14, 18, 14, 10]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _fill(ws: Worksheet, listings: list[ProjectYear]) -> None:
    """合计 on top, then each tier's section with its subtotal and its projects, a blank row between."""
    by_tier = {tier.value: [py for py in listings if py.tier == tier.value] for tier in Tier}
    total = sum((py.project.total_investment for py in listings), Decimal(0))
    plan = sum((py.annual_plan for py in listings), Decimal(0))
    ws.append([None, f"合计（{len(listings)}项）", None, None, None, None, _yi(total), _yi(plan)])
    for number, tier in enumerate(Tier):
        rows = by_tier[tier.value]
        subtotal_total = sum((py.project.total_investment for py in rows), Decimal(0))
        subtotal_plan = sum((py.annual_plan for py in rows), Decimal(0))
        ws.append(
            [
                f"{CN_NUMBERS[number]}、{TIER_TITLES[tier]}（{len(rows)}项）",
                None,
                None,
                None,
                None,
                None,
                _yi(subtotal_total),
                _yi(subtotal_plan),
            ]
        )
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=6)
        for listing in rows:
            project = listing.project
            start, end = project.planned_start, project.planned_completion
            span = f"{start.year}-{end.year}" if start and end else None
            ws.append(
                [
                    listing.seq,
                    project.name,
                    project.code,
                    NATURE_WORDS[Nature(listing.nature)],
                    project.owner,
                    project.scope,
                    _yi(project.total_investment),
                    _yi(listing.annual_plan),
                    span,
                    project.township.name if project.township else None,
                    project.responsible_unit.name if project.responsible_unit else None,
                    project.liaison_leader,
                    None,
                ]
            )
        ws.append([])
    ws.append(["注：1. 本表金额单位为亿元；2. 建设性质分为新建、续建、前期；3. 本表由县项目建设指挥部办公室汇总。"])
    for row in ws.iter_rows(min_row=5, max_col=8, min_col=7):
        for cell in row:
            cell.number_format = "0.00"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "fixtures" / "2024重点工程项目表.xlsx")
    args = parser.parse_args()
    build(args.out)


if __name__ == "__main__":
    main()
