"""Every user-facing string has its Chinese translation, in the project's one catalogue."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from po_untranslated import CATALOGUE, untranslated  # noqa: E402


def test_every_catalogue_entry_is_translated_to_chinese():
    assert not untranslated(CATALOGUE)


def test_the_project_keeps_one_catalogue_so_no_string_reads_two_ways():
    # Django merges every catalogue it finds; with one, a string cannot show another area's wording.
    found = sorted(p.relative_to(ROOT) for p in ROOT.rglob("django.po") if ".venv" not in p.parts)
    assert found == [CATALOGUE.relative_to(ROOT)]
