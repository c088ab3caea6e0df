"""python manage.py bulletin --year Y --month M --format json|html|docx|xlsx [--out FILE] [--published]"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from bulletins.figures import bulletin_figures
from bulletins.services import bulletin_publish
from projects.models import MonthlyProgress

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("bulletin", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_json_to_stdout_is_the_bulletin_figures(county):
    data = json.loads(_run("--year", "2024", "--month", "10", "--format", "json"))
    assert data == json.loads(json.dumps(bulletin_figures(year=2024, month=10)))
    assert data["total"]["completion_rate"] == "65.00"
    assert data["time_progress"] == "83.33"


def test_html_is_a_printable_page(county):
    html = _run("--year", "2024", "--month", "10", "--format", "html")
    assert html.startswith("<!doctype html>")
    assert "size: A4" in html
    assert "关于2024年1-10月全县重点工程建设进展情况的通报" in html


def test_docx_and_xlsx_to_files(county, tmp_path):
    docx_path, xlsx_path = tmp_path / "b.docx", tmp_path / "b.xlsx"
    _run("--year", "2024", "--month", "10", "--format", "docx", "--out", str(docx_path))
    _run("--year", "2024", "--month", "10", "--format", "xlsx", "--out", str(xlsx_path))
    document = Document(str(docx_path))
    headline = bulletin_figures(year=2024, month=10)["headline"]
    assert headline in [p.text for p in document.paragraphs]
    assert load_workbook(str(xlsx_path))["分层级"]["B4"].value == 5


def test_published_option_gives_the_version_as_issued(county, hq, tmp_path):
    with pytest.raises(CommandError):
        _run("--year", "2024", "--month", "10", "--published")
    version = bulletin_publish(year=2024, month=10, published_by=hq)
    MonthlyProgress.objects.filter(project=county["a"], month=10).update(completed=900)
    data = json.loads(_run("--year", "2024", "--month", "10", "--published"))
    assert data["total"]["completed"] == "2340.00"  # as issued, not the corrected 2940.00
    path = tmp_path / "issued.docx"
    _run("--year", "2024", "--month", "10", "--format", "docx", "--published", "--out", str(path))
    assert path.read_bytes() == bytes(version.docx)


def test_bad_month_is_refused(db):
    with pytest.raises(CommandError):
        _run("--year", "2024", "--month", "13")
