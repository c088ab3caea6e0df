"""The audit trail as an .xlsx workbook (core.xlsx: text that looks like a formula stays text)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.xlsx import Book, XlsxColumn

from .selectors import EventFilter, events


def audit_workbook(filters: EventFilter) -> bytes:
    book = Book()
    sheet = book.sheet(
        _("Audit trail"),
        [
            XlsxColumn(_("Time"), 20, "datetime"),
            XlsxColumn(_("User"), 16),
            XlsxColumn(_("IP address"), 16),
            XlsxColumn(_("User agent"), 30, "wrap"),
            XlsxColumn(_("Action"), 16),
            XlsxColumn(_("Object"), 30, "wrap"),
            XlsxColumn(_("Outcome"), 10),
            XlsxColumn(_("Detail"), 40, "wrap"),
        ],
    )
    sheet.title(_("Security audit trail"))
    sheet.header()
    for event in events(filters).iterator(chunk_size=2000):
        sheet.row(
            [
                event.at,
                event.username,
                event.ip_address or "",
                event.user_agent,
                event.get_action_display(),
                event.object_label,
                event.get_outcome_display(),
                event.detail,
            ]
        )
    return book.to_bytes()
