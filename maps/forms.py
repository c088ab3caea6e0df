"""Forms of the map: a project's location, a photo's position, a boundary file."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .coords import CoordinateSystem
from .geometry import clean_shape
from .models import LocationSource

_NUMBER = r"[-+]?\d{1,3}(?:\.\d{1,12})?"
_PAIR = re.compile(rf"^\s*({_NUMBER})\s*[,，;；\s]\s*({_NUMBER})\s*$")


def parse_coordinates(text: str) -> tuple[Decimal, Decimal]:
    """ "112.42,35.48" (also with a full-width comma, a semicolon or a space) → (longitude, latitude).

    Longitude comes first, as Gaode, Baidu and 天地图 copy it; a pair given latitude first (Tencent's
    picker) is recognised because in China a longitude (73–135) is always larger than 90.
    """
    match = _PAIR.match(text or "")
    if match is None:
        raise ValidationError(_("Enter longitude and latitude as two numbers, e.g. 112.42,35.48."))
    try:
        first, second = Decimal(match.group(1)), Decimal(match.group(2))
    except InvalidOperation:
        raise ValidationError(_("Enter longitude and latitude as two numbers, e.g. 112.42,35.48.")) from None
    if abs(first) <= 90 < abs(second):
        first, second = second, first
    if not (-180 <= first <= 180 and -90 <= second <= 90):
        raise ValidationError(_("A longitude lies between -180 and 180, a latitude between -90 and 90."))
    return first, second


class LocationForm(forms.Form):
    coordinates = forms.CharField(
        label=_("Longitude, latitude"),
        max_length=80,
        help_text=_("Click on the map, or paste the coordinates (longitude first, e.g. 112.42,35.48)."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "placeholder": "112.42,35.48"}),
    )
    crs = forms.ChoiceField(
        label=_("Coordinate system"),
        choices=CoordinateSystem.choices,
        initial=CoordinateSystem.WGS84,
        widget=forms.RadioSelect,
        help_text=_(
            "Points clicked on this map are WGS-84. For coordinates copied from Gaode or Tencent choose GCJ-02, from Baidu BD-09."
        ),
    )
    shape = forms.CharField(required=False, widget=forms.HiddenInput)
    source = forms.ChoiceField(
        choices=[(LocationSource.MAP, LocationSource.MAP.label), (LocationSource.TYPED, LocationSource.TYPED.label)],
        initial=LocationSource.TYPED,
        widget=forms.HiddenInput,
    )

    def clean_coordinates(self) -> tuple[Decimal, Decimal]:
        return parse_coordinates(self.cleaned_data["coordinates"])

    def clean_shape(self) -> dict[str, Any] | None:
        return clean_shape(self.cleaned_data.get("shape") or None)


class PhotoLocationForm(forms.Form):
    attachment = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
