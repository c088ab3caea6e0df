"""The bulletin as an official document: the parts that are not figures (number, issuer, date) and what the
HTML pages lay out. The tables are `tables.py`'s, the words `text.py`'s."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .models import BulletinVersion
from .schema import BulletinFigures
from .tables import bulletin_tables


@dataclass
class DocumentMeta:
    """The parts of the official document that are not figures."""

    title: str
    doc_number: str
    issuer: str
    recipients: str
    issued_on: date
    version: int | None = None  # None: an unpublished draft
    note: str = ""

    @property
    def draft(self) -> bool:
        return self.version is None

    @property
    def date_label(self) -> str:
        return date_label(self.issued_on)


def date_label(day: date) -> str:
    """2024年4月3日: Arabic numerals without leading zeros (GB/T 9704-2012)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(year)s-%(month)s-%(day)s") % {"year": day.year, "month": day.month, "day": day.day}


def doc_number(prefix: str, year: int, sequence: int | None) -> str:
    """阳项指办〔2024〕10号. Without a sequence (draft) the number is left blank for the office to fill."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("%(prefix)s [%(year)s] No. %(number)s") % {
            "prefix": prefix,
            "year": year,
            "number": sequence if sequence is not None else "  ",
        }


def draft_meta(figures: BulletinFigures, *, sequence: int | None, issued_on: date) -> DocumentMeta:
    options = figures["options"]
    return DocumentMeta(
        title=figures["text"]["title"],
        doc_number=doc_number(options["doc_number_prefix"], figures["year"], sequence),
        issuer=options["issuer"],
        recipients=options["recipients"],
        issued_on=issued_on,
    )


def version_meta(version: BulletinVersion) -> DocumentMeta:
    figures = version.figures
    return DocumentMeta(
        title=figures["text"]["title"],
        doc_number=version.doc_number,
        issuer=figures["options"]["issuer"],
        recipients=figures["options"]["recipients"],
        issued_on=version.issued_on,
        version=version.number,
        note=version.note,
    )


def document_context(figures: BulletinFigures, meta: DocumentMeta) -> dict[str, Any]:
    """What the HTML templates need to lay the bulletin out: sections with their tables in place."""
    tables = bulletin_tables(figures)
    sections = []
    for section in figures["text"]["sections"]:
        in_place = [
            tables[k] for k in section.get("tables", []) if k in tables and tables[k].in_document and tables[k].rows
        ]
        sections.append({**section, "table_objects": in_place})
    return {"meta": meta, "text": figures["text"], "sections": sections, "figures": figures}
