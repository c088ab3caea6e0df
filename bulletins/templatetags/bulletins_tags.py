"""Template helpers of the bulletins: the menu entry's permission check and document formatting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template
from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from core.money import yi_text
from problems.models import Problem

from .. import documents, meeting_docx, text
from ..access import can_read_published

register = template.Library()


@register.filter
def can_read_bulletins(user: User | AnonymousUser | None) -> bool:
    return bool(user and user.is_authenticated and can_read_published(user))


@register.filter
def yi(wan: Decimal | str | None) -> str:
    """万元 → 亿元 with two decimals."""
    return yi_text(wan)


@register.filter
def chinese_numeral(n: int) -> str:
    return text.chinese_numeral(int(n))


@register.filter
def date_label(day: date | None) -> str:
    return documents.date_label(day) if day else ""


@register.filter
def problem_heading(problem: Problem) -> str:
    return meeting_docx.problem_heading(problem)


@register.filter
def problem_lines(problem: Problem) -> list[str]:
    return meeting_docx.problem_lines(problem)
