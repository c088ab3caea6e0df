"""Small helpers for text shown to people."""

from __future__ import annotations


def shorten(text: str, length: int = 40) -> str:
    """One line of at most `length` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
