"""What the demo modules share: where they report what they loaded, the ledgers' people, and
creating a record once with its author in the history."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from django.db import models

from accounts.models import Unit, User


class Output(Protocol):
    """Where a demo module says what it loaded: the command's stdout, or a StringIO in the tests."""

    def write(self, text: str, /) -> object: ...


PEOPLE = ["王建国", "李红梅", "张卫东", "赵志刚", "刘晓燕", "陈国强", "杨丽华", "郭振华", "马文斌", "原慧芳"]
M = TypeVar("M", bound=models.Model)


def get_or_create_by(model: type[M], *, author: User | None, defaults: dict[str, Any], **lookup: Any) -> M:
    """get_or_create that also records `author` in the change history (get_or_create cannot)."""
    found = model._default_manager.filter(**lookup).first()
    if found is not None:
        return found
    entry = model(**lookup, **defaults)
    entry._history_user = author  # type: ignore[attr-defined]  # where simple_history reads who acted
    entry.save()
    return entry


def units_by_name() -> dict[str, Unit]:
    return {u.name: u for u in Unit.objects.all()}
