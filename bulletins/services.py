"""Writes of the bulletins: publishing (and re-issuing) a month's bulletin, saving the settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User

from .diff import figures_diff
from .documents import DocumentMeta, doc_number, draft_meta, version_meta
from .docx_writer import bulletin_docx
from .figures import bulletin_figures
from .models import Bulletin, BulletinSettings, BulletinVersion
from .schema import BulletinFigures
from .selectors import next_doc_sequence
from .xlsx_writer import bulletin_xlsx


def _unit_note() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Unit: 100 million yuan")


def _draft_mark() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Draft, not published")


def render_docx(figures: BulletinFigures, meta: DocumentMeta) -> bytes:
    """The Word document of a bulletin; drafts carry a red "draft" mark in the page header."""
    return bulletin_docx(figures, meta, draft_mark=_draft_mark() if meta.draft else "", unit_note=_unit_note())


def render_xlsx(figures: BulletinFigures, meta: DocumentMeta) -> bytes:
    return bulletin_xlsx(figures, meta)


@dataclass
class Draft:
    """The live bulletin of a month that has not been published (or has changed since)."""

    figures: BulletinFigures
    meta: DocumentMeta


def bulletin_draft(*, year: int, month: int, issued_on: date | None = None) -> Draft:
    figures = bulletin_figures(year=year, month=month)
    meta = draft_meta(figures, sequence=None, issued_on=issued_on or timezone.localdate())
    return Draft(figures=figures, meta=meta)


def bulletin_publish(
    *,
    year: int,
    month: int,
    published_by: User,
    doc_sequence: int | None = None,
    issued_on: date | None = None,
    note: str = "",
) -> BulletinVersion:
    """Freeze the month's figures and Word document as a new version.

    The first publication is version 1; each re-issue is the next version, with its differences
    from the previous one listed in `changes`. The month's row is locked so that two clicks at once
    cannot write the same version number twice.
    """
    if not 1 <= month <= 12:
        raise ValidationError(_("The month must be between 1 and 12."))
    with transaction.atomic():
        bulletin, _created = Bulletin.objects.get_or_create(year=year, month=month)
        bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        previous = bulletin.versions.order_by("-number").first()
        figures = bulletin_figures(year=year, month=month)
        sequence = doc_sequence or next_doc_sequence(year=year)
        options = figures["options"]
        version = BulletinVersion(
            bulletin=bulletin,
            number=(previous.number + 1) if previous else 1,
            doc_sequence=sequence,
            doc_number=doc_number(options["doc_number_prefix"], year, sequence),
            issued_on=issued_on or timezone.localdate(),
            figures=figures,
            changes=figures_diff(previous.figures, figures) if previous else [],
            note=note.strip(),
            published_by=published_by,
            published_at=timezone.now(),
        )
        version.docx = render_docx(figures, version_meta(version))
        version.save()
    return version


def bulletin_settings_save(*, instance: BulletinSettings) -> BulletinSettings:
    instance.pk = 1
    instance.full_clean()
    instance.save()
    return instance
