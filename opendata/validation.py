"""Validation against the OC4IDS 0.9.5 schema copied into opendata/schema/ (never fetched at run time).

The package schema refers to the project schema by its `id` URL; a `referencing` registry holding both
files answers that reference from the local copy. Formats ("uri", "date-time") are checked where
jsonschema has a checker installed for them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
PACKAGE_SCHEMA = SCHEMA_DIR / "project-package-schema.json"
PROJECT_SCHEMA = SCHEMA_DIR / "project-schema.json"


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def package_validator() -> Draft4Validator:
    package = _load(PACKAGE_SCHEMA)
    project = _load(PROJECT_SCHEMA)
    registry: Registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)) for schema in (package, project)
    )
    return Draft4Validator(package, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def validation_errors(package: dict[str, Any]) -> list[str]:
    """Every way `package` breaks the schema, as "path: message", in document order; empty when valid."""
    errors = sorted(package_validator().iter_errors(package), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{'/'.join(str(p) for p in error.absolute_path) or '(package)'}: {error.message}" for error in errors]
