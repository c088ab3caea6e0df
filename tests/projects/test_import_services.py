"""Import services against the register: create / update / unchanged, all or nothing, years kept apart."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import connection

from accounts.models import Unit, UnitKind
from projects.excel.apply import ImportOutdatedError, ImportRejectedError, progress_import_apply, project_import_apply
from projects.excel.batches import (
    BatchNotPendingError,
    import_batch_confirm,
    import_batch_create,
    import_batch_discard,
)
from projects.excel.plan_progress import progress_import_preview
from projects.excel.plan_projects import project_import_preview
from projects.models import ImportBatch, ImportStatus, MonthlyProgress, Nature, Project, ProjectYear, Tier
from tests import factories

from .xlsx_samples import county_list, county_units, progress_list, simple_list, to_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_units_db():
    return {name: factories.make_unit(name, kind) for name, kind in county_units().items()}


def _counts(plan):
    return plan.count("create"), plan.count("update"), plan.count("unchanged")


def _register_state():
    """Everything an import may touch, to compare before and after."""
    return (
        sorted(
            Project.objects.values_list(
                "name",
                "code",
                "owner",
                "total_investment",
                "planned_start",
                "planned_completion",
                "township_id",
                "responsible_unit_id",
                "remarks",
            )
        ),
        sorted(ProjectYear.objects.values_list("project__name", "year", "tier", "nature", "annual_plan", "seq")),
        sorted(Unit.objects.values_list("name", flat=True)),
        Project.history.count() + ProjectYear.history.count(),
    )


def test_first_import_creates_projects_and_their_year_listing(county_units_db):
    plan = project_import_apply(source=to_bytes(county_list()), year=2024)
    assert _counts(plan) == (4, 0, 0)
    solar = Project.objects.get(code="2024-140522-0001")
    assert solar.name == "凤城光伏发电项目"
    assert solar.total_investment == Decimal("12300.00")
    assert solar.township == county_units_db["凤城镇"]
    assert solar.responsible_unit == county_units_db["县能源局"]
    assert (solar.planned_start, solar.planned_completion) == (date(2024, 1, 1), date(2026, 12, 31))
    listing = solar.years.get()
    assert (listing.year, listing.tier, listing.nature, listing.annual_plan, listing.seq) == (
        2024,
        Tier.PROVINCE,
        Nature.NEW,
        Decimal("5000.00"),
        1,
    )
    tiers = plan.summary()["tiers"]
    assert tiers["province"] == {"count": 2, "total_investment": "62300.00", "annual_plan": "17000.00"}
    assert tiers["county"] == {"count": 2, "total_investment": "50000.00", "annual_plan": "15000.00"}
    assert tiers["city"]["count"] == 0


def test_importing_the_same_file_again_changes_nothing(county_units_db):
    data = to_bytes(county_list())
    project_import_apply(source=data, year=2024)
    before = _register_state()
    plan = project_import_apply(source=data, year=2024)
    assert _counts(plan) == (0, 0, 4)
    assert _register_state() == before  # not even a history row


def test_changed_amount_is_an_update_showing_old_and_new(county_units_db):
    project_import_apply(source=to_bytes(county_list()), year=2024)
    wb = county_list()
    wb.active["H8"] = 0.6  # plan 0.5 → 0.6 亿元
    wb.active["H10"] = 1.8
    wb.active["H6"] = 3.3
    plan = project_import_preview(source=to_bytes(wb), year=2024)
    assert plan.errors == []
    assert _counts(plan) == (0, 1, 3)
    [item] = [r for r in plan.rows if r.action == "update"]
    assert [(c.field, c.old, c.new) for c in item.changes] == [("annual_plan", "5,000.00", "6,000.00")]
    assert ProjectYear.objects.get(project__code="2024-140522-0001").annual_plan == Decimal(
        "5000.00"
    )  # preview wrote nothing


def test_next_years_list_keeps_this_years_plan(county_units_db):
    project_import_apply(source=to_bytes(county_list(year=2024)), year=2024)
    wb = county_list(year=2025)
    ws = wb.active
    ws["D8"] = "续建"
    ws["H8"], ws["H10"], ws["H6"] = 0.7, 1.9, 3.4  # 2025's plan for the solar project
    ws["G8"], ws["G10"], ws["G6"] = 1.5, 6.5, 11.5  # and a revised total investment (shared)
    plan = project_import_apply(source=to_bytes(wb), year=2025)
    assert _counts(plan) == (4, 0, 0)  # new on 2025's list
    assert "已有该项目" in plan.rows[0].note
    solar = Project.objects.get(code="2024-140522-0001")
    assert Project.objects.count() == 4  # no duplicates: matched by code and by name
    y2024 = solar.years.get(year=2024)
    y2025 = solar.years.get(year=2025)
    assert (y2024.annual_plan, y2024.nature) == (Decimal("5000.00"), Nature.NEW)
    assert (y2025.annual_plan, y2025.nature) == (Decimal("7000.00"), Nature.CONTINUING)
    assert solar.total_investment == Decimal("15000.00")
    # 2024 imported again: its plan is still its own.
    plan = project_import_preview(source=to_bytes(county_list(year=2024)), year=2024)
    assert [r.action for r in plan.rows if r.name == "凤城光伏发电项目"] == ["update"]
    assert {c.field for r in plan.rows for c in r.changes} == {"total_investment"}


def test_an_error_in_the_last_row_writes_nothing(county_units_db):
    wb = county_list()
    wb.active["G14"] = "待定"
    before = _register_state()
    with pytest.raises(ImportRejectedError) as exc:
        project_import_apply(source=to_bytes(wb), year=2024)
    assert [(e.row, e.column) for e in exc.value.plan.errors] == [(14, "G")]
    assert _register_state() == before


@pytest.mark.postgres
def test_a_database_failure_on_the_last_row_rolls_back_the_rows_before_it(county_units_db):
    """The apply step runs in one transaction: make PostgreSQL refuse the last project (a real
    constraint, added for this test and rolled back with it) and nothing of the first three stays."""
    with connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE projects_project ADD CONSTRAINT test_refuse_last CHECK (name <> '町店乡村振兴示范片区项目')"
        )
    before = _register_state()
    with pytest.raises(Exception, match="test_refuse_last"):
        project_import_apply(source=to_bytes(county_list()), year=2024)
    assert _register_state() == before
    assert Project.objects.count() == 0


def test_unknown_township_and_unit_are_errors_unless_creating_units():
    wb = county_list()
    plan = project_import_preview(source=to_bytes(wb), year=2024)
    unknown = [(e.row, e.column) for e in plan.errors]
    assert (8, "J") in unknown and (8, "K") in unknown
    assert any("未登记的乡（镇）“凤城镇”" in e.message for e in plan.errors)
    assert Unit.objects.count() == 0

    plan = project_import_apply(source=to_bytes(wb), year=2024, create_units=True)
    assert plan.errors == []
    assert Unit.objects.get(name="凤城镇").kind == UnitKind.TOWNSHIP
    assert Unit.objects.get(name="县能源局").kind == UnitKind.DEPARTMENT
    assert {name for name, _kind in plan.units_to_create} == set(county_units())


def test_a_new_unit_spelt_two_ways_in_one_file_is_created_once():
    wb = simple_list(
        [
            [1, "甲", "县级", "新建", 100, 50, "芹池 新区", "县新能源局"],
            [2, "乙", "县级", "新建", 100, 50, "芹池新区", "县新能源局 "],
        ]
    )
    plan = project_import_apply(source=to_bytes(wb), year=2024, create_units=True)
    assert plan.errors == []
    assert sorted(Unit.objects.values_list("name", flat=True)) == ["县新能源局", "芹池 新区"]
    assert set(Project.objects.values_list("township__name", flat=True)) == {"芹池 新区"}


def test_units_are_recognised_the_way_officials_write_them(county_units_db):
    factories.make_unit("阳城经济技术开发区", UnitKind.DEV_ZONE)
    wb = simple_list(
        [
            [1, "甲", "县级", "新建", 100, 50, "凤城", "能源局"],
            [2, "乙", "县级", "新建", 100, 50, "北留镇西街村", "阳城县工业和信息化局"],
            [3, "丙", "县级", "新建", 100, 50, "润城镇、町店镇", "县农业农村局"],
        ]
    )
    plan = project_import_apply(source=to_bytes(wb), year=2024)
    assert plan.errors == []
    assert len(plan.warnings) == 1 and "多个单位" in plan.warnings[0].message
    got = {
        p.name: (p.township.name if p.township else None, p.responsible_unit.name if p.responsible_unit else None)
        for p in Project.objects.select_related("township", "responsible_unit")
    }
    assert got == {
        "甲": ("凤城镇", "县能源局"),
        "乙": ("北留镇", "县工业和信息化局"),
        "丙": ("润城镇", "县农业农村局"),
    }


def test_match_by_code_renames_and_match_by_name_adds_the_code(county_units_db):
    renamed = factories.make_project("旧名称光伏项目", code="2024-140522-0001", tier=Tier.PROVINCE)
    coded_later = factories.make_project("北留陶瓷琉璃产业园项目", tier=Tier.PROVINCE, nature=Nature.CONTINUING)
    wb = county_list()
    wb.active["C9"] = "2024-140522-0002"
    plan = project_import_apply(source=to_bytes(wb), year=2024)
    renamed.refresh_from_db()
    coded_later.refresh_from_db()
    assert renamed.name == "凤城光伏发电项目"
    assert coded_later.code == "2024-140522-0002"
    assert _counts(plan) == (2, 2, 0)
    assert Project.objects.count() == 4


def test_name_matching_ignores_spaces_and_full_width_characters(county_units_db):
    project_import_apply(source=to_bytes(county_list()), year=2024)
    wb = county_list()
    wb.active["B9"] = "北留陶瓷琉璃产业园 项目"
    plan = project_import_preview(source=to_bytes(wb), year=2024)
    assert _counts(plan) == (0, 0, 4)


def test_stored_name_with_another_code_is_an_error(county_units_db):
    factories.make_project("凤城光伏发电项目", code="OTHER-CODE")
    plan = project_import_preview(source=to_bytes(county_list()), year=2024)
    assert [(e.row, e.column) for e in plan.errors] == [(8, "C")]
    assert "OTHER-CODE" in plan.errors[0].message


def test_ambiguous_name_needs_a_code(county_units_db):
    factories.make_project("北留陶瓷琉璃产业园项目", year=None)
    factories.make_project("北留陶瓷琉璃产业园项目", year=None, code="Z-1")
    plan = project_import_preview(source=to_bytes(county_list()), year=2024)
    assert [(e.row, e.column) for e in plan.errors] == [(9, "B")]
    assert "多个名为" in plan.errors[0].message


def test_two_rows_that_are_one_stored_project_are_an_error(county_units_db):
    factories.make_project("北留陶瓷琉璃产业园项目", code="2024-140522-0001")
    plan = project_import_preview(source=to_bytes(county_list()), year=2024)
    assert [(e.row, e.column) for e in plan.errors] == [(9, "B")]
    assert "同一个已有项目" in plan.errors[0].message


def test_a_year_or_month_in_the_file_keeps_the_exact_stored_date(county_units_db):
    project_import_apply(source=to_bytes(county_list()), year=2024)
    Project.objects.filter(code="2024-140522-0001").update(planned_start=date(2024, 4, 18))
    plan = project_import_preview(source=to_bytes(county_list()), year=2024)  # says "2024-2026"
    assert _counts(plan) == (0, 0, 4)


def test_missing_nature_for_a_new_listing_is_an_error(county_units_db):
    wb = simple_list([[1, "甲", "县级", 100, 50]], headers=["序号", "项目名称", "层级", "总投资", "年度计划投资"])
    plan = project_import_preview(source=to_bytes(wb), year=2024)
    assert len(plan.errors) == 1 and "缺少建设性质" in plan.errors[0].message


def test_projects_of_the_year_left_out_of_the_file_are_listed_not_deleted(county_units_db):
    factories.make_project("不在表中的项目")
    plan = project_import_apply(source=to_bytes(county_list()), year=2024)
    assert plan.not_in_file == ["不在表中的项目"]
    assert Project.objects.filter(name="不在表中的项目").exists()


def test_name_longer_than_the_register_allows_is_an_error(county_units_db):
    wb = simple_list([[1, "长" * 201, "县级", "新建", 100, 50]])
    plan = project_import_preview(source=to_bytes(wb), year=2024)
    assert [(e.row, e.column) for e in plan.errors] == [(4, "B")]


# --- the stored upload: preview → confirm / discard ------------------------------------------------


def _batch(user, data, **kwargs):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("2024年重点工程.xlsx", data)
    return import_batch_create(
        upload=upload,
        original_name=upload.name or "",
        uploaded_by=user,
        **{"kind": "projects", "year": 2024, **kwargs},
    )


def test_preview_batch_writes_nothing_until_confirmed(admin, county_units_db):
    before = _register_state()
    batch = _batch(admin, to_bytes(county_list()))
    assert batch.status == ImportStatus.PREVIEWED
    assert batch.summary["created"] == 4 and batch.summary["errors"] == []
    assert _register_state() == before  # leaving at the preview writes nothing
    plan = import_batch_confirm(batch=batch, user=admin)
    assert _counts(plan) == (4, 0, 0)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and batch.applied_at is not None
    assert Project.objects.count() == 4
    assert Project.history.filter(history_user=admin).count() == 4
    with pytest.raises(BatchNotPendingError):
        import_batch_confirm(batch=batch, user=admin)  # a second click does nothing
    assert Project.objects.count() == 4


def test_confirm_refuses_when_the_register_changed_since_the_preview(admin, county_units_db):
    project_import_apply(source=to_bytes(county_list()), year=2024)
    wb = county_list()
    wb.active["H8"], wb.active["H10"], wb.active["H6"] = 0.6, 1.8, 3.3
    batch = _batch(admin, to_bytes(wb))
    assert batch.summary["updated"] == 1
    ProjectYear.objects.filter(project__code="2024-140522-0001").update(annual_plan=Decimal("6000"))
    with pytest.raises(ImportOutdatedError):
        import_batch_confirm(batch=batch, user=admin)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED
    assert batch.summary["updated"] == 0 and batch.summary["unchanged"] == 4  # the refreshed preview
    import_batch_confirm(batch=batch, user=admin)  # confirming the refreshed preview works


def test_discard_deletes_the_stored_file_and_writes_nothing(
    admin, county_units_db, django_capture_on_commit_callbacks
):
    batch = _batch(admin, to_bytes(county_list()))
    storage, name = batch.file.storage, batch.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        import_batch_discard(batch=batch, user=admin)
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.DISCARDED
    assert not storage.exists(name)
    assert Project.objects.count() == 0
    with pytest.raises(BatchNotPendingError):
        import_batch_confirm(batch=batch, user=admin)


# --- monthly progress ------------------------------------------------------------------------------


@pytest.fixture
def listed():
    a = factories.make_project("甲项目", code="P-A", annual_plan="1200")
    b = factories.make_project("乙项目", annual_plan="600", tier=Tier.CITY)
    factories.make_progress(a, month=1, completed="100")
    factories.make_progress(a, month=2, completed="150")
    return a, b


def test_progress_month_is_derived_from_the_cumulative_figure(listed, admin):
    a, b = listed
    wb = progress_list(
        [
            [1, "甲项目", None, None, "400", "主体施工", None],
            [2, None, None, None, None, None, None],
            [3, "乙项目", None, "80.5", None, None, "缺少用地指标"],
        ]
    )
    plan = progress_import_apply(source=to_bytes(wb), year=2024, month=3, user=admin)
    assert _counts(plan) == (2, 0, 0)
    march_a = MonthlyProgress.objects.get(project=a, year=2024, month=3)
    assert march_a.completed == Decimal("150.00")  # 400 − (100 + 150)
    assert march_a.physical_progress == "主体施工" and march_a.reported_by == admin
    march_b = MonthlyProgress.objects.get(project=b, month=3)
    assert march_b.completed == Decimal("80.50")
    assert plan.warnings == []  # 甲 reported January and February; 乙 gave the month itself
    assert plan.summary()["tiers"]["county"]["completed"] == "150.00"


def test_progress_reimport_is_unchanged_and_a_correction_updates(listed, admin):
    a, _b = listed
    wb = progress_list([[1, "甲项目", None, "150", None, "主体施工", None]])
    progress_import_apply(source=to_bytes(wb), year=2024, month=3)
    assert _counts(progress_import_preview(source=to_bytes(wb), year=2024, month=3)) == (0, 0, 1)
    wb = progress_list([[1, None, "P-A", "175", None, None, None]])  # by code; text left blank is kept
    plan = progress_import_apply(source=to_bytes(wb), year=2024, month=3)
    assert _counts(plan) == (0, 1, 0)
    march = MonthlyProgress.objects.get(project=a, month=3)
    assert (march.completed, march.physical_progress) == (Decimal("175.00"), "主体施工")
    assert MonthlyProgress.objects.filter(project=a, month=3).count() == 1


def test_cumulative_below_what_was_already_reported_is_an_error(listed):
    wb = progress_list([[1, "甲项目", None, None, "200", None, None]])
    with pytest.raises(ImportRejectedError) as exc:
        progress_import_apply(source=to_bytes(wb), year=2024, month=3)
    assert [(e.row, e.column) for e in exc.value.plan.errors] == [(4, "E")]
    assert "小于此前各月已填报" in exc.value.plan.errors[0].message


def test_month_and_cumulative_that_disagree_are_an_error(listed):
    wb = progress_list([[1, "甲项目", None, "100", "400", None, None]])
    plan = progress_import_preview(source=to_bytes(wb), year=2024, month=3)
    assert len(plan.errors) == 1 and "不符" in plan.errors[0].message
    wb = progress_list([[1, "甲项目", None, "150", "400", None, None]])
    assert progress_import_preview(source=to_bytes(wb), year=2024, month=3).errors == []


def test_unknown_or_unlisted_project_is_an_error_and_nothing_is_written(listed):
    factories.make_project("未列入名单的项目", year=2023)
    wb = progress_list(
        [
            [1, "甲项目", None, "10", None, None, None],
            [2, "没有这个项目", None, "5", None, None, None],
            [3, "未列入名单的项目", None, "5", None, None, None],
        ]
    )
    with pytest.raises(ImportRejectedError) as exc:
        progress_import_apply(source=to_bytes(wb), year=2024, month=3)
    assert [(e.row, e.column) for e in exc.value.plan.errors] == [(5, "B"), (6, "B")]
    assert not MonthlyProgress.objects.filter(month=3).exists()


@time_machine.travel(date(2024, 3, 20))
def test_progress_for_a_month_that_has_not_begun_is_refused(listed):
    wb = progress_list([[1, "甲项目", None, "10", None, None, None]], month=4)
    with pytest.raises(ImportRejectedError) as exc:
        progress_import_apply(source=to_bytes(wb), year=2024, month=4)
    assert [e.message for e in exc.value.plan.errors] == ["2024年4月尚未开始，还不能填报进度。"]
    assert not MonthlyProgress.objects.filter(month=4).exists()
    wb = progress_list([[1, "甲项目", None, "10", None, None, None]], month=3)
    assert progress_import_apply(source=to_bytes(wb), year=2024, month=3).errors == []  # the current month is open


def test_months_never_reported_are_named_in_a_warning(listed):
    _a, _b = listed
    wb = progress_list([[1, "乙项目", None, None, "90", None, None]])
    plan = progress_import_preview(source=to_bytes(wb), year=2024, month=3)
    assert [w.message for w in plan.warnings] == ["1、2月未填报，累计数与已填报数之差全部计入3月"]
