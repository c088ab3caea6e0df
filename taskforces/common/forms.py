"""The base of every ledger entry form: phone-friendly widgets, sensible choice lists, and the
values it hands to the services.

Every ledger form subclasses `LedgerForm`: date fields get the phone's date picker, text areas
are two rows high unless the form's Meta.widgets sizes them, and choice lists of projects and units
are limited to what makes sense. A valid form hands its values over with `values()`; the view
passes them to `taskforces.common.services` (the form itself never saves, see there).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from accounts.models import Unit, User
from core.forms import DateInput
from projects.models import Project

from .models import CatalogueEntry


class LedgerForm(forms.ModelForm):
    """Base of ledger entry forms. `user` is the person entering (for choice lists that depend on them)."""

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        declared_widgets = self._meta.widgets or {}  # a size the form chose itself (e.g. a 4-row summary) stands
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            elif isinstance(field.widget, forms.Textarea) and name not in declared_widgets:
                field.widget.attrs["rows"] = 2  # Django's default of 10 rows fills a phone screen
            if isinstance(self._model_field(name), models.DecimalField):
                field.widget.attrs.setdefault("inputmode", "decimal")
                field.widget.attrs.setdefault("step", "0.01")
            if isinstance(field, forms.ModelChoiceField):
                self._limit_choices(name, field)

    def _model_field(self, name: str) -> models.Field | None:
        try:
            model_field = self._meta.model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        return model_field if isinstance(model_field, models.Field) else None

    def _limit_choices(self, name: str, field: forms.ModelChoiceField) -> None:
        if field.queryset is None:
            return
        model = field.queryset.model
        if model is Project:
            field.queryset = Project.objects.only("id", "name").order_by("name")
        elif model is Unit:
            field.queryset = Unit.objects.order_by("kind", "sort_order", "name")
        elif issubclass(model, CatalogueEntry):
            current = getattr(self.instance, f"{name}_id", None)
            # Retired catalogue entries stay selectable only on entries that already use them.
            field.queryset = model._default_manager.filter(models.Q(active=True) | models.Q(pk=current))

    def model_choice(self, name: str) -> forms.ModelChoiceField:
        """The form's choice field `name`, to narrow its queryset."""
        field = self.fields[name]
        if not isinstance(field, forms.ModelChoiceField):
            raise TypeError(f"{name} is not a choice of objects")
        return field

    def clean(self) -> dict[str, Any]:
        super().clean()
        return self.cleaned_data

    def values(self) -> dict[str, Any]:
        """The valid form's values for the entry: every cleaned value named after a field of the model.

        That is the form's fields, and any field that `clean()` works out from them (e.g. the land
        demand's `stage_date`); upload fields and other inputs that are not the entry's are left out.
        """
        opts = self._meta.model._meta
        names = {f.name for f in opts.concrete_fields}
        return {name: value for name, value in self.cleaned_data.items() if name in names}
