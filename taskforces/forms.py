"""Shared form pieces for ledger entries: phone-friendly widgets and several files in one field.

Every ledger form subclasses `LedgerForm`: date fields get the phone's date picker, text areas
are two rows high unless the form's Meta.widgets sizes them, and choice lists of projects and units
are limited to what makes sense.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project, Unit

from .ledgers.common import CatalogueEntry
from .uploads import CleanedUpload, clean_upload


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class LedgerForm(forms.ModelForm):
    """Base of ledger entry forms. `user` is the person entering (for choice lists that depend on them)."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        declared_widgets = self._meta.widgets or {}  # a size the form chose itself (e.g. a 4-row summary) stands
        for name, field in self.fields.items():
            try:
                model_field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                model_field = None
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            elif isinstance(field.widget, forms.Textarea) and name not in declared_widgets:
                field.widget.attrs["rows"] = 2  # Django's default of 10 rows fills a phone screen
            if isinstance(model_field, models.DecimalField):
                field.widget.attrs.setdefault("inputmode", "decimal")
                field.widget.attrs.setdefault("step", "0.01")
            if isinstance(field, forms.ModelChoiceField):
                queryset = field.queryset
                if queryset.model is Project:
                    field.queryset = Project.objects.only("id", "name").order_by("name")
                elif queryset.model is Unit:
                    field.queryset = Unit.objects.order_by("kind", "sort_order", "name")
                elif issubclass(queryset.model, CatalogueEntry):
                    current = getattr(self.instance, f"{name}_id", None)
                    # Retired catalogue entries stay selectable only on entries that already use them.
                    field.queryset = queryset.model.objects.filter(models.Q(active=True) | models.Q(pk=current))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by `taskforces.uploads.clean_upload`.

    `cleaned_data[name]` is a list of `CleanedUpload`.
    """

    def __init__(self, *args, kinds: tuple[str, ...] = ("photo", "document"), **kwargs):
        self.kinds = kinds
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*" if kinds == ("photo",) else None}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[CleanedUpload]:
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        cleaned = []
        errors = []
        for upload in files:
            try:
                cleaned.append(clean_upload(upload, allow=self.kinds))
            except forms.ValidationError as exc:
                errors.extend(f"{upload.name}：{message}" for message in exc.messages)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


def attachments_field(kinds: tuple[str, ...]) -> MultipleFileField:
    label = _("Photos") if kinds == ("photo",) else _("Photos and documents") if "photo" in kinds else _("Documents")
    if kinds == ("photo",):
        help_text = _("Several photos at once; the time and place they were taken are kept.")
    elif "photo" in kinds:
        help_text = _("Photos (several at once, keeping the time and place they were taken) or PDF, Word, Excel and OFD files.")
    else:
        help_text = _("PDF, Word, Excel or OFD files.")
    return MultipleFileField(kinds=kinds, label=label, help_text=help_text)


class AttachmentForm(forms.Form):
    """Add photos or documents to an existing entry."""

    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)

    def __init__(self, *args, kinds: tuple[str, ...] = ("photo", "document"), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"] = attachments_field(kinds)
        self.fields["files"].required = True
        self.order_fields(["files", "caption"])
