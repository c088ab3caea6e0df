"""Matching what a cell says to the register: units and townships by the names officials write,
projects by their code.

Unknown units are planned for creation when the import allows it; nothing here writes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _

from accounts.models import Unit, UnitKind

from ..models import Project
from .plan import SkipRow
from .reader import name_key
from .reader.cells import compact
from .reader.problems import RowProblems


def code_key(code: str) -> str:
    """Project codes compared without spaces, width or case: 2024-140522-0001 whatever the typing."""
    return compact(code).upper()


def by_name(projects: Iterable[Project]) -> dict[str, list[Project]]:
    """Projects by their name as a person compares names (reader.name_key); a name may be shared."""
    found: dict[str, list[Project]] = defaultdict(list)
    for project in projects:
        found[name_key(project.name)].append(project)
    return found


class Claims:
    """The file row that named each stored project first: a later row naming it again is refused."""

    def __init__(self) -> None:
        self._rows: dict[int, int] = {}

    def claim(self, project: Project, *, row: int, here: RowProblems) -> None:
        earlier = self._rows.get(project.pk)
        if earlier is not None:
            here.error(
                "name",
                _("Rows %(earlier)s and %(row)s are the same stored project “%(name)s”")
                % {"earlier": earlier, "row": row, "name": project.name},
            )
            raise SkipRow
        self._rows[project.pk] = row


_TOWNSHIP_PREFIX = re.compile(r"^(.{1,8}?(?:镇|乡|街道|开发区|园区))")


def unit_kind_for(name: str, *, township_column: bool) -> str:
    if "开发区" in name or "园区" in name:
        return UnitKind.DEV_ZONE
    if name.endswith(("镇", "乡", "街道")) or township_column:
        return UnitKind.TOWNSHIP
    if "办公室" in name or name.endswith("办"):
        return UnitKind.OFFICE
    return UnitKind.DEPARTMENT


class UnitResolver:
    """Finds the unit a cell names, the way an official writes it: 凤城镇 / 凤城 / 凤城镇东关村;
    县交通运输局 / 交通运输局 / 阳城县交通运输局. Unknown names are planned for creation when allowed."""

    def __init__(self, *, create: bool) -> None:
        self.create = create
        self.units = list(Unit.objects.all())
        self.by_key: dict[str, Unit] = {}
        for unit in self.units:
            for key in self._keys(unit.name) + (self._keys(unit.short_name) if unit.short_name else []):
                self.by_key.setdefault(key, unit)
        self.planned: dict[str, tuple[str, str]] = {}  # key → (name, kind)

    @staticmethod
    def _keys(name: str) -> list[str]:
        key = compact(name)
        keys = [key]
        if key.startswith("阳城县"):
            keys.append("县" + key.removeprefix("阳城县"))
        if key.startswith("县"):
            keys.append(key.removeprefix("县"))
        keys.extend(
            key.removesuffix(suffix) for suffix in ("人民政府", "管委会", "管理委员会") if key.endswith(suffix)
        )
        if key.endswith(("镇", "乡")) and len(key) > 2:
            keys.append(key[:-1])
        return keys

    def resolve(self, value: str, *, township_column: bool) -> tuple[Unit | str | None, str]:
        """(the unit, or the name of a unit to create, or None when unknown; a warning or "")."""
        warning = ""
        parts = [p for p in re.split(r"[、,，;；/]+", value) if p.strip()]
        if len(parts) > 1:
            warning = _("“%(value)s” names several units; the first, “%(first)s”, is used") % {
                "value": value,
                "first": parts[0].strip(),
            }
        name = parts[0].strip() if parts else value.strip()
        for key in self._keys(name):
            if key in self.by_key:
                return self.by_key[key], warning
        if township_column:
            # 建设地点 often names the village too: 凤城镇东关村 belongs to 凤城镇.
            for unit in self.units:
                if unit.is_township and compact(name).startswith(compact(unit.name)):
                    return unit, warning
            match = _TOWNSHIP_PREFIX.match(compact(name))
            if match and match.group(1) != compact(name):
                name = match.group(1)
                for key in self._keys(name):
                    if key in self.by_key:
                        return self.by_key[key], warning
        if not self.create:
            return None, warning
        key = compact(name)
        if key not in self.planned:
            self.planned[key] = (name, unit_kind_for(name, township_column=township_column))
        # The first spelling names the new unit; "芹池 新区" later in the file is the same unit.
        return self.planned[key][0], warning
