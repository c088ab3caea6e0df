"""Texts stored for people to read are written in the county's language, whoever runs the code."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.utils import translation

P = ParamSpec("P")
T = TypeVar("T")


def in_county_language(func: Callable[P, T]) -> Callable[P, T]:
    """Run `func` with the site's language active (a Celery worker or a command has none)."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper
