"""Word documents in the official layout of GB/T 9704-2012 (党政机关公文格式), with python-docx: the bulletin
(`docx_writer.py`) and the meeting pack (`meeting_docx.py`) are both written with `OfficialDocument`.

A4; margins top 37 mm, bottom 35 mm, left (binding) 28 mm, right 26 mm, so the text block is
156 mm × 225 mm; 22 lines of 28.95 pt. Title 2号 (22 pt) 方正小标宋简体 centred; body 3号 (16 pt)
仿宋_GB2312, first line indented two characters; headings 一、 in 黑体 and （一） in 楷体_GB2312;
page numbers "— 1 —" in 4号 (14 pt) 宋体 at the foot, odd pages right and even pages left.

Fonts are named in the document (east Asian name in w:rFonts/@w:eastAsia) even where the machine
that writes it lacks them: Word on the officials' computers has them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .tables import Table

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"

SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_TABLE = Pt(10.5)  # 五号, for tables (GB/T 9704 allows smaller sizes in tables)
TEXT_WIDTH_MM = 156
LINE = Pt(28.95)  # 225 mm ÷ 22 lines
INDENT_2_CHARS = Pt(32)  # two characters of 3号
RED = RGBColor(0xE6, 0x00, 0x12)
# Children of w:pPr that must follow w:snapToGrid and w:pBdr (the schema fixes the order; Word checks it).
_AFTER_SNAP_TO_GRID = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    *_AFTER_SNAP_TO_GRID,
)


def set_run_font(
    run: Run, name: str, size: Length | None = None, *, bold: bool = False, color: RGBColor | None = None
) -> None:
    """Name the font for Latin and east Asian text alike (w:ascii, w:hAnsi, w:eastAsia)."""
    run.font.name = name
    if size is not None:
        run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    _name_fonts(run._element.get_or_add_rPr(), name)


def _style_font(style: ParagraphStyle, name: str, size: Length) -> None:
    style.font.name = name
    style.font.size = size
    _name_fonts(style.element.get_or_add_rPr(), name)


def _name_fonts(r_pr: Any, name: str) -> None:  # an lxml w:rPr element
    """Name the font for every script, East Asian included (python-docx's font.name sets only Latin)."""
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attribute), name)


class OfficialDocument:
    """A python-docx Document set up as an official document; add parts in order, then `bytes()`."""

    def __init__(self, *, title: str, author: str, draft_mark: str = "") -> None:
        self.doc = Document()
        self._table_styles: dict[str, ParagraphStyle] = {}
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.header_distance, section.footer_distance = Mm(15), Mm(25)
        self._doc_grid(section)
        normal = self.doc.styles["Normal"]
        _style_font(normal, FANGSONG, SIZE_3)
        fmt = normal.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.widow_control = False
        self.doc.core_properties.title = title
        self.doc.core_properties.author = author
        self._page_numbers(section)
        if draft_mark:
            header = section.header.paragraphs[0]
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            set_run_font(header.add_run(draft_mark), HEITI, SIZE_4, color=RED)
            section.even_page_header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            set_run_font(section.even_page_header.paragraphs[0].add_run(draft_mark), HEITI, SIZE_4, color=RED)

    # --- page set-up ---------------------------------------------------------------------------

    @staticmethod
    def _doc_grid(section: Section) -> None:
        sect_pr = section._sectPr
        grid = sect_pr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            sect_pr.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(int(LINE.pt * 20)))

    def _page_numbers(self, section: Section) -> None:
        """ "— 1 —": odd pages at the right, even pages at the left, one character in from the edge."""
        self.doc.settings.odd_and_even_pages_header_footer = True
        for footer, alignment in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.alignment = alignment
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
                paragraph.paragraph_format.right_indent = SIZE_4
            else:
                paragraph.paragraph_format.left_indent = SIZE_4
            set_run_font(paragraph.add_run("— "), SONGTI, SIZE_4)
            self._field(paragraph, "PAGE", "1")
            set_run_font(paragraph.add_run(" —"), SONGTI, SIZE_4)

    @staticmethod
    def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
        def run_with(element: Any) -> None:  # an lxml w:fldChar or w:instrText element
            run = paragraph.add_run()
            set_run_font(run, SONGTI, SIZE_4)
            run._element.append(element)

        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        run_with(begin)
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        run_with(instr)
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        run_with(separate)
        number = paragraph.add_run(placeholder)
        set_run_font(number, SONGTI, SIZE_4)
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        run_with(end)

    # --- parts ---------------------------------------------------------------------------------

    def paragraph(
        self,
        text: str = "",
        *,
        font: str = FANGSONG,
        size: Length = SIZE_3,
        align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
        first_line: bool = True,
        bold: bool = False,
        color: RGBColor | None = None,
        line: Length = LINE,
        right_indent: Length | None = None,
    ) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
        if first_line:
            fmt.first_line_indent = INDENT_2_CHARS
        if right_indent is not None:
            fmt.right_indent = right_indent
        if text:
            set_run_font(paragraph.add_run(text), font, size, bold=bold, color=color)
        return paragraph

    def blank(self, lines: int = 1) -> None:
        for _ in range(lines):
            self.paragraph(first_line=False)

    def masthead(self, issuer: str, doc_number: str) -> None:
        """版头: the issuing office in red, the document number centred under it, a red rule."""
        self.paragraph(
            issuer,
            font=XIAOBIAOSONG,
            size=Pt(26),
            align=WD_ALIGN_PARAGRAPH.CENTER,
            first_line=False,
            color=RED,
            line=Pt(40),
        )
        self.blank()
        number = self.paragraph(doc_number, align=WD_ALIGN_PARAGRAPH.CENTER, first_line=False)
        p_pr = number._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        bottom.set(qn("w:val"), "single")
        bottom.set(qn("w:sz"), "12")  # eighths of a point: 1.5 pt
        bottom.set(qn("w:space"), "8")
        bottom.set(qn("w:color"), "E60012")
        borders.append(bottom)
        p_pr.insert_element_before(borders, *_AFTER_PBDR)
        self.blank(2)

    def title(self, text: str) -> None:
        self.paragraph(
            text, font=XIAOBIAOSONG, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, first_line=False, line=Pt(35)
        )
        self.blank()

    def recipients(self, text: str) -> None:
        if text:
            self.paragraph(text, align=WD_ALIGN_PARAGRAPH.LEFT, first_line=False)

    def heading(self, number: str, text: str) -> None:
        """一、 level: 3号黑体, indented two characters like the body."""
        self.paragraph(f"{number}、{text}", font=HEITI)

    def subheading(self, number: str, text: str) -> None:
        """（一） level: 3号楷体."""
        self.paragraph(f"（{number}）{text}", font=KAITI)

    def body(self, paragraphs: Iterable[str]) -> None:
        for text in paragraphs:
            self.paragraph(text)

    def signature(self, issuer: str, date_label: str) -> None:
        """Issuing office and date at the end, the date four characters in from the right edge."""
        self.blank(2)
        self.paragraph(issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, first_line=False, right_indent=Pt(32))
        self.paragraph(date_label, align=WD_ALIGN_PARAGRAPH.RIGHT, first_line=False, right_indent=Pt(64))

    def table(self, table: Table, *, unit_note: str) -> DocxTable:
        """A table in the text: caption in 黑体, the unit right-aligned above it, amounts right-aligned."""
        self.paragraph(table.caption, font=HEITI, size=SIZE_4, align=WD_ALIGN_PARAGRAPH.CENTER, first_line=False)
        if table.money_unit_note and unit_note:
            self.paragraph(unit_note, size=SIZE_TABLE, align=WD_ALIGN_PARAGRAPH.RIGHT, first_line=False, line=Pt(20))
        grid = self.doc.add_table(rows=1, cols=len(table.headers))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        widths: list[float] = table.widths_mm or [TEXT_WIDTH_MM / len(table.headers)] * len(table.headers)
        self._fixed_layout(grid, widths)
        self._repeat_header(grid.rows[0])
        for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
            self._cell(cell, header, font=HEITI, align=WD_ALIGN_PARAGRAPH.CENTER)
        for row, mark in zip(table.rows, table.highlight, strict=True):
            cells = grid.add_row().cells
            for cell, width in zip(cells, widths, strict=True):
                cell.width = Mm(width)
            for cell, value in zip(cells, row, strict=True):
                align = WD_ALIGN_PARAGRAPH.RIGHT if value.numeric else WD_ALIGN_PARAGRAPH.LEFT
                if value.kind == "int":
                    align = WD_ALIGN_PARAGRAPH.CENTER
                self._cell(cell, value.shown, font=HEITI if mark == "total" else FANGSONG, align=align)
                if mark in ("red", "yellow"):
                    self._shade(cell, "F8D7DA" if mark == "red" else "FFF3CD")
        self.blank()
        return grid

    @staticmethod
    def _fixed_layout(grid: DocxTable, widths: Sequence[float]) -> None:
        """Full text width, fixed column widths (Word otherwise squeezes the table to its content)."""
        tbl_pr = grid._tbl.tblPr
        width = OxmlElement("w:tblW")
        width.set(qn("w:w"), str(int(sum(widths) / 25.4 * 1440)))
        width.set(qn("w:type"), "dxa")
        for old in tbl_pr.findall(qn("w:tblW")):
            tbl_pr.remove(old)
        tbl_pr.append(width)
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        for column, mm in zip(grid.columns, widths, strict=True):
            column.width = Mm(mm)
        for cell, mm in zip(grid.rows[0].cells, widths, strict=True):
            cell.width = Mm(mm)

    @staticmethod
    def _repeat_header(row: _Row) -> None:
        tr_pr = row._tr.get_or_add_trPr()
        marker = OxmlElement("w:tblHeader")
        marker.set(qn("w:val"), "true")
        tr_pr.append(marker)

    @staticmethod
    def _shade(cell: _Cell, fill: str) -> None:
        tc_pr = cell._tc.get_or_add_tcPr()
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        tc_pr.append(shading)

    def _table_style(self, font: str) -> ParagraphStyle:
        """A paragraph style per table font: 五号, exact 14 pt lines, no indent, off the 22-line grid.

        Styling the ~1,000 cells of a bulletin through two styles instead of run by run keeps the
        document small and quick to write.
        """
        if font in self._table_styles:
            return self._table_styles[font]
        styles = self.doc.styles
        style = styles.add_style(f"Bulletin table {font}", WD_STYLE_TYPE.PARAGRAPH)
        self._table_styles[font] = style
        style.base_style = styles["Normal"]
        _style_font(style, font, SIZE_TABLE)
        fmt = style.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(14)
        snap = OxmlElement("w:snapToGrid")  # table rows keep their own height, not the 22-line grid
        snap.set(qn("w:val"), "0")
        style.element.get_or_add_pPr().insert_element_before(snap, *_AFTER_SNAP_TO_GRID)
        return style

    def _cell(self, cell: _Cell, text: str, *, font: str, align: WD_ALIGN_PARAGRAPH) -> None:
        paragraph = cell.paragraphs[0]
        # w:pStyle written directly: python-docx's `paragraph.style = ...` scans every style for each cell.
        paragraph._p.get_or_add_pPr().style = self._table_style(font).style_id
        paragraph.alignment = align
        paragraph.add_run(text)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
