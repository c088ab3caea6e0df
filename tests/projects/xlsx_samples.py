"""Excel files as counties actually circulate them, built with openpyxl for the import tests.

openpyxl writes formulas but never their results; `with_cached_values` rewrites the saved sheet
XML to add the <v> a spreadsheet program would have stored, so "a formula with its cached value"
is tested on a real file rather than assumed.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet


def to_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def with_cached_values(data: bytes, values: dict[str, object], *, sheet_index: int = 1) -> bytes:
    """Add cached results to formula cells, e.g. {"G6": 3.46}: what Excel stores on saving."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    target = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == target:
                xml = content.decode("utf-8")
                for ref, value in values.items():
                    pattern = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>.*?</f>)(<v\s*/>|<v></v>)?(</c>)')
                    xml, count = pattern.subn(rf"\g<1>\g<2><v>{value}</v>\g<4>", xml)
                    assert count == 1, f"no formula cell {ref} in {target}"
                content = xml.encode("utf-8")
            dest.writestr(info, content)
    return out.getvalue()


def county_list(*, year: int = 2024, unit: str = "亿元") -> Workbook:
    """The list the way the county office sends it round: merged title, a unit row, a two-row header
    with a merged 投资（亿元） group over 总投资 | 2024年计划投资, full-width brackets, a 合计 row on
    top, tier sections with (N项), 小计 rows, blank rows, a note at the bottom."""
    # Over 80 lines because it is data, not logic: the sheet written out row by row, so a reader of the
    # tests sees the whole file the importer is given.
    wb = Workbook()
    ws: Worksheet = wb.active
    ws.title = "重点工程"
    ws.merge_cells("A1:L1")
    ws["A1"] = f"阳城县{year}年重点工程项目表"
    ws["K2"] = f"单位：{unit}"
    headers = [
        "序号",
        "项目名称",
        "项目代码",
        "建设性质",
        "项目单位",
        "建设内容及规模",
        f"投资（{unit}）",
        None,
        "建设起止年限",
        "所在乡（镇）",
        "责任单位",
        "包联县领导",
        "备注",
    ]
    for col, header in enumerate(headers, start=1):
        if header:
            ws.cell(row=4, column=col, value=header)
    for col in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13):
        ws.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
    ws.merge_cells("G4:H4")
    ws["G5"] = "总投资"
    ws["H5"] = f"{year}年计划投资"
    ws.append([None, "合计（4项）", None, None, None, None, 11.23, 3.2])  # row 6
    ws.append(["一、省级重点工程（2项）"])  # row 7
    ws.merge_cells("A7:F7")
    ws.append(
        [
            1,
            "凤城光伏发电项目",
            "2024-140522-0001",
            "新建",
            "阳城县光伏有限公司",
            "建设光伏电站50MW。",
            1.23,
            0.5,
            "2024-2026",
            "凤城镇",
            "县能源局",
            "王县长",
        ]
    )  # row 8
    ws.append(
        [
            2,
            "北留陶瓷琉璃产业园项目",
            None,
            "续建",
            "阳城县陶瓷有限公司",
            "建设厂房及生产线。",
            5,
            1.2,
            "2023.03-2025.12",
            "北留镇",
            "县工业和信息化局",
            "李副县长",
            "重点推进",
        ]
    )  # row 9
    ws.append([None, "小计", None, None, None, None, 6.23, 1.7])  # row 10
    ws.append([])  # row 11: blank
    ws.append(["二、县级重点工程（2项）"])  # row 12
    ws.merge_cells("A12:F12")
    ws.append(
        [
            1,
            "润城污水处理厂提标改造项目",
            "2024-140522-0003",
            "新建",
            "阳城县水务有限公司",
            "提标改造。",
            "4.00",
            1,
            "2024年3月-2024年12月",
            "润城镇",
            "县住房和城乡建设局",
            "张副县长",
        ]
    )  # row 13
    ws.append(
        [
            2,
            "町店乡村振兴示范片区项目",
            None,
            "前期",
            "町店镇人民政府",
            "示范片区。",
            1.0,
            0.5,
            "2025",
            "町店镇",
            "县农业农村局",
            "赵副县长",
        ]
    )  # row 14
    ws.append([None, "小计", None, None, None, None, 5, 1.5])  # row 15
    ws.append([])
    ws.append(["注：本表由县项目建设指挥部办公室汇总。"])  # row 17
    return wb


def county_units() -> dict[str, str]:
    """The units county_list() names, with their kind."""
    return {
        "凤城镇": "township",
        "北留镇": "township",
        "润城镇": "township",
        "町店镇": "township",
        "县能源局": "department",
        "县工业和信息化局": "department",
        "县住房和城乡建设局": "department",
        "县农业农村局": "department",
    }


def simple_list(
    rows: list[list[object]],
    *,
    headers: list[str] | None = None,
    title: str | None = "测试表",
    unit_row: str | None = "单位：万元",
) -> Workbook:
    """A plain one-row-header list in 万元: [序号, 项目名称, 层级, 建设性质, 总投资, 年度计划投资, 所在乡镇, 责任单位]."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    if title:
        ws.append([title])
    if unit_row:
        ws.append([None, None, None, None, None, unit_row])
    ws.append(headers or ["序号", "项目名称", "层级", "建设性质", "总投资", "年度计划投资", "所在乡镇", "责任单位"])
    for row in rows:
        ws.append(row)
    return wb


def progress_list(rows: list[list[object]], *, month: int = 3, headers: list[str] | None = None) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = f"{month}月"
    ws.append([f"阳城县2024年1-{month}月重点工程进展情况"])
    ws.append([None, None, None, "单位：万元"])
    ws.append(
        headers or ["序号", "项目名称", "项目编码", "本月完成投资", f"1-{month}月累计完成投资", "形象进度", "存在问题"]
    )
    for row in rows:
        ws.append(row)
    return wb


__all__ = [
    "county_list",
    "county_units",
    "date",
    "datetime",
    "progress_list",
    "simple_list",
    "to_bytes",
    "with_cached_values",
]
