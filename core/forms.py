"""Small form pieces every app uses."""

from __future__ import annotations

from typing import Any

from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker (a phone shows its calendar), with ISO dates in and out."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def form_errors_text(form: forms.BaseForm) -> str:
    """A form's errors in one line, each after its field's label, for a message on another page."""
    return "; ".join(
        f"{form.fields[name].label if name in form.fields else ''} {' '.join(errors)}".strip()
        for name, errors in form.errors.items()
    )
