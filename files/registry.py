"""Which records may hold attachments, and who may read and change them.

This app sits below every app that keeps files, so it cannot know their access rules. Each owning app
registers its models at start-up (`AppConfig.ready`) with a function that answers, for a user and an
entry, whether they may read it and whether they may change it. An attachment on a model nobody
registered is served to no one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from django.db import models

from accounts.models import User

# (user, entry) -> may the user read this entry? / may the user change it?
Check = Callable[[User, models.Model], bool]
M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Owner:
    can_read: Check
    can_write: Check


_owners: dict[type[models.Model], Owner] = {}


def register(model: type[M], *, can_read: Callable[[User, M], bool], can_write: Callable[[User, M], bool]) -> None:
    # The checks are looked up by the entry's own model (`owner_of(type(entry))`), so they only ever see an M.
    _owners[model] = Owner(can_read=cast("Check", can_read), can_write=cast("Check", can_write))


def owner_of(model: type[models.Model] | None) -> Owner | None:
    return _owners.get(model) if model is not None else None
