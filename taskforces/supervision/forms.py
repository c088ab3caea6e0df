"""The supervision visit form: the visit, its ten checks (fine / problem + note) and photos, on one
phone-sized page. It hands the visit's values, the checks and the photos to
`taskforces.supervision.services`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from files.forms import attachments_field
from files.pipeline import CleanedUpload

from ..common.forms import LedgerForm
from .models import CheckResult, SupervisionAspect, SupervisionVisit
from .services import CheckInput


class SupervisionVisitForm(LedgerForm):
    class Meta:
        model = SupervisionVisit
        fields = ["project", "date", "inspectors", "talked_with", "summary"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {c.aspect: c for c in self.instance.checks.all()} if self.instance.pk else {}
        for aspect, label in SupervisionAspect.choices:
            check = current.get(aspect)
            self.fields[f"result_{aspect}"] = forms.ChoiceField(
                label=label,
                choices=CheckResult.choices,
                initial=check.result if check else CheckResult.FINE,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{aspect}"] = forms.CharField(
                label=_("Note"),
                required=False,
                initial=check.note if check else "",
                widget=forms.TextInput(attrs={"placeholder": gettext("Note (required for a problem)")}),
            )
        self.fields["photos"] = attachments_field(("photo",))

    def check_rows(self) -> list[tuple[str, BoundField, BoundField]]:
        """(aspect label, result field, note field) for the template."""
        return [
            (str(label), self[f"result_{aspect}"], self[f"note_{aspect}"])
            for aspect, label in SupervisionAspect.choices
        ]

    def visit_fields(self) -> list[BoundField]:
        return [self[name] for name in self.Meta.fields]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for aspect in SupervisionAspect.values:
            if data.get(f"result_{aspect}") == CheckResult.PROBLEM and not (data.get(f"note_{aspect}") or "").strip():
                self.add_error(f"note_{aspect}", gettext("Describe the problem found."))
        return data

    def checks(self) -> list[CheckInput]:
        """The ten checks as entered (valid form only)."""
        return [
            CheckInput(
                aspect=a, result=self.cleaned_data[f"result_{a}"], note=self.cleaned_data.get(f"note_{a}") or ""
            )
            for a in SupervisionAspect.values
        ]

    def new_photos(self) -> list[CleanedUpload]:
        """The new photos, checked and re-encoded by the upload pipeline (valid form only)."""
        return self.cleaned_data.get("photos") or []
