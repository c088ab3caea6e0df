"""The web flow of an import: upload → preview (an ImportBatch keeps the file and its plan) → confirm
or discard. Only what the preview showed is ever applied, and only once."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import IO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User

from ..models import ImportBatch, ImportKind, ImportStatus
from .apply import ImportOutdatedError, ImportRejectedError, progress_import_apply, project_import_apply
from .plan import ImportPlan
from .plan_progress import progress_import_preview
from .plan_projects import project_import_preview
from .reader.workbook import check_workbook_bytes, read_source


class BatchNotPendingError(Exception):
    """The batch was already applied or discarded."""


def import_batch_create(
    *,
    upload: IO[bytes],
    original_name: str,
    kind: str,
    year: int,
    month: int | None = None,
    create_units: bool = False,
    uploaded_by: User,
) -> ImportBatch:
    """Keep the uploaded file and its preview. Raises ImportFileError for a file that cannot be read
    at all (too large, not an .xlsx, encrypted, damaged); row-level problems go in the preview."""
    data = read_source(upload)
    check_workbook_bytes(data)
    if kind == ImportKind.PROJECTS:
        plan = project_import_preview(source=data, year=year, create_units=create_units)
    else:
        plan = progress_import_preview(source=data, year=year, month=month or 1)
    batch = ImportBatch(
        kind=kind,
        year=year,
        month=month if kind == ImportKind.PROGRESS else None,
        original_name=Path(original_name).name[:255],
        uploaded_by=uploaded_by,
        options={"create_units": create_units},
        summary=plan.summary(),
    )
    batch.file.save(f"{uuid.uuid4().hex}.xlsx", ContentFile(data), save=False)
    batch.save()
    return batch


def _batch_plan(batch: ImportBatch, *, apply: bool, user: User | None) -> ImportPlan:
    with batch.file.open("rb") as handle:
        data = handle.read()
    expected = batch.summary.get("fingerprint")
    if batch.kind == ImportKind.PROJECTS:
        return project_import_apply(
            source=data,
            year=batch.year,
            create_units=bool(batch.options.get("create_units")),
            user=user,
            expected_fingerprint=expected,
            dry_run=not apply,
        )
    return progress_import_apply(
        source=data,
        year=batch.year,
        month=batch.month or 1,
        user=user,
        expected_fingerprint=expected,
        dry_run=not apply,
    )


def import_batch_confirm(*, batch: ImportBatch, user: User) -> ImportPlan:
    """Apply exactly what the preview showed, in one transaction, once.

    The batch row is locked so that two clicks (or two people) cannot apply it twice. If the file
    now has errors or the register changed since the preview, nothing is written: the preview is
    refreshed (ImportRejectedError / ImportOutdatedError) for the user to look at again.
    """
    refused: ImportRejectedError | ImportOutdatedError | None = None
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportStatus.PREVIEWED:
            raise BatchNotPendingError
        try:
            plan = _batch_plan(locked, apply=True, user=user)  # its own savepoint: a refusal undoes only it
        except (ImportRejectedError, ImportOutdatedError) as exc:
            refused = exc
            locked.summary = exc.plan.summary()  # the refreshed preview survives the refusal
            locked.save(update_fields=["summary"])
        else:
            locked.status = ImportStatus.APPLIED
            locked.applied_at = timezone.now()
            locked.summary = {**plan.summary(), "applied_by": user.pk}
            locked.save(update_fields=["status", "applied_at", "summary"])
    batch.refresh_from_db()
    if refused is not None:
        raise refused
    return plan


def import_batch_discard(*, batch: ImportBatch, user: User) -> None:
    """Drop a preview: nothing reaches the register, and the stored file is deleted."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportStatus.PREVIEWED:
            raise BatchNotPendingError
        locked.status = ImportStatus.DISCARDED
        locked.summary = {**locked.summary, "discarded_by": user.pk}
        locked.save(update_fields=["status", "summary"])
        name = locked.file.name
        storage = locked.file.storage
        transaction.on_commit(lambda: storage.delete(name) if name and storage.exists(name) else None)
    batch.refresh_from_db()
