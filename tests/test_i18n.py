"""Every user-facing string has its Chinese translation."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from po_untranslated import catalogues, conflicts, untranslated  # noqa: E402


def test_every_catalogue_entry_is_translated_to_chinese():
    missing = {str(path.relative_to(ROOT)): untranslated(path) for path in catalogues()}
    assert not {path: ids for path, ids in missing.items() if ids}


def test_every_app_has_a_chinese_catalogue():
    expected = ["locale", "projects/locale", "taskforces/locale", "campaigns/locale"]
    found = {str(p.relative_to(ROOT)).split("/zh_Hans")[0] for p in catalogues()}
    assert set(expected) <= found


def test_no_string_is_translated_two_ways_by_different_catalogues():
    # Django merges all catalogues; a clash would show one area's wording on another's page.
    assert not conflicts()
