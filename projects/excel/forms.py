"""Upload forms of the Excel import (the key-project list and a month's progress)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..selectors.periods import available_years

MONTHS = [(m, _("%(month)s (month)") % {"month": m}) for m in range(1, 13)]


def year_choices() -> list[tuple[int, str]]:
    """Listed years, the last few, and next year (a new year's list is imported before anything else)."""
    today = timezone.localdate()
    years = set(available_years()) | set(range(today.year - 5, today.year + 2))
    return [(y, str(y)) for y in sorted(years, reverse=True)]


class _UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])

    def __init__(self, *args: Any, default_year: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.TypedChoiceField", self.fields["year"]).choices = year_choices()
        if default_year is not None:
            self.fields["year"].initial = default_year

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size and upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than the limit of %(limit)s MB.")
                % {"limit": round(settings.IMPORT_MAX_BYTES / (1024 * 1024), 2)}
            )
        return upload


class ProjectImportForm(_UploadForm):
    create_units = forms.BooleanField(
        label=_("Create townships and units the register does not know yet"),
        required=False,
        help_text=_("Otherwise an unknown township or unit is reported as an error."),
    )


class ProgressImportForm(_UploadForm):
    month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=MONTHS)

    def __init__(self, *args: Any, default_month: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if default_month is not None:
            self.fields["month"].initial = default_month


class ProgressTemplateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])
    month = forms.TypedChoiceField(label=_("Month"), coerce=int, choices=MONTHS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.TypedChoiceField", self.fields["year"]).choices = year_choices()
