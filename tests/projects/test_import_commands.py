"""`import_projects` and `import_progress` from the command line: summary, problems, JSON, exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Unit
from projects.models import MonthlyProgress, Project
from tests import factories

from .xlsx_samples import county_list, county_units, progress_list, to_bytes

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def list_file(tmp_path):
    path = tmp_path / "2024年重点工程项目表.xlsx"
    path.write_bytes(to_bytes(county_list()))
    return path


@pytest.fixture
def units(db):
    for name, kind in county_units().items():
        factories.make_unit(name, kind)


def _run(*args) -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command(*args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc
    return out.getvalue(), None


def test_json_output_is_one_object_with_exact_amounts(list_file, units):
    out, error = _run("import_projects", str(list_file), "--year", "2024", "--json")
    assert error is None
    data = json.loads(out)  # exactly one JSON object, nothing else on stdout
    assert {k: data[k] for k in ("rows", "created", "updated", "unchanged", "errors", "warnings")} == {
        "rows": 4,
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "warnings": [],
    }
    assert data["tiers"] == {
        "province": {"count": 2, "total_investment": "62300.00", "annual_plan": "17000.00"},
        "city": {"count": 0, "total_investment": "0.00", "annual_plan": "0.00"},
        "county": {"count": 2, "total_investment": "50000.00", "annual_plan": "15000.00"},
    }
    assert Project.objects.count() == 4
    out, _ = _run("import_projects", str(list_file), "--year", "2024", "--json")
    assert json.loads(out)["unchanged"] == 4


def test_errors_are_listed_by_sheet_row_and_column_and_nothing_is_written(tmp_path, units):
    wb = county_list()
    wb.active["G14"] = -1
    wb.active["D13"] = "改建"
    path = tmp_path / "bad.xlsx"
    path.write_bytes(to_bytes(wb))
    out, error = _run("import_projects", str(path), "--year", "2024", "--json")
    assert error is not None and error.returncode == 1
    data = json.loads(out)
    assert [(e["sheet"], e["row"], e["column"]) for e in data["errors"]] == [
        ("重点工程", 13, "D"),
        ("重点工程", 14, "G"),
    ]
    assert all(set(e) == {"sheet", "row", "column", "message"} for e in data["errors"])
    assert "不能为负数" in data["errors"][1]["message"]
    assert Project.objects.count() == 0


def test_human_summary_prints_every_problem_in_chinese(tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(to_bytes(county_list()))
    out, error = _run("import_projects", str(path), "--year", "2024")
    assert error is not None
    assert "未写入任何数据" in str(error)
    assert "[错误] 工作表“重点工程” 第8行 J列：" in out and "未登记的乡（镇）“凤城镇”" in out
    assert Unit.objects.count() == 0


def test_create_units_creates_the_unknown_ones(list_file):
    out, error = _run("import_projects", str(list_file), "--year", "2024", "--create-units", "--json")
    assert error is None
    data = json.loads(out)
    assert sorted(data["units_created"]) == sorted(county_units())
    assert Unit.objects.count() == len(county_units())


def test_dry_run_writes_nothing(list_file, units):
    out, error = _run("import_projects", str(list_file), "--year", "2024", "--dry-run")
    assert error is None
    assert "试运行" in out and "新增4项" in out
    assert Project.objects.count() == 0


def test_missing_or_unreadable_file_is_an_error(tmp_path):
    out, error = _run("import_projects", str(tmp_path / "nope.xlsx"), "--year", "2024", "--json")
    assert error is not None
    assert "找不到文件" in json.loads(out)["errors"][0]["message"]
    path = tmp_path / "list.csv"
    path.write_text("项目名称,总投资\n")
    out, error = _run("import_projects", str(path), "--year", "2024", "--json")
    assert "不是Excel工作簿" in json.loads(out)["errors"][0]["message"]


def test_import_progress_json_and_derived_month(tmp_path):
    project = factories.make_project("甲项目", annual_plan="1200")
    factories.make_progress(project, month=1, completed="100")
    factories.make_progress(project, month=2, completed="150")
    path = tmp_path / "3月.xlsx"
    path.write_bytes(to_bytes(progress_list([[1, "甲项目", None, None, "400", "主体施工", None]])))
    out, error = _run("import_progress", str(path), "--year", "2024", "--month", "3", "--json")
    assert error is None
    data = json.loads(out)
    assert (data["rows"], data["created"], data["errors"]) == (1, 1, [])
    assert data["tiers"]["county"]["completed"] == "150.00"
    assert MonthlyProgress.objects.get(project=project, month=3).completed == Decimal("150.00")


def test_import_progress_dry_run_and_errors(tmp_path):
    factories.make_project("甲项目")
    path = tmp_path / "3月.xlsx"
    path.write_bytes(to_bytes(progress_list([[1, "甲项目", None, "-5", None, None, None]])))
    out, error = _run("import_progress", str(path), "--year", "2024", "--month", "3")
    assert error is not None and "不能为负数" in out
    path.write_bytes(to_bytes(progress_list([[1, "甲项目", None, "5", None, None, None]])))
    out, error = _run("import_progress", str(path), "--year", "2024", "--month", "3", "--dry-run")
    assert error is None and not MonthlyProgress.objects.exists()


def test_command_exits_non_zero_from_the_shell(tmp_path, settings):
    """The exit status itself, as a script would see it (a file error needs no database)."""
    path = tmp_path / "not.xlsx"
    path.write_bytes(b"not a workbook")
    env = {
        "DJANGO_SETTINGS_MODULE": "yangcheng_projects.settings_test",
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = subprocess.run(  # noqa: S603  # this project's own manage.py, with arguments the test wrote
        [sys.executable, "manage.py", "import_projects", str(path), "--year", "2024", "--json", "--skip-checks"],
        check=False,  # the exit status is what the test checks
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["created"] == 0


def test_import_progress_refuses_a_month_outside_1_to_12_in_chinese(tmp_path):
    path = tmp_path / "进展.xlsx"
    path.write_bytes(to_bytes(progress_list([[1, "甲项目", None, "10", None, None, None]])))
    _out, error = _run("import_progress", str(path), "--year", "2024", "--month", "13")
    assert error is not None and "1到12" in str(error)
