"""Opening an uploaded workbook safely and reading each sheet into a grid.

Checks made before openpyxl sees the bytes, so each failure gets its own clear message: the size
limit, an encrypted (password-protected) file or an old .xls (both OLE compound files), something
that is not a zip at all, a damaged zip, a zip that is not a workbook (a .docx), and a zip that
would expand to an unreasonable size. Sheets are read with `read_only=True, data_only=True`
(formulas give the value Excel cached when the file was last saved); one extra streaming pass over
each sheet's XML finds the merged ranges (read-only mode does not expose them) and the formula
cells that have no cached value (files written by programs that never calculated them).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, range_boundaries
from openpyxl.xml.functions import iterparse  # defusedxml's when installed: no XML bombs

from .problems import ImportFileError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office writes an encrypted .xlsx as an OLE file holding these streams (names in UTF-16LE).
_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
ZIP_SIGNATURE = b"PK\x03\x04"
# A 10 MB workbook expands to ~100-200 MB of XML at worst; beyond that it is a zip bomb.
MAX_EXPANSION = 40
# A county's key-project list has a few hundred rows. A sheet with many thousands is some other
# table (or a whole database export): refuse it at once, before it ties up the request for minutes.
# settings.IMPORT_MAX_ROWS overrides.
MAX_ROWS = 5000
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass
class Sheet:
    """One worksheet's values, with what read-only mode leaves out."""

    title: str
    rows: list[list[object]]  # rows[0] is Excel row 1
    number_formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) of numeric cells
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col
    uncached_formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, col), 1-based

    @property
    def is_empty(self) -> bool:
        return not any(value is not None and str(value).strip() for row in self.rows for value in row)

    def value(self, row: int, col: int) -> object:
        """The value at Excel (row, col), 1-based; None outside the data."""
        if 1 <= row <= len(self.rows):
            cells = self.rows[row - 1]
            if 1 <= col <= len(cells):
                return cells[col - 1]
        return None

    def merged_value(self, row: int, col: int) -> object:
        """The value shown at (row, col): a merged range shows its top-left cell everywhere."""
        for min_row, min_col, max_row, max_col in self.merges:
            if min_row <= row <= max_row and min_col <= col <= max_col:
                return self.value(min_row, min_col)
        return self.value(row, col)

    def merge_at(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        for merge in self.merges:
            min_row, min_col, max_row, max_col = merge
            if min_row <= row <= max_row and min_col <= col <= max_col:
                return merge
        return None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def column_letter(col: int) -> str:
    return get_column_letter(col)


def read_source(source: bytes | str | Path | IO[bytes], *, max_bytes: int | None = None) -> bytes:
    """The file's bytes, refusing anything over the limit before reading it whole."""
    limit = settings.IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    too_big = ImportFileError(
        _("The file is larger than the limit of %(limit)s MB. Split the list or remove pictures and try again.")
        % {"limit": _megabytes(limit)}
    )
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise ImportFileError(_("File not found: %(path)s") % {"path": path})
        if path.stat().st_size > limit:
            raise too_big
        data = path.read_bytes()
    else:
        size = getattr(source, "size", None)
        if size is not None and size > limit:
            raise too_big
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(limit + 1)
    if len(data) > limit:
        raise too_big
    return data


def _megabytes(limit: int) -> str:
    value = limit / (1024 * 1024)
    return f"{value:.0f}" if value >= 1 else f"{value:.2f}"


def check_workbook_bytes(data: bytes) -> None:
    """Refuse what is not a readable .xlsx, each case with its own message."""
    if not data:
        raise ImportFileError(_("The file is empty."))
    if data.startswith(OLE_SIGNATURE):
        if any(marker in data for marker in _ENCRYPTED_MARKERS):
            raise ImportFileError(
                _(
                    "The file is protected by a password. Open it in Excel or WPS, remove the password (File → Info → Protect Workbook), save it and upload it again."
                )
            )
        raise ImportFileError(
            _(
                "This is an old Excel 97-2003 file (.xls). Open it in Excel or WPS and save it as an Excel workbook (.xlsx), then upload that."
            )
        )
    if not data.startswith(ZIP_SIGNATURE):
        raise ImportFileError(
            _("This is not an Excel workbook (.xlsx). Save the list as .xlsx in Excel or WPS and upload that.")
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportFileError(
            _(
                "The file is damaged (it cannot be unpacked). Open it in Excel or WPS, save it again and upload the new file."
            )
        ) from None
    with archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise ImportFileError(
                _("This is not an Excel workbook (.xlsx). Save the list as .xlsx in Excel or WPS and upload that.")
            )
        expanded = sum(info.file_size for info in archive.infolist())
        if expanded > max(len(data), 1024 * 1024) * MAX_EXPANSION:
            raise ImportFileError(_("The file expands to an unreasonable size and is refused."))
        try:
            damaged = archive.testzip()  # reads every member: a truncated or altered one fails its CRC
        except Exception:  # noqa: BLE001  # BadZipFile, zlib.error, EOFError… all mean the same to the reader
            damaged = "?"
        if damaged is not None:
            raise ImportFileError(
                _(
                    "The file is damaged (it cannot be unpacked). Open it in Excel or WPS, save it again and upload the new file."
                )
            )


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE_TAG = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+\d+:[A-Za-z]+\d+)"')
_CHUNK = 1 << 20


def _scan_sheet_xml(
    open_source: Callable[[], IO[bytes]],
) -> tuple[list[tuple[int, int, int, int]], set[tuple[int, int]]]:
    """Merged ranges and formula cells without a cached value.

    A quick byte scan finds the merged ranges (one attribute each, at the end of the sheet) and
    whether the sheet has formulas at all; only then is the XML parsed cell by cell.
    """
    refs: set[str] = set()
    has_formula = False
    tail = b""
    with open_source() as source:
        while chunk := source.read(_CHUNK):
            data = tail + chunk
            has_formula = has_formula or bool(_FORMULA_TAG.search(data))
            refs.update(match.group(1).decode() for match in _MERGE_TAG.finditer(data))
            tail = data[-512:]
    merges = []
    for ref in sorted(refs):
        min_col, min_row, max_col, max_row = range_boundaries(ref.upper())
        merges.append((min_row, min_col, max_row, max_col))
    uncached: set[tuple[int, int]] = set()
    if has_formula:
        with open_source() as source:
            uncached = _uncached_formulas(source)
    return merges, uncached


def _uncached_formulas(source: IO[bytes]) -> set[tuple[int, int]]:
    """(row, col) of every formula cell with no stored result, in one streaming pass."""
    uncached: set[tuple[int, int]] = set()
    row_index = 0
    col_index = 0
    for event, element in iterparse(source, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_MAIN_NS}row":
                r = element.get("r")
                row_index = int(r) if r else row_index + 1
                col_index = 0
            continue
        if tag == f"{_MAIN_NS}c":
            ref = element.get("r")
            if ref:
                letters, number = coordinate_from_string(ref)
                col_index = column_index_from_string(letters)
                row_index = number
            else:
                col_index += 1
            formula = element.find(f"{_MAIN_NS}f")
            if formula is not None:
                cached = element.find(f"{_MAIN_NS}v")
                if cached is None or cached.text in (None, ""):
                    uncached.add((row_index, col_index))
            element.clear()
        elif tag == f"{_MAIN_NS}row":
            element.clear()
    return uncached


def read_sheets(data: bytes) -> Iterator[Sheet]:
    """Every worksheet of a checked workbook, in order (chart sheets are skipped)."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  # whatever openpyxl raises on a damaged upload, the reader is told the same
        raise ImportFileError(
            _(
                "The file is damaged or is not a workbook Excel can open. Open it in Excel or WPS, save it again as .xlsx and upload the new file."
            )
        ) from None
    max_rows = getattr(settings, "IMPORT_MAX_ROWS", MAX_ROWS)
    try:
        for worksheet in workbook.worksheets:
            if not hasattr(worksheet, "_get_source"):
                continue
            yield _read_sheet(worksheet, max_rows=max_rows)
    finally:
        workbook.close()


def _read_sheet(worksheet: Any, *, max_rows: int) -> Sheet:
    """One read-only worksheet as a grid, with its merged ranges and uncalculated formulas."""
    try:
        worksheet.reset_dimensions()  # some writers record a wrong size; read what is there
        rows, formats = _sheet_cells(worksheet, max_rows=max_rows)
        merges, uncached = _scan_sheet_xml(worksheet._get_source)
    except ImportFileError:
        raise
    except Exception:  # noqa: BLE001  # a damaged sheet makes openpyxl or the XML parser raise anything
        raise ImportFileError(
            _(
                "The sheet “%(sheet)s” is damaged and cannot be read. Open the file in Excel or WPS, save it again and upload the new file."
            )
            % {"sheet": worksheet.title}
        ) from None
    return Sheet(title=worksheet.title, rows=rows, number_formats=formats, merges=merges, uncached_formulas=uncached)


def _sheet_cells(worksheet: Any, *, max_rows: int) -> tuple[list[list[object]], dict[tuple[int, int], str]]:
    """The cells' values row by row (blank text as None, trailing blanks dropped) and the number
    formats of numeric cells; refuses a sheet with more than `max_rows` filled rows."""
    rows: list[list[object]] = []
    formats: dict[tuple[int, int], str] = {}
    filled = 0
    for row_number, cells in enumerate(worksheet.iter_rows(), start=1):
        values = []
        for col_number, cell in enumerate(cells, start=1):
            value = getattr(cell, "value", None)
            if isinstance(value, str) and not value.strip():
                value = None
            if isinstance(value, float):
                formats[(row_number, col_number)] = getattr(cell, "number_format", "") or ""
            values.append(value)
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
        filled += bool(values)
        if filled > max_rows:
            raise ImportFileError(
                _(
                    "The sheet “%(sheet)s” has more than %(limit)s filled rows: that is not a key-project list. Keep only the list in the file and upload it again."
                )
                % {"sheet": worksheet.title, "limit": max_rows}
            )
    while rows and not rows[-1]:
        rows.pop()
    return rows, formats


def open_sheets(source: bytes | str | Path | IO[bytes], *, max_bytes: int | None = None) -> list[Sheet]:
    """Read, check and load every sheet; raises ImportFileError with a message for the reader."""
    data = read_source(source, max_bytes=max_bytes)
    check_workbook_bytes(data)
    return list(read_sheets(data))
