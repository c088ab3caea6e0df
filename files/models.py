"""Files kept with records: one Attachment model for every app (ledger entries, occurrences, flowcharts).

Files live in the configured storage, never under the static tree, and are streamed by
`files.views.attachment_download` after the owning app has said the user may read the record.
Every upload went through `files.pipeline` first (content sniffing, size and pixel limits, photo
re-encoding without metadata).
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    """A random name under MEDIA_ROOT/ledgers/<model>/<yyyy>/<mm>/: never the uploader's name."""
    ext = os.path.splitext(filename)[1].lower()[:10]
    now = timezone.localtime()
    model = instance.content_type.model if instance.content_type_id else "misc"
    return f"ledgers/{model}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}{ext}"


class Attachment(models.Model):
    """A photo or document attached to any ledger entry (generic relation).

    Files live under MEDIA_ROOT, which the web server does not serve: they are streamed by
    `files.views.attachment_download` after checking that the user may read the entry.
    Photos were verified and re-encoded on upload (metadata stripped); the EXIF time and GPS
    position found in the original are kept in `taken_at`, `latitude`, `longitude`.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    mime_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    taken_at = models.DateTimeField(_("taken at (EXIF)"), null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    width = models.PositiveIntegerField(_("width (px)"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height (px)"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    history = HistoricalRecords(table_name="taskforces_historicalattachment")

    class Meta:
        db_table = "taskforces_attachment"  # moved from the taskforces app; the table kept its name
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__gte=-90) & Q(latitude__lte=90) & Q(longitude__gte=-180) & Q(longitude__lte=180)),
                name="attachment_gps_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_photo(self) -> bool:
        return self.kind == AttachmentKind.PHOTO

    @property
    def has_gps(self) -> bool:
        return self.latitude is not None and self.longitude is not None
