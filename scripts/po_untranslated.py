#!/usr/bin/env python3
"""List msgids without a Chinese msgstr (or marked fuzzy) in the given .po files, or in all of them."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def catalogues() -> list[Path]:
    """The project keeps one catalogue (`make messages` writes it), so no string can be translated two ways."""
    return [CATALOGUE]


def _unquote(lines: list[str]) -> str:
    return "".join(json.loads(line[line.index('"') :]) for line in lines if '"' in line)


def entries(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry except the header."""
    result = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        lines = [line for line in block.split("\n") if not line.startswith("#~")]
        ids = [n for n, line in enumerate(lines) if line.startswith("msgid ")]
        strs = [n for n, line in enumerate(lines) if line.startswith("msgstr")]
        if not ids or not strs:
            continue
        msgid = _unquote(lines[ids[0] : strs[0]])
        msgstr = _unquote(lines[strs[0] :])
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        if msgid:
            result.append((msgid, msgstr, fuzzy))
    return result


def untranslated(path: Path) -> list[str]:
    return [msgid for msgid, msgstr, fuzzy in entries(path) if not msgstr or fuzzy]


if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[1:]] or catalogues()
    missing = 0
    for path in paths:
        for msgid in untranslated(path):
            missing += 1
            print(f"{path.relative_to(ROOT)}: {msgid}")
    sys.exit(1 if missing else 0)
