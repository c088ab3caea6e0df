#!/usr/bin/env python3
"""Set the translation of context-free msgids, overwriting what is there, in the given catalogues.

    python scripts/po_set.py translations.json path/to/django.po [...]

Used to settle a string that two catalogues translated differently (see po_untranslated.py).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def _unquote(lines: list[str]) -> str:
    return "".join(json.loads(line[line.index('"') :]) for line in lines if '"' in line)


def set_translations(path: Path, mapping: dict[str, str]) -> int:
    blocks = re.split(r"(\n\s*\n)", path.read_text(encoding="utf-8"))
    changed = 0
    for i, block in enumerate(blocks):
        lines = block.split("\n")
        if any(line.startswith(("msgctxt", "msgid_plural")) for line in lines):
            continue
        ids = [n for n, line in enumerate(lines) if line.startswith("msgid ")]
        strs = [n for n, line in enumerate(lines) if line.startswith("msgstr")]
        if not ids or not strs:
            continue
        msgid = _unquote(lines[ids[0] : strs[0]])
        if msgid not in mapping or _unquote(lines[strs[0] :]) == mapping[msgid]:
            continue
        head = [line for line in lines[: strs[0]] if line.strip() != "#, fuzzy"]
        blocks[i] = "\n".join([*head, "msgstr " + json.dumps(mapping[msgid], ensure_ascii=False)])
        changed += 1
    path.write_text("".join(blocks), encoding="utf-8")
    return changed


if __name__ == "__main__":
    mapping = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    for name in sys.argv[2:]:
        print(f"{name}: {set_translations(Path(name), mapping)} set")
