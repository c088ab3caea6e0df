"""Shared form pieces for ledger entries: phone-friendly widgets and several files in one field.

Every ledger form subclasses `LedgerForm`: date fields get the phone's date picker, text areas
are two rows high unless the form's Meta.widgets sizes them, and choice lists of projects and units
are limited to what makes sense.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from accounts.models import Unit
from core.forms import DateInput
from projects.models import Project

from .ledgers.common import CatalogueEntry


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
