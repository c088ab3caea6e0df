"""Publishing freezes a bulletin; a re-issue is a new version with its differences listed."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from bulletins.diff import figures_diff, path_label
from bulletins.figures import bulletin_figures
from bulletins.models import BulletinSettings, BulletinVersion
from bulletins.services import bulletin_publish
from projects.models import MonthlyProgress
from tests import factories

pytestmark = pytest.mark.django_db


def test_publishing_stores_the_figures_and_the_word_document(county, hq):
    version = bulletin_publish(year=2024, month=10, published_by=hq, issued_on=date(2024, 11, 5))
    assert (version.number, version.doc_sequence, version.doc_number) == (1, 1, "阳项指办〔2024〕1号")
    assert version.figures == bulletin_figures(year=2024, month=10)
    document = Document(io.BytesIO(bytes(version.docx)))
    texts = [p.text for p in document.paragraphs]
    assert "阳项指办〔2024〕1号" in texts and "2024年11月5日" in texts
    assert version.figures["headline"] in texts
    assert "草稿" not in document.sections[0].header._element.xml


def test_later_corrections_do_not_change_what_was_published(county, hq):
    version = bulletin_publish(year=2024, month=10, published_by=hq)
    issued_figures, issued_docx = version.figures, bytes(version.docx)
    # A correction after publication: 甲's October 300 → 900, and a new project.
    MonthlyProgress.objects.filter(project=county["a"], month=10).update(completed=900)
    factories.make_project("庚项目", annual_plan=100)
    live = bulletin_figures(year=2024, month=10)
    assert live["total"]["completed"] == "2940.00"  # 2340 + 600
    stored = BulletinVersion.objects.get(pk=version.pk)
    assert stored.figures == issued_figures
    assert stored.figures["total"]["completed"] == "2340.00"
    assert stored.figures["total"]["count"] == 5
    assert bytes(stored.docx) == issued_docx


def test_reissue_is_a_new_version_listing_its_differences(county, hq):
    first = bulletin_publish(year=2024, month=10, published_by=hq)
    MonthlyProgress.objects.filter(project=county["a"], month=10).update(completed=900)
    second = bulletin_publish(year=2024, month=10, published_by=hq, note="更正甲项目10月完成投资")
    assert (second.number, second.doc_sequence) == (2, 2)
    assert second.note == "更正甲项目10月完成投资"
    changes = {c["path"]: c for c in second.changes}
    # 2340 → 2940 in total, 600 → 1200 for the province (甲), 780 → 1380 this month
    assert (changes["total.completed"]["old"], changes["total.completed"]["new"]) == ("2340.00", "2940.00")
    assert (changes["tiers.province.completed"]["old"], changes["tiers.province.completed"]["new"]) == (
        "600.00",
        "1200.00",
    )
    assert (changes["month_completed"]["old"], changes["month_completed"]["new"]) == ("780.00", "1380.00")
    assert changes["total.completed"]["label"] == "全县重点工程 · 累计完成投资（万元）"
    # named lists are matched by name: 甲 is no longer behind (1200 of 1000)
    colour = changes["behind.projects[甲项目].colour"]
    assert (colour["old"], colour["new"], colour["label"]) == ("red", None, "滞后时间进度 · 项目 · 甲项目 · 预警")
    # the texts and the display-rounded values are not listed: they follow from the figures
    assert not any(path.startswith(("text", "headline")) or ".shown." in path for path in changes)
    # version 1 is untouched
    assert BulletinVersion.objects.get(pk=first.pk).figures["total"]["completed"] == "2340.00"


def test_reissue_without_changes_lists_none(county, hq):
    bulletin_publish(year=2024, month=10, published_by=hq)
    second = bulletin_publish(year=2024, month=10, published_by=hq, doc_sequence=1)
    assert second.changes == []
    assert second.doc_number == "阳项指办〔2024〕1号"


def test_document_numbers_run_through_the_year(county, hq):
    assert bulletin_publish(year=2024, month=9, published_by=hq).doc_sequence == 1
    assert bulletin_publish(year=2024, month=10, published_by=hq).doc_sequence == 2
    assert bulletin_publish(year=2025, month=1, published_by=hq).doc_sequence == 1


def test_published_versions_keep_the_settings_they_were_issued_with(county, hq):
    first = bulletin_publish(year=2024, month=10, published_by=hq)
    BulletinSettings.objects.create(pk=1, decimals=1, doc_number_prefix="阳项办")
    second = bulletin_publish(year=2024, month=10, published_by=hq)
    assert first.figures["options"]["decimals"] == 2
    assert second.figures["options"]["decimals"] == 1
    assert second.doc_number.startswith("阳项办〔2024〕")
    assert {c["path"] for c in second.changes} >= {"options.decimals", "options.doc_number_prefix"}


def test_a_month_published_before_a_project_was_added_keeps_its_count(county, hq):
    june = bulletin_publish(year=2024, month=6, published_by=hq)
    added = factories.make_project("己项目", annual_plan=400)
    factories.make_progress(added, month=7, completed=40)
    assert BulletinVersion.objects.get(pk=june.pk).figures["total"]["count"] == 5
    assert bulletin_figures(year=2024, month=6)["total"]["count"] == 6


def test_diff_matches_named_items_and_labels_paths():
    old = {
        "townships": [
            {"name": "凤城镇", "rank": 1, "completion_rate": "50.00"},
            {"name": "北留镇", "rank": 2, "completion_rate": "40.00"},
        ]
    }
    new = {
        "townships": [
            {"name": "北留镇", "rank": 1, "completion_rate": "60.00"},
            {"name": "凤城镇", "rank": 2, "completion_rate": "50.00"},
        ]
    }
    assert {(c["path"], c["old"], c["new"]) for c in figures_diff(old, new)} == {
        ("townships[北留镇].rank", 2, 1),
        ("townships[北留镇].completion_rate", "40.00", "60.00"),
        ("townships[凤城镇].rank", 1, 2),
    }
    assert path_label("townships[北留镇].completion_rate") == "乡（镇） · 北留镇 · 投资完成率（%）"
