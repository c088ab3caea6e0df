"""Problems found in an uploaded list, each placed by sheet, Excel row number and column.

Messages are translated when the problem is created (the active language: Chinese in the web
app and in management commands), so a stored preview shows exactly what the reader saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from django.utils.translation import gettext as _

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    level: Level
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""  # the Excel column letter, e.g. "G"

    def as_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}

    def where(self) -> str:
        """Where it is, in words: 工作表「Sheet1」第17行 G列."""
        parts = []
        if self.sheet:
            parts.append(_("sheet “%(sheet)s”") % {"sheet": self.sheet})
        if self.row:
            parts.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_("column %(column)s") % {"column": self.column})
        return " ".join(parts)

    def __str__(self) -> str:
        label = _("Error") if self.level == "error" else _("Warning")
        where = self.where()
        return f"[{label}] {where}：{self.message}" if where else f"[{label}] {self.message}"


@dataclass
class Problems:
    """A growing list of errors and warnings, in the order they were found."""

    items: list[Problem] = field(default_factory=list)

    def error(self, message: str, *, sheet: str = "", row: int | None = None, column: str = "") -> None:
        self.items.append(Problem("error", message, sheet, row, column))

    def warning(self, message: str, *, sheet: str = "", row: int | None = None, column: str = "") -> None:
        self.items.append(Problem("warning", message, sheet, row, column))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.level == "warning"]

    def __bool__(self) -> bool:
        return bool(self.errors)


@dataclass(frozen=True)
class RowProblems:
    """Problems of one row of the file, each placed in the column that holds a field."""

    problems: Problems
    sheet: str
    row: int
    letters: dict[str, str]  # field → column letter

    def error(self, key: str, message: str) -> None:
        self.problems.error(message, sheet=self.sheet, row=self.row, column=self.letters.get(key, ""))

    def warning(self, key: str, message: str) -> None:
        self.problems.warning(message, sheet=self.sheet, row=self.row, column=self.letters.get(key, ""))


class ImportFileError(Exception):
    """The file as a whole cannot be read (not an xlsx, encrypted, corrupt, too large, empty)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def problem(self) -> Problem:
        return Problem("error", self.message)


class CellError(ValueError):
    """One cell's value cannot be used; the message says why, in the reader's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
