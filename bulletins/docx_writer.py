"""The bulletin as a Word document, in the official layout of `official_document.py`."""

from __future__ import annotations

from .documents import DocumentMeta
from .official_document import OfficialDocument
from .schema import BulletinFigures
from .tables import bulletin_tables


def bulletin_docx(figures: BulletinFigures, meta: DocumentMeta, *, draft_mark: str = "", unit_note: str = "") -> bytes:
    """The bulletin as a Word document, from its figures dict and document details."""
    tables = bulletin_tables(figures)
    text = figures["text"]
    document = OfficialDocument(title=meta.title, author=meta.issuer, draft_mark=draft_mark)
    document.masthead(meta.issuer, meta.doc_number)
    document.title(meta.title)
    document.recipients(meta.recipients)
    document.body([text["intro"]])
    for section in text["sections"]:
        document.heading(section["number"], section["heading"])
        document.body(section["paragraphs"])
        for sub in section.get("subsections", []):
            document.subheading(sub["number"], sub["heading"])
            document.body(sub["paragraphs"])
        for key in section.get("tables", []):
            table = tables.get(key)
            if table is not None and table.in_document and table.rows:
                document.table(table, unit_note=unit_note)
    document.signature(meta.issuer, meta.date_label)
    return document.bytes()
