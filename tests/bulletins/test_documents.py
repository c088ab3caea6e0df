"""The .docx and .xlsx open (python-docx and openpyxl read them back) and hold the JSON's figures."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from bulletins.documents import draft_meta
from bulletins.figures import bulletin_figures
from bulletins.services import render_docx, render_xlsx
from bulletins.tables import bulletin_tables
from core.money import yi_text as yi

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(county):
    return bulletin_figures(year=2024, month=10)


@pytest.fixture
def meta(figures):
    """As published: version 1, number 12."""
    return replace(draft_meta(figures, sequence=12, issued_on=date(2024, 11, 5)), version=1)


def _east_asian_font(run) -> str | None:
    r_fonts = run._element.rPr.find(qn("w:rFonts"))
    return r_fonts.get(qn("w:eastAsia")) if r_fonts is not None else None


def _style_east_asian_font(paragraph) -> str | None:
    r_fonts = paragraph.style.element.rPr.find(qn("w:rFonts"))
    return r_fonts.get(qn("w:eastAsia"))


def _paragraph(document, text):
    return next(p for p in document.paragraphs if p.text == text)


def test_docx_has_the_official_layout(figures, meta):
    document = Document(io.BytesIO(render_docx(figures, meta)))
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    # A4, margins of GB/T 9704-2012: top 37, bottom 35, left 28, right 26 (text block 156 × 225 mm)
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm)
        for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        if m is not None
    ] == [37, 35, 28, 26]
    # masthead, document number with 〔〕, title
    texts = [p.text for p in document.paragraphs]
    assert "阳城县项目建设指挥部办公室" in texts
    assert "阳项指办〔2024〕12号" in texts
    title = _paragraph(document, "关于2024年1-10月全县重点工程建设进展情况的通报")
    assert title.alignment == 1  # centred
    assert _east_asian_font(title.runs[0]) == "方正小标宋简体"
    assert title.runs[0].font.size.pt == 22  # 2号
    # body: 3号仿宋_GB2312, first line indented two characters, fixed line spacing of about 29 pt
    body = _paragraph(document, figures["headline"])
    assert _east_asian_font(body.runs[0]) == "仿宋_GB2312"
    assert body.runs[0].font.size.pt == 16
    assert body.paragraph_format.first_line_indent.pt == 32
    assert 28 <= body.paragraph_format.line_spacing.pt <= 29
    # headings: 一、 in 黑体
    heading = _paragraph(document, "一、总体进展情况")
    assert _east_asian_font(heading.runs[0]) == "黑体"
    # the date at the end, right-aligned, in Arabic numerals
    date_paragraph = _paragraph(document, "2024年11月5日")
    assert date_paragraph.alignment == 2
    # page numbers: "— PAGE —" in the footers (odd and even pages)
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "— " in footer_xml
    assert "PAGE" in section.even_page_footer._element.xml
    # a published document carries no draft mark
    assert "草稿" not in section.header._element.xml


def test_docx_tables_hold_the_json_figures_in_100_million_yuan(figures, meta):
    document = Document(io.BytesIO(render_docx(figures, meta)))
    texts = [p.text for p in document.paragraphs]
    assert "单位：亿元" in texts
    assert "表1　全县重点工程分层级分类别投资完成情况" in texts
    overall = document.tables[0]
    header = [c.text for c in overall.rows[0].cells]
    assert header[0] == "类别" and header[4] == "1-10月完成投资"
    total_row = [c.text for c in overall.rows[1].cells]
    total = figures["total"]
    assert total_row == [
        "全县重点工程",
        str(total["count"]),
        yi(total["total_investment"]),  # 17800 万元 = 1.78 亿元
        yi(total["annual_plan"]),
        yi(total["completed"]),
        total["completion_rate"],
        total["vs_time_progress"],
    ]
    assert total_row[2:5] == ["1.78", "0.36", "0.23"]
    # amounts are right-aligned
    assert overall.rows[1].cells[2].paragraphs[0].alignment == 2
    province_row = [c.text for c in overall.rows[2].cells]
    assert province_row[0] == "省级重点工程" and province_row[5:] == ["60.00", "-23.33"]
    # the horse-race table ranks the townships as the JSON does
    townships = document.tables[1]
    assert [(r.cells[0].text, r.cells[1].text, r.cells[5].text) for r in townships.rows[1:]] == [
        (str(t["rank"]), t["name"], t["completion_rate"]) for t in figures["townships"]
    ]
    # the table cells name their fonts too (through their paragraph style): 黑体 for the total row
    assert _style_east_asian_font(overall.rows[1].cells[1].paragraphs[0]) == "黑体"
    assert _style_east_asian_font(overall.rows[2].cells[1].paragraphs[0]) == "仿宋_GB2312"
    assert overall.rows[2].cells[1].paragraphs[0].style.font.size.pt == 10.5


def test_draft_docx_is_marked_and_leaves_the_number_blank(figures):
    meta = draft_meta(figures, sequence=None, issued_on=date(2024, 11, 5))
    document = Document(io.BytesIO(render_docx(figures, meta)))
    assert "草稿 未发布" in document.sections[0].header.paragraphs[0].text
    assert any(p.text.startswith("阳项指办〔2024〕") and p.text.endswith("号") for p in document.paragraphs)


def test_xlsx_reads_back_the_same_figures(figures, meta):
    workbook = load_workbook(io.BytesIO(render_xlsx(figures, meta)))
    assert workbook.sheetnames[:4] == ["分层级", "乡（镇）", "责任单位", "滞后时间进度"]
    sheet = workbook["分层级"]
    assert sheet["A1"].value == "表1　全县重点工程分层级分类别投资完成情况"
    assert "单位：万元" in sheet["A2"].value
    headers = [c.value for c in sheet[3]]
    assert headers[:2] == ["类别", "项目数（项）"]
    total = [c.value for c in sheet[4]]
    # amounts exact in 万元, rates as numbers with two decimals
    assert total[0] == "全县重点工程"
    assert total[1] == figures["total"]["count"]
    assert [Decimal(str(v)) for v in total[2:7]] == [
        Decimal(figures["total"][k])
        for k in ("total_investment", "annual_plan", "completed", "completion_rate", "vs_time_progress")
    ]
    units = workbook["责任单位"]
    rows = [[c.value for c in row] for row in units.iter_rows(min_row=4)]
    assert [(r[0], r[1], Decimal(str(r[5]))) for r in rows] == [
        (u["rank"], u["name"], Decimal(u["completion_rate"])) for u in figures["units"]
    ]
    behind = workbook["滞后时间进度"]
    names = [row[1].value for row in behind.iter_rows(min_row=4)]
    assert names == [p["name"] for p in figures["behind"]["projects"]]
    starts = workbook["开复工及竣工"]
    by_label = {row[0].value: row for row in starts.iter_rows(min_row=4)}
    assert by_label["未按期开工"][1].value == 1 and by_label["未按期开工"][2].value == "丙项目"


def test_tables_show_no_rate_as_a_dash(db):
    from tests import factories

    factories.make_project(annual_plan=0)
    figures = bulletin_figures(year=2024, month=10)
    overall = bulletin_tables(figures)["overall"]
    assert overall.rows[0][5].shown == "—"
    workbook = load_workbook(
        io.BytesIO(render_xlsx(figures, draft_meta(figures, sequence=1, issued_on=date(2024, 11, 1))))
    )
    assert workbook["分层级"]["F4"].value is None


def test_the_document_is_a4_text_width(figures, meta):
    document = Document(io.BytesIO(render_docx(figures, meta)))
    widths = [cell.width for cell in document.tables[0].rows[1].cells]
    assert round(sum(w.mm for w in widths)) == 156
    assert round(widths[0].mm) == 30


def test_the_spreadsheet_keeps_formula_looking_names_as_text_and_numbers_as_numbers(db):
    from tests import factories

    factories.make_project('=HYPERLINK("http://example.test","点此")', annual_plan=100)
    figures = bulletin_figures(year=2024, month=10)
    workbook = load_workbook(
        io.BytesIO(render_xlsx(figures, draft_meta(figures, sequence=1, issued_on=date(2024, 11, 1))))
    )
    name = workbook["滞后时间进度"]["B4"]
    assert (name.value, name.data_type) == ('=HYPERLINK("http://example.test","点此")', "s")
    plan, rate = workbook["滞后时间进度"]["E4"], workbook["滞后时间进度"]["G4"]
    assert (plan.value, plan.number_format) == (100, "#,##0.00")
    assert (rate.value, rate.number_format) == (0, "0.00")
