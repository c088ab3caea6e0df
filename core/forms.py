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
        f"{form.fields[name].label if name in form.fields else ''} {' '.join(str(error) for error in errors)}".strip()
        for name, errors in form.errors.items()
    )


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """A form's model choice field by name (multiple choice too), typed, to set its queryset per request."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"the field {name!r} is a {type(field).__name__}, not a ModelChoiceField")
    return field


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A form's choice field by name, typed, to set its choices per request."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"the field {name!r} is a {type(field).__name__}, not a ChoiceField")
    return field
