#!/usr/bin/env python3
"""List msgids without a Chinese msgstr (or marked fuzzy) in the given .po files, or in all of them."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def catalogues() -> list[Path]:
    return sorted(p for p in ROOT.rglob("zh_Hans/LC_MESSAGES/django.po") if ".venv" not in p.parts)


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


def translations(path: Path) -> dict[tuple[str, str], str]:
    """{(msgctxt, msgid): msgstr} for every translated entry of one catalogue."""
    result: dict[tuple[str, str], str] = {}
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        lines = [line for line in block.split("\n") if not line.startswith("#~")]
        ctx = [n for n, line in enumerate(lines) if line.startswith("msgctxt ")]
        ids = [n for n, line in enumerate(lines) if line.startswith("msgid ")]
        strs = [n for n, line in enumerate(lines) if line.startswith("msgstr")]
        if not ids or not strs:
            continue
        context = _unquote(lines[ctx[0] : ids[0]]) if ctx else ""
        msgid = _unquote(lines[ids[0] : strs[0]])
        if msgid:
            result[(context, msgid)] = _unquote(lines[strs[0] :])
    return result


def conflicts() -> dict[tuple[str, str], dict[str, str]]:
    """Entries that two catalogues translate differently.

    Django merges every app's catalogue into one, so for the same (context, msgid) only one
    translation can win, and which one depends on INSTALLED_APPS order: a page would show
    another area's wording. Each such string needs one translation, or its own context.
    """
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for path in catalogues():
        area = str(path.relative_to(ROOT)).split("/locale")[0] or "."
        for key, msgstr in translations(path).items():
            seen.setdefault(key, {})[area] = msgstr
    return {key: by_area for key, by_area in seen.items() if len(set(by_area.values())) > 1}


def untranslated(path: Path) -> list[str]:
    return [msgid for msgid, msgstr, fuzzy in entries(path) if not msgstr or fuzzy]


if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[1:]] or catalogues()
    missing = 0
    for path in paths:
        for msgid in untranslated(path):
            missing += 1
            print(f"{path.relative_to(ROOT)}: {msgid}")
    for (context, msgid), by_area in conflicts().items():
        missing += 1
        print(f"conflict: {context + chr(4) if context else ''}{msgid}: {by_area}")
    sys.exit(1 if missing else 0)
