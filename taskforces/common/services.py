"""Writes that every ledger shares: creating and changing an entry. Each ledger's own writes are in
`taskforces/<slug>/services.py`.

How a ledger entry is saved, the same way for every ledger:

1. the view binds the ledger's form (a `taskforces.common.forms.LedgerForm`) and checks access;
2. the form validates, and hands over plain values: `form.values()` is a dict of the entry's field
   names to cleaned values (model instances for foreign keys, `Decimal` for money, `date` for
   dates), plus what the ledger's own inputs give (`form.new_photos()`, the supervision checks);
3. the view passes those values, keyword-only, to a service: `entry_create(model=..., values=...,
   user=..., uploads=...)` or `entry_update(entry=..., values=..., user=...)` here, or a ledger's
   own service built on them (`supervision_visit_save`). No service takes a form, and no form saves.

Services record the acting user: `created_by` on a new entry and `record_author()`, which
django-simple-history writes on the history row (so every change says who made it, in a request or
not: demo data, tasks). Views call services and nothing else to change data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model

from accounts.models import User
from files.pipeline import CleanedUpload
from files.services import attachment_create

from .models import LedgerEntry

E = TypeVar("E", bound=LedgerEntry)


def record_author(obj: Model, user: User | None) -> None:
    """Name `user` on the history row django-simple-history writes at `obj`'s next save."""
    obj._history_user = user  # type: ignore[attr-defined]  # the attribute django-simple-history reads


def entry_create(*, model: type[E], values: Mapping[str, Any], user: User, uploads: Sequence[CleanedUpload] = ()) -> E:
    """A new entry of `model` with `values` (field name → value), entered by `user`, with its uploaded files.

    One transaction: the entry and its files are saved together or not at all.
    """
    entry = model(**values)
    entry.created_by = user
    record_author(entry, user)
    with transaction.atomic():
        entry.save()
        for cleaned in uploads:
            attachment_create(entry=entry, cleaned=cleaned, uploaded_by=user)
    return entry


def entry_update(*, entry: E, values: Mapping[str, Any], user: User) -> E:
    """Change `entry`'s fields to `values` (field name → value); one history row names `user`."""
    for name, value in values.items():
        setattr(entry, name, value)
    record_author(entry, user)
    entry.save(update_fields=[*values, "updated_at"])
    return entry
