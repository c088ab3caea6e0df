from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .geometry import MAX_BOUNDARY_BYTES, clean_boundaries
from .models import BoundarySet, ProjectLocation


@admin.register(ProjectLocation)
class ProjectLocationAdmin(SimpleHistoryAdmin):
    list_display = ("project", "longitude", "latitude", "entered_crs", "source", "set_by", "set_at")
    list_filter = ("source", "entered_crs")
    search_fields = ("project__name",)
    raw_id_fields = ("project", "photo")
    readonly_fields = ("set_by", "set_at")


class BoundarySetForm(forms.ModelForm):
    """A new boundary set from a GeoJSON file (checked by maps.geometry.clean_boundaries)."""

    file = forms.FileField(
        label=_("GeoJSON file"),
        help_text=_("A FeatureCollection of polygons, one per township, named in properties.name, WGS-84."),
    )

    class Meta:
        model = BoundarySet
        fields = ["name", "source"]

    def clean_file(self) -> dict[str, Any]:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BOUNDARY_BYTES:
            raise ValidationError(_("The boundary file is larger than 5 MB."))
        return clean_boundaries(upload.read())


@admin.register(BoundarySet)
class BoundarySetAdmin(admin.ModelAdmin):
    """Upload the county's own township boundaries; the newest set is the one the map draws."""

    list_display = ("name", "feature_count", "loaded_by", "loaded_at")
    readonly_fields = ("feature_count", "loaded_by", "loaded_at")

    def get_form(
        self, request: HttpRequest, obj: BoundarySet | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = BoundarySetForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: BoundarySet | None = None) -> Any:
        if obj is None:
            return ["name", "source", "file"]
        return ["name", "source", "feature_count", "loaded_by", "loaded_at"]

    def save_model(self, request: HttpRequest, obj: BoundarySet, form: forms.ModelForm, change: bool) -> None:
        if not change:
            obj.features = form.cleaned_data["file"]
            obj.feature_count = len(obj.features["features"])
            obj.loaded_by = request.user  # type: ignore[assignment]  # the admin site is behind the login
        super().save_model(request, obj, form, change)
