"""The list reader on files built the way counties make them, and on files that cannot be read.

These tests need no database: the reader only reads.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook

from projects.excel.reader import read_progress_list, read_project_list

from .xlsx_samples import county_list, progress_list, simple_list, to_bytes, with_cached_values


def _by_name(result):
    return {row.name: row for row in result.rows}


def _messages(result, level="error"):
    items = result.problems.errors if level == "error" else result.problems.warnings
    return [(p.sheet, p.row, p.column, p.message) for p in items]


# --- the county's own shape ------------------------------------------------------------------------


def test_county_list_with_merged_title_yi_unit_two_row_header_and_sections_reads_cleanly():
    result = read_project_list(to_bytes(county_list()), year=2024)
    assert _messages(result) == []
    assert _messages(result, "warning") == []
    rows = _by_name(result)
    assert list(rows) == [
        "凤城光伏发电项目",
        "北留陶瓷琉璃产业园项目",
        "润城污水处理厂提标改造项目",
        "町店乡村振兴示范片区项目",
    ]
    solar = rows["凤城光伏发电项目"]
    assert (solar.sheet, solar.row) == ("重点工程", 8)
    assert solar.tier == "province" and solar.nature == "new"
    assert solar.total_investment == Decimal("12300.00")  # 1.23 亿元, exactly
    assert solar.annual_plan == Decimal("5000.00")
    assert solar.code == "2024-140522-0001"
    assert (solar.planned_start.first, solar.planned_completion.last) == (date(2024, 1, 1), date(2026, 12, 31))
    assert solar.township == "凤城镇" and solar.responsible_unit == "县能源局" and solar.liaison_leader == "王县长"
    ceramics = rows["北留陶瓷琉璃产业园项目"]
    assert ceramics.nature == "continuing" and ceramics.remarks == "重点推进" and ceramics.code == ""
    assert ceramics.planned_start.first == date(2023, 3, 1)
    sewage = rows["润城污水处理厂提标改造项目"]
    assert sewage.tier == "county"
    assert sewage.total_investment == Decimal("40000.00")  # the text "4.00" in 亿元
    assert rows["町店乡村振兴示范片区项目"].nature == "preliminary"


def test_unit_row_in_wan_is_not_converted():
    result = read_project_list(to_bytes(county_list(unit="万元")), year=2024)
    # 合计 and 小计 are now in 万元 too, so they still agree.
    assert _messages(result) == []
    assert _by_name(result)["凤城光伏发电项目"].total_investment == Decimal("1.23")


def test_header_with_its_own_unit_beats_the_sheet_unit_row():
    wb = simple_list(
        [[1, "甲项目", "县级", "新建", 2.5, 3000]],
        headers=["序号", "项目名称", "层级", "建设性质", "总投资(亿元)", "年度计划投资"],
        unit_row="单位：万元",
    )
    row = read_project_list(to_bytes(wb), year=2024).rows[0]
    assert row.total_investment == Decimal("25000.00")
    assert row.annual_plan == Decimal("3000.00")


def test_header_found_on_a_later_row_with_synonyms_and_full_width_brackets():
    wb = Workbook()
    ws = wb.active
    for _ in range(6):
        ws.append(["（说明文字）"])
    ws.append(
        [
            "编号",
            "项目名称",
            "级别",
            "性质",
            "建设单位",
            "建设内容",
            "计划总投资（万元）",
            "2024年度计划投资（万元）",
            "开工时间",
            "竣工时间",
            "建设地点",
            "责任单位",
            "包联领导",
            "项目编码",
            "备注",
        ]
    )
    ws.append(
        [
            1,
            "芹池康养小镇项目",
            "市级",
            "新开工",
            "某公司",
            "康养设施",
            "8,000",
            "2,000.50",
            "2024.05",
            datetime(2026, 6, 30),  # noqa: DTZ001  # a cell value: Excel has no time zones
            "芹池镇东关村",
            "县文化和旅游局",
            "刘副县长",
            "2024-140522-0099",
            "无",
        ]
    )
    result = read_project_list(to_bytes(wb), year=2024)
    assert _messages(result) == []
    row = result.rows[0]
    assert row.row == 8
    assert row.tier == "city" and row.nature == "new"
    assert row.total_investment == Decimal("8000.00") and row.annual_plan == Decimal("2000.50")
    assert row.planned_start is not None and row.planned_completion is not None
    assert row.planned_start.first == date(2024, 5, 1)
    assert row.planned_completion.first == date(2026, 6, 30)
    assert row.township == "芹池镇东关村"
    assert row.code == "2024-140522-0099"


def test_section_rows_with_subsections_set_tier_and_nature():
    wb = simple_list(
        [
            ["一、市级重点工程（2项）"],
            ["（一）续建项目（1项）"],
            [1, "续建甲", None, None, 100, 50],
            ["（二）新建项目（1项）"],
            [2, "新建乙", None, None, 200, 80],
            ["二、县级重点工程"],
            ["（一）前期项目"],
            [1, "前期丙", None, None, 300, 0],
        ],
        headers=["序号", "项目名称", "层级", "建设性质", "总投资", "年度计划投资"],
    )
    rows = _by_name(read_project_list(to_bytes(wb), year=2024))
    assert (rows["续建甲"].tier, rows["续建甲"].nature) == ("city", "continuing")
    assert (rows["新建乙"].tier, rows["新建乙"].nature) == ("city", "new")
    assert (rows["前期丙"].tier, rows["前期丙"].nature) == ("county", "preliminary")


def test_tier_from_a_tier_column_or_the_sheet_name():
    wb = simple_list(
        [[1, "甲", "省重点", "新建", 10, 5]],
        headers=["序号", "项目名称", "层级", "建设性质", "总投资", "年度计划投资"],
    )
    assert read_project_list(to_bytes(wb), year=2024).rows[0].tier == "province"
    wb = simple_list([[1, "乙", "新建", 10, 5]], headers=["序号", "项目名称", "建设性质", "总投资", "年度计划投资"])
    wb.active.title = "县级项目"
    assert read_project_list(to_bytes(wb), year=2024).rows[0].tier == "county"


def test_row_without_any_tier_is_an_error_naming_the_row():
    wb = simple_list(
        [[1, "无层级项目", "新建", 10, 5]], headers=["序号", "项目名称", "建设性质", "总投资", "年度计划投资"]
    )
    result = read_project_list(to_bytes(wb), year=2024)
    assert [(p.row, p.column) for p in result.problems.errors] == [(4, "B")]
    assert "无法确定层级" in result.problems.errors[0].message


# --- 小计 and 合计 ------------------------------------------------------------------------------------


def test_wrong_subtotal_is_an_error_naming_its_row_and_column():
    wb = county_list()
    wb.active["H10"] = 1.8  # the provincial 小计 of the plan: the rows add up to 1.7 亿元
    result = read_project_list(to_bytes(wb), year=2024)
    errors = _messages(result)
    assert len(errors) == 1
    sheet, row, column, message = errors[0]
    assert (sheet, row, column) == ("重点工程", 10, "H")
    assert "小计" in message and "18,000.00" in message and "17,000.00" in message


def test_wrong_grand_total_is_an_error_on_the_total_row():
    wb = county_list()
    wb.active["G6"] = 11.24
    errors = _messages(read_project_list(to_bytes(wb), year=2024))
    assert [(e[1], e[2]) for e in errors] == [(6, "G")]
    assert "合计" in errors[0][3]


def test_section_row_carrying_its_own_subtotal_is_checked():
    wb = county_list()
    wb.active["G7"] = 6.23  # right
    wb.active["H7"] = 9.99  # wrong
    errors = _messages(read_project_list(to_bytes(wb), year=2024))
    assert [(e[1], e[2]) for e in errors] == [(7, "H")]


def test_subtotal_typed_rounded_to_its_shown_places_is_accepted():
    wb = simple_list(
        [
            ["一、县级重点工程"],
            [1, "甲", None, "新建", 1.234, 0],
            [2, "乙", None, "新建", 2.222, 0],
            [None, "小计", None, None, 3.46, None],  # 3.456 亿元 shown with two places
        ],
        headers=["序号", "项目名称", "层级", "建设性质", "总投资（亿元）", "年度计划投资"],
    )
    assert _messages(read_project_list(to_bytes(wb), year=2024)) == []


def test_section_count_that_does_not_match_is_a_warning():
    wb = county_list()
    wb.active["A7"] = "一、省级重点工程（3项）"
    result = read_project_list(to_bytes(wb), year=2024)
    assert _messages(result) == []
    assert [(w[1], "3项" in w[3]) for w in _messages(result, "warning")] == [(7, True)]


# --- formulas --------------------------------------------------------------------------------------


def test_formula_subtotals_use_the_values_excel_cached():
    wb = county_list()
    ws = wb.active
    ws["G10"] = "=SUM(G8:G9)"
    ws["H10"] = "=SUM(H8:H9)"
    ws["G6"] = "=G10+G15"
    data = with_cached_values(to_bytes(wb), {"G10": 6.23, "H10": 1.7, "G6": 11.23})
    result = read_project_list(data, year=2024)
    assert _messages(result) == []


def test_formula_cell_with_a_cached_value_is_read_as_its_value():
    wb = simple_list([[1, "甲", "县级", "新建", "=2000*3", 1000]])
    data = with_cached_values(to_bytes(wb), {"E4": 6000})
    assert read_project_list(data, year=2024).rows[0].total_investment == Decimal("6000.00")


def test_formula_without_a_cached_value_is_reported_not_read_as_blank():
    wb = simple_list([[1, "甲", "县级", "新建", "=2000*3", 1000]])
    result = read_project_list(to_bytes(wb), year=2024)  # openpyxl stores no result
    errors = _messages(result)
    assert [(e[1], e[2]) for e in errors] == [(4, "E")]
    assert "没有计算结果的公式" in errors[0][3]


def test_subtotal_formula_without_a_cached_value_is_a_warning_not_a_refusal():
    # Only the check is lost, not a figure: the list still imports, and the reader is told.
    wb = county_list()
    wb.active["G10"] = "=SUM(G8:G9)"
    result = read_project_list(to_bytes(wb), year=2024)
    assert _messages(result) == []
    warnings = _messages(result, "warning")
    assert [(w[1], w[2]) for w in warnings] == [(10, "G")]
    assert "没有计算结果" in warnings[0][3] and "未核对" in warnings[0][3]
    assert len(result.rows) == 4


# --- amounts ---------------------------------------------------------------------------------------


def test_negative_and_non_numeric_amounts_are_errors_by_row_and_column():
    wb = simple_list([[1, "甲", "县级", "新建", -100, 50], [2, "乙", "县级", "新建", 100, "待定"]])
    errors = _messages(read_project_list(to_bytes(wb), year=2024))
    assert [(e[1], e[2]) for e in errors] == [(4, "E"), (5, "F")]
    assert "不能为负数" in errors[0][3]
    assert "不是有效的金额" in errors[1][3]


def test_annual_plan_above_total_investment_is_a_warning_not_an_error():
    wb = simple_list([[1, "甲", "县级", "新建", 100, 500]])
    result = read_project_list(to_bytes(wb), year=2024)
    assert _messages(result) == []
    assert [(w[1], w[2]) for w in _messages(result, "warning")] == [(4, "F")]
    assert "高于总投资" in _messages(result, "warning")[0][3]


def test_plan_column_for_another_year_is_an_error():
    wb = simple_list(
        [[1, "甲", "县级", "新建", 100, 50]],
        headers=["序号", "项目名称", "层级", "建设性质", "总投资", "2025年计划投资"],
    )
    errors = _messages(read_project_list(to_bytes(wb), year=2024))
    assert [(e[1], e[2]) for e in errors] == [(3, "F")]
    assert "2025" in errors[0][3]


# --- duplicates, blanks, notes ---------------------------------------------------------------------


def test_same_project_twice_in_a_file_is_an_error_on_the_second_row():
    wb = simple_list([[1, "甲项目", "县级", "新建", 100, 50], [], [2, "甲 项目", "县级", "新建", 100, 50]])
    errors = _messages(read_project_list(to_bytes(wb), year=2024))
    assert [(e[1], e[2]) for e in errors] == [(6, "B")]
    assert "重复" in errors[0][3] and "第4行" in errors[0][3]


def test_same_code_under_two_names_is_a_duplicate():
    headers = ["序号", "项目名称", "项目代码", "层级", "建设性质", "总投资", "年度计划投资"]
    wb = simple_list([[1, "甲", "X-1", "县级", "新建", 1, 1], [2, "乙", "X-1", "县级", "新建", 1, 1]], headers=headers)
    errors = _messages(read_project_list(to_bytes(wb), year=2024))
    assert [(e[1], e[2]) for e in errors] == [(5, "C")]


def test_blank_rows_numbered_empty_rows_and_notes_are_skipped():
    wb = simple_list(
        [[], [1, "甲", "县级", "新建", 100, 50], [], [2], [3], ["注：以上数据来源于各乡镇。"], ["填报人：张三"]]
    )
    result = read_project_list(to_bytes(wb), year=2024)
    assert _messages(result) == []
    assert [r.name for r in result.rows] == ["甲"]


def test_row_with_data_but_no_name_is_an_error():
    wb = simple_list([[1, None, "县级", "新建", 100, 50]])
    errors = _messages(read_project_list(to_bytes(wb), year=2024))
    assert [(e[1], e[2]) for e in errors] == [(4, "B")]
    assert "缺少项目名称" in errors[0][3]


def test_unknown_nature_and_tier_words_are_errors():
    wb = simple_list([[1, "甲", "乡级", "改建", 100, 50]])
    errors = _messages(read_project_list(to_bytes(wb), year=2024))
    assert [(e[1], e[2]) for e in errors] == [(4, "C"), (4, "D")]


def test_bad_date_is_an_error_in_its_column():
    headers = ["序号", "项目名称", "层级", "建设性质", "总投资", "年度计划投资", "建设起止年限"]
    wb = simple_list([[1, "甲", "县级", "新建", 100, 50, "明年"]], headers=headers)
    errors = _messages(read_project_list(to_bytes(wb), year=2024))
    assert [(e[1], e[2]) for e in errors] == [(4, "G")]


# --- files that cannot be read ---------------------------------------------------------------------


def _only_error(data: bytes) -> str:
    result = read_project_list(data, year=2024)
    assert len(result.problems.errors) == 1
    assert result.rows == []
    return result.problems.errors[0].message


def test_not_an_xlsx_is_refused_with_a_clear_message():
    assert "不是Excel工作簿" in _only_error("项目名称,总投资\n甲,100\n".encode())


def test_password_protected_file_is_recognised_by_its_encrypted_package():
    # An encrypted .xlsx is an OLE compound file holding "EncryptionInfo" and "EncryptedPackage".
    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    assert "设有打开密码" in _only_error(fake)


def test_old_xls_file_is_told_apart_from_an_encrypted_one():
    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le")
    assert ".xls" in _only_error(fake)


def test_corrupt_zip_is_refused():
    data = to_bytes(county_list())
    assert "已损坏" in _only_error(data[: len(data) // 2])


def test_zip_altered_inside_fails_its_checksum():
    data = bytearray(to_bytes(county_list()))
    start = data.find(b"xl/worksheets/sheet1.xml") + 40
    data[start : start + 20] = b"\x00" * 20
    assert "损坏" in _only_error(bytes(data))


def test_a_docx_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert "不是Excel工作簿" in _only_error(buffer.getvalue())


def test_empty_workbook_is_refused():
    message = _only_error(to_bytes(Workbook()))
    assert "是空的" in message


def test_empty_file_is_refused():
    assert "空的" in _only_error(b"")


def test_file_over_the_size_limit_is_refused_before_reading(settings):
    settings.IMPORT_MAX_BYTES = 1000
    message = _only_error(to_bytes(county_list()))
    assert "大小上限" in message


def test_sheet_with_more_filled_rows_than_any_list_is_refused_without_reading_on(settings):
    settings.IMPORT_MAX_ROWS = 50
    rows = [[i, f"项目{i}", "县级", "新建", 100, 10, "凤城镇", "县发展和改革局"] for i in range(1, 60)]
    message = _only_error(to_bytes(simple_list(rows)))
    assert "超过50行" in message and "Sheet1" in message


def test_sheet_at_the_row_limit_is_read(settings):
    settings.IMPORT_MAX_ROWS = 50
    rows = [[i, f"项目{i}", "县级", "新建", 100, 10, "凤城镇", "县发展和改革局"] for i in range(1, 48)]
    result = read_project_list(to_bytes(simple_list(rows)), year=2024)  # 47 projects + title, unit and header rows
    assert _messages(result) == [] and len(result.rows) == 47


def test_empty_extra_sheets_are_ignored_but_a_sheet_without_header_beside_the_list_is_a_warning():
    wb = county_list()
    wb.create_sheet("Sheet2")
    notes = wb.create_sheet("附表")
    notes["A1"] = "本表附注：……"
    instructions = wb.create_sheet("填写说明")  # a template's notes, with an example header and row
    instructions.append(["序号", "项目名称", "总投资"])
    instructions.append([1, "示例项目", 100])
    result = read_project_list(to_bytes(wb), year=2024)
    assert _messages(result) == []
    assert [w[0] for w in _messages(result, "warning")] == ["附表"]
    assert len(result.rows) == 4


def test_sheet_without_a_header_is_an_error_when_it_is_the_only_one():
    wb = Workbook()
    wb.active.append(["甲", 1, 2])
    errors = _messages(read_project_list(to_bytes(wb), year=2024))
    assert len(errors) == 1 and "没有找到表头" in errors[0][3]


def test_every_problem_is_reported_not_just_the_first():
    wb = simple_list(
        [[1, "甲", "县级", "新建", -1, 50], [2, "乙", "县级", "新建", "abc", 50], [3, "甲", "县级", "新建", 1, 1]]
    )
    assert len(read_project_list(to_bytes(wb), year=2024).problems.errors) == 3


# --- the progress list -----------------------------------------------------------------------------


def test_progress_list_reads_month_and_cumulative_columns():
    wb = progress_list(
        [[1, "甲", "C-1", "1,200.5", None, "主体施工", "用地未批"], [2, "乙", None, None, "3000", None, None]]
    )
    result = read_progress_list(to_bytes(wb), year=2024, month=3)
    assert _messages(result) == []
    first, second = result.rows
    assert (first.name, first.code, first.completed, first.physical_progress, first.problems) == (
        "甲",
        "C-1",
        Decimal("1200.50"),
        "主体施工",
        "用地未批",
    )
    assert (second.completed, second.cumulative) == (None, Decimal("3000.00"))


def test_progress_column_for_another_month_is_an_error():
    wb = progress_list([[1, "甲", None, 1, None, None, None]], month=2)
    errors = _messages(read_progress_list(to_bytes(wb), year=2024, month=3))
    assert [(e[1], e[2]) for e in errors] == [(3, "E")]
    assert "2月" in errors[0][3]


def test_progress_list_without_an_amount_column_is_an_error():
    wb = progress_list([[1, "甲", "主体施工"]], headers=["序号", "项目名称", "形象进度"])
    errors = _messages(read_progress_list(to_bytes(wb), year=2024, month=3))
    assert len(errors) == 1 and "没有完成投资列" in errors[0][3]


def test_group_header_above_the_name_row_gives_its_unit_and_unknown_columns_are_listed():
    wb = Workbook()
    ws = wb.active
    ws.append(["2024年重点项目"])
    ws.append(["项目基本情况", None, None, "投资（亿元）", None, "进展"])
    ws.merge_cells("A2:C2")
    ws.merge_cells("D2:E2")
    ws.append(["序号", "项目名称", "层级", "总投资", "年度计划", "1-3月完成投资"])
    ws.append([1, "甲", "县级", 0.5, 0.25, 0.1])
    ws["D4"].number_format = "0.00"
    result = read_project_list(to_bytes(wb), year=2024)
    row = result.rows[0]
    assert (row.total_investment, row.annual_plan) == (Decimal("5000.00"), Decimal("2500.00"))
    assert result.ignored_columns == ["Sheet F：1-3月完成投资"]


def test_progress_amounts_in_yi_are_converted():
    wb = progress_list([[1, "甲", None, 0.0123, None, None, None]])
    wb.active["D2"] = "单位：亿元"
    assert read_progress_list(to_bytes(wb), year=2024, month=3).rows[0].completed == Decimal("123.00")
