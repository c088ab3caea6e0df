"""Writes to the ledgers. Shared services here; one module per ledger beside it
(`taskforces.services.investment`, `.approvals`, `.supervision`, and `.land`, `.statistics`, `.funding`).

Views call these and nothing else to change data. Keyword-only, typed; history rows get the
acting user from django-simple-history's request middleware, or from `_history_user` in services
run outside a request (demo data, tasks).
"""

from __future__ import annotations

from django.db import models, transaction
from django.forms import ModelForm

from accounts.models import User
from files.pipeline import CleanedUpload
from files.services import attachment_create


def entry_save(*, form: ModelForm, user: User) -> models.Model:
    """Save a valid ledger entry form (create or edit), recording who entered a new entry."""
    entry = form.save(commit=False)
    if entry.pk is None and hasattr(entry, "created_by_id"):
        entry.created_by = user
    entry._history_user = user
    with transaction.atomic():
        entry.save()
        form.save_m2m()
    return entry


def entry_save_with_uploads(
    *, form: ModelForm, user: User, uploads: list[CleanedUpload] | None = None
) -> models.Model:
    """Save a new or edited entry and its uploaded files in one transaction."""
    with transaction.atomic():
        entry = entry_save(form=form, user=user)
        for cleaned in uploads or []:
            attachment_create(entry=entry, cleaned=cleaned, uploaded_by=user)
    return entry
