"""Export in the county's shape, and the round trip: export → import changes nothing."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from accounts.models import UnitKind
from projects.excel.apply import project_import_apply
from projects.excel.exports import progress_template, project_list_template, project_list_workbook
from projects.excel.plan_progress import progress_import_preview
from projects.excel.plan_projects import project_import_preview
from projects.models import Nature, ProjectYear, Tier
from tests import factories

from .xlsx_samples import county_list, county_units, to_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(db):
    """A small register with every field filled in, as an import would leave it."""
    units = {name: factories.make_unit(name, kind) for name, kind in county_units().items()}
    project_import_apply(source=to_bytes(county_list()), year=2024)
    city = factories.make_project(
        "芹池康养小镇项目",
        code="2024-140522-0050",
        tier=Tier.CITY,
        nature=Nature.CONTINUING,
        annual_plan="2345.67",
        total_investment="98765.43",
        township=units["北留镇"],
        responsible_unit=units["县能源局"],
        planned_start=date(2023, 5, 18),
        owner="阳城县康养有限公司",
        scope="建设康养综合体，\n含配套道路。",
        liaison_leader="刘副县长",
        remarks="市级重点",
    )
    ProjectYear.objects.filter(project=city).update(seq=1)
    return units


def _listings(**filters):
    return ProjectYear.objects.filter(year=2024, **filters).select_related(
        "project__township", "project__responsible_unit"
    )


def test_export_has_the_county_shape():
    factories.make_project("甲", tier=Tier.PROVINCE, total_investment="100.5", annual_plan="20")
    factories.make_project("乙", tier=Tier.COUNTY, total_investment="200", annual_plan="30.25")
    factories.make_project("丙", tier=Tier.COUNTY, total_investment="300", annual_plan="0")
    ws = load_workbook(io.BytesIO(project_list_workbook(listings=_listings(), year=2024))).active
    values = [list(row) for row in ws.iter_rows(values_only=True)]
    assert values[0][0] == "阳城县2024年重点工程项目表"
    assert "A1:N1" in {str(r) for r in ws.merged_cells.ranges}
    assert "单位：万元" in values[1]
    assert values[2][:8] == [
        "序号",
        "项目名称",
        "项目编码",
        "建设性质",
        "建设单位",
        "建设内容及规模",
        "总投资",
        "2024年计划投资",
    ]
    assert values[3][1] == "合计（3项）" and values[3][6] == 600.5 and values[3][7] == 50.25
    assert values[4][0] == "一、省级重点工程（1项）"
    assert values[5][1] == "甲"
    assert values[6][1] == "小计" and values[6][6] == 100.5
    assert values[7][0] == "二、县级重点工程（2项）"
    assert values[10][1] == "小计" and values[10][7] == 30.25


def test_export_then_import_changes_nothing(register):
    data = project_list_workbook(listings=_listings(), year=2024)
    plan = project_import_preview(source=data, year=2024)
    assert plan.errors == [] and plan.warnings == []
    assert (plan.count("create"), plan.count("update"), plan.count("unchanged")) == (0, 0, 5)
    plan = project_import_apply(source=data, year=2024)
    assert plan.count("unchanged") == 5


def test_a_filtered_export_imports_back_unchanged_too(register):
    data = project_list_workbook(listings=_listings(tier=Tier.COUNTY), year=2024)
    plan = project_import_preview(source=data, year=2024)
    assert plan.errors == []
    assert (plan.count("create"), plan.count("update"), plan.count("unchanged")) == (0, 0, 2)


def test_demo_register_round_trip_reproduces_the_notice():
    """The 126 demo projects: the exported file's tiers sum to the notice, and import back unchanged."""
    from demo import register as demo

    demo.load()
    data = project_list_workbook(listings=_listings(), year=2024)
    plan = project_import_preview(source=data, year=2024)
    assert plan.errors == []
    assert (plan.count("create"), plan.count("update"), plan.count("unchanged")) == (0, 0, 126)
    tiers = plan.summary()["tiers"]
    assert {t: (v["count"], v["total_investment"], v["annual_plan"]) for t, v in tiers.items()} == {
        "province": (6, "1069900.00", "176100.00"),
        "city": (18, "7094000.00", "269700.00"),
        "county": (102, "3130600.00", "785600.00"),
    }


def test_template_reads_as_a_list_with_no_projects_yet(register):
    data = project_list_template(year=2025)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["2025年重点工程", "填写说明"]
    plan = project_import_preview(source=data, year=2025)
    assert [e.message for e in plan.errors] == ["表头下方没有找到任何项目行。"]
    # Filled in below its section rows, the template imports.
    ws = wb.active
    ws["A5"], ws["B5"], ws["D5"], ws["G5"], ws["H5"], ws["K5"] = 1, "新项目", "新建", 100, 50, "凤城镇"
    buffer = io.BytesIO()
    wb.save(buffer)
    plan = project_import_preview(source=buffer.getvalue(), year=2025)
    assert plan.errors == []
    assert [(r.name, r.tier, r.action) for r in plan.rows] == [("新项目", Tier.PROVINCE, "create")]


def test_progress_form_lists_the_years_projects_and_reads_back(register):
    data = progress_template(listings=_listings(), year=2024, month=3)
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    names = [row[1] for row in ws.iter_rows(min_row=4, values_only=True) if row[1]]
    assert "凤城光伏发电项目" in names and "芹池康养小镇项目" in names
    plan = progress_import_preview(source=data, year=2024, month=3)
    assert plan.errors == [] and plan.rows == [] and plan.skipped == 5  # nothing filled in yet
    assert plan.ignored_columns == []  # its 2024年计划投资 column is known, not "unrecognised"
    # Fill one row's month figure.
    for row in ws.iter_rows(min_row=4):
        if row[1].value == "凤城光伏发电项目":
            row[4].value = 321.5
    buffer = io.BytesIO()
    wb.save(buffer)
    plan = progress_import_preview(source=buffer.getvalue(), year=2024, month=3)
    assert plan.errors == []
    assert [(r.name, r.values["completed"]) for r in plan.rows] == [("凤城光伏发电项目", "321.50")]


def test_dev_zone_and_unit_names_survive_the_round_trip(register):
    zone = factories.make_unit("阳城经济技术开发区", UnitKind.DEV_ZONE)
    factories.make_project("开发区项目", township=zone, total_investment="1", annual_plan="1")
    plan = project_import_preview(source=project_list_workbook(listings=_listings(), year=2024), year=2024)
    assert plan.errors == [] and plan.count("unchanged") == 6


def test_amounts_keep_their_cents(register):
    factories.make_project("零头项目", total_investment="123456789.99", annual_plan="0.01")
    plan = project_import_preview(source=project_list_workbook(listings=_listings(), year=2024), year=2024)
    assert plan.count("unchanged") == 6
    [row] = [r for r in plan.rows if r.name == "零头项目"]
    assert row.values["total_investment"] == "123456789.99"
    assert Decimal(row.values["annual_plan"]) == Decimal("0.01")


def test_committed_sample_list_imports_into_an_empty_register_as_the_notice_says():
    """fixtures/2024重点工程项目表.xlsx (scripts/make_sample_list.py): county-shaped, 亿元, two-row header."""
    from pathlib import Path

    from demo import register as demo

    for name in demo.TOWNSHIPS:
        factories.make_unit(name, UnitKind.TOWNSHIP)
    factories.make_unit(demo.DEV_ZONE, UnitKind.DEV_ZONE)
    for name in demo.DEPARTMENTS:
        factories.make_unit(name, UnitKind.DEPARTMENT)
    path = Path(__file__).resolve().parents[2] / "fixtures" / "2024重点工程项目表.xlsx"
    plan = project_import_apply(source=path, year=2024)
    assert plan.errors == [] and plan.warnings == []
    assert plan.count("create") == 126
    tiers = plan.summary()["tiers"]
    assert {t: (v["count"], v["total_investment"], v["annual_plan"]) for t, v in tiers.items()} == {
        "province": (6, "1069900.00", "176100.00"),
        "city": (18, "7094000.00", "269700.00"),
        "county": (102, "3130600.00", "785600.00"),
    }
    assert ProjectYear.objects.filter(year=2024, nature=Nature.PRELIMINARY).count() == 9
    assert project_import_preview(source=path, year=2024).count("unchanged") == 126


def test_a_name_that_looks_like_a_formula_is_exported_as_text_and_imports_back(register):
    name = '=HYPERLINK("http://example.com","点击查看")'
    factories.make_project(name, total_investment="1", annual_plan="1")
    data = project_list_workbook(listings=_listings(), year=2024)
    [cell] = [c for c in load_workbook(io.BytesIO(data)).active["B"] if c.value == name]
    assert cell.data_type == "s"  # text Excel shows as typed, never a formula it runs
    plan = project_import_preview(source=data, year=2024)
    assert plan.errors == [] and plan.count("unchanged") == 6
