#!/usr/bin/env python3
"""Fill empty msgstr entries from a JSON file of {"English msgid": "中文"}, in every catalogue.

    python scripts/po_fill.py translations.json [catalogue.po ...]

Entries already translated are left alone; "fuzzy" flags on filled entries are removed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from po_untranslated import catalogues


def _unquote(lines: list[str]) -> str:
    return "".join(json.loads(line[line.index('"') :]) for line in lines if '"' in line)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def fill(path: Path, mapping: dict[str, str]) -> int:
    blocks = re.split(r"(\n\s*\n)", path.read_text(encoding="utf-8"))
    filled = 0
    for i, block in enumerate(blocks):
        lines = block.split("\n")
        try:
            id_start = next(n for n, line in enumerate(lines) if line.startswith("msgid "))
            str_start = next(n for n, line in enumerate(lines) if line.startswith("msgstr"))
        except StopIteration:
            continue
        if any(line.startswith("msgid_plural") for line in lines):
            continue
        msgid = _unquote(lines[id_start:str_start])
        msgstr = _unquote(lines[str_start:])
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        if not msgid or msgid not in mapping or (msgstr and not fuzzy):
            continue
        head = [
            line.replace(", fuzzy", "") if line.startswith("#,") else line
            for line in lines[:str_start]
            if line.strip() != "#, fuzzy"
        ]
        head = [line for line in head if not re.match(r"^#\| ", line)]
        blocks[i] = "\n".join([*head, f"msgstr {_quote(mapping[msgid])}"])
        filled += 1
    path.write_text("".join(blocks), encoding="utf-8")
    return filled


if __name__ == "__main__":
    mapping = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    paths = [Path(p) for p in sys.argv[2:]] or catalogues()
    for path in paths:
        print(f"{path}: {fill(path, mapping)} filled")
