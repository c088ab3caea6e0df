"""Form fields for uploads: several files in one input, each checked by the pipeline."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .pipeline import CleanedUpload, clean_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by `files.pipeline.clean_upload`.

    `cleaned_data[name]` is a list of `CleanedUpload`.
    """

    def __init__(self, *args: Any, kinds: tuple[str, ...] = ("photo", "document"), **kwargs: Any) -> None:
        self.kinds = kinds
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*" if kinds == ("photo",) else None}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[CleanedUpload]:
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        cleaned: list[CleanedUpload] = []
        errors: list[str] = []
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
        help_text = _(
            "Photos (several at once, keeping the time and place they were taken) or PDF, Word, Excel and OFD files."
        )
    else:
        help_text = _("PDF, Word, Excel or OFD files.")
    return MultipleFileField(kinds=kinds, label=label, help_text=help_text)


class AttachmentForm(forms.Form):
    """Add photos or documents to an existing entry."""

    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)

    def __init__(self, *args: Any, kinds: tuple[str, ...] = ("photo", "document"), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"] = attachments_field(kinds)
        self.fields["files"].required = True
        self.order_fields(["files", "caption"])
