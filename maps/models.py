"""Where projects are: one location per project (a point, optionally a line or polygon), and the township
boundary sets the map draws.

Coordinates are stored as WGS-84 / CGCS2000 longitude and latitude (what phone GPS and 天地图 use), to
seven places (about a centimetre). Coordinates typed from Gaode, Tencent or Baidu maps were converted on
entry (maps.coords); `entered_crs` records what the person entered them in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from files.models import Attachment
from projects.models import Project

from .coords import CoordinateSystem


class LocationSource(models.TextChoices):
    MAP = "map", _("Clicked on the map")
    TYPED = "typed", _("Coordinates entered")
    PHOTO = "photo", _("A site photo's GPS")
    IMPORT = "import", _("Imported from a list")
    DEMO = "demo", _("Demo data")


class ProjectLocation(models.Model):
    """A project's location: a point (always) and optionally a line or polygon (`shape`, GeoJSON geometry,
    WGS-84), kept beside the register's Project rather than in it."""

    project = models.OneToOneField(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="location"
    )
    longitude = models.DecimalField(_("longitude"), max_digits=10, decimal_places=7)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=7)
    # A LineString / MultiLineString / Polygon / MultiPolygon, checked by maps.geometry.clean_shape.
    shape = models.JSONField(_("line or area (GeoJSON)"), null=True, blank=True)
    entered_crs = models.CharField(
        _("entered in"), max_length=10, choices=CoordinateSystem.choices, default=CoordinateSystem.WGS84
    )
    source = models.CharField(_("source"), max_length=10, choices=LocationSource.choices)
    photo = models.ForeignKey(
        Attachment,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project location")
        verbose_name_plural = _("project locations")
        ordering = ["project__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(longitude__gte=-180) & Q(longitude__lte=180), name="location_longitude_range"
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90) & Q(latitude__lte=90), name="location_latitude_range"
            ),
            models.CheckConstraint(
                condition=Q(entered_crs__in=CoordinateSystem.values), name="location_entered_crs_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} ({self.longitude}, {self.latitude})"

    @property
    def point(self) -> dict:
        """The point as a GeoJSON geometry."""
        return {"type": "Point", "coordinates": [float(self.longitude), float(self.latitude)]}


class BoundarySet(models.Model):
    """A set of township boundaries (a GeoJSON FeatureCollection, features named like the township units).

    The newest set is the one the map draws; without any, the map draws the approximate set shipped in
    maps/data/yangcheng_townships.geojson. Older sets stay for the record.
    """

    name = models.CharField(_("name"), max_length=200)
    source = models.TextField(
        _("source and terms"), help_text=_("Where the boundaries come from and under what terms.")
    )
    features = models.JSONField(_("features (GeoJSON FeatureCollection)"))
    feature_count = models.PositiveIntegerField(_("townships"), default=0)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("loaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("boundary set")
        verbose_name_plural = _("boundary sets")
        ordering = ["-loaded_at", "-id"]

    def __str__(self) -> str:
        return self.name
