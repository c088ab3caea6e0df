"""The bulletin's optional sections: one per task force whose ledger has data, and the campaigns'.

Each ledger is read only if its model exists (the ledgers are built beside this app) and only
appears when it holds records for the year, so a bulletin never shows an empty section.
"""

from __future__ import annotations

from django.apps import apps


def ledger_model(label: str):
    """The ledger model "app_label.Model", or None while it does not exist."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def taskforce_sections(*, year: int, month: int) -> list[dict]:
    """[{"slug", "name", "figures": {...}, "paragraphs": [...]}, ...] for the ledgers with data."""
    return []


def campaign_sections(*, year: int, month: int) -> list[dict]:
    """The campaigns' part of the bulletin, when campaigns/selectors.py exposes `bulletin_section`.

    Hook: `campaigns.selectors.bulletin_section(*, year, month) -> list[{"slug", "name", "figures", "paragraphs"}]`.
    """
    try:
        from campaigns import selectors as campaign_selectors  # type: ignore[attr-defined]
    except ImportError:
        return []
    section = getattr(campaign_selectors, "bulletin_section", None)
    if section is None:
        return []
    return list(section(year=year, month=month) or [])
