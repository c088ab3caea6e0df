"""Template helpers of the bulletins: the menu entry's permission check and document formatting."""

from __future__ import annotations

from django import template

from core.money import yi_text

from .. import documents, figures, meeting_docx
from ..access import can_read_published

register = template.Library()


@register.filter
def can_read_bulletins(user) -> bool:
    return bool(user and user.is_authenticated and can_read_published(user))


@register.filter
def yi(wan) -> str:
    """万元 → 亿元 with two decimals."""
    return yi_text(wan)


@register.filter
def chinese_numeral(n: int) -> str:
    return figures.chinese_numeral(int(n))


@register.filter
def date_label(day) -> str:
    return documents.date_label(day) if day else ""


@register.filter
def problem_heading(problem) -> str:
    return meeting_docx.problem_heading(problem)


@register.filter
def problem_lines(problem) -> list[str]:
    return meeting_docx.problem_lines(problem)
