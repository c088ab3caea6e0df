"""Checking uploaded photos and documents before they are stored.

    cleaned = clean_upload(request.FILES["file"], allow=("photo", "document"))  # raises ValidationError
    attachment_create(entry=..., cleaned=cleaned, uploaded_by=request.user)   # taskforces.services

Rules:
- size at most settings.UPLOAD_MAX_BYTES;
- the type is decided by the CONTENT, never by the file name or the browser's content type;
- images (JPEG, PNG, WebP, GIF, BMP; phone photos) are decoded fully with Pillow, which rejects
  anything that is not really an image, then RE-ENCODED as JPEG: rotated upright per the EXIF
  orientation, longest side at most PHOTO_MAX_SIDE, every metadata block dropped (a phone photo's
  EXIF may hold the owner's name, the device serial and more). Before that, the EXIF
  DateTimeOriginal and GPS position are read and returned, to be kept in database fields;
- documents: PDF, OOXML (docx/xlsx/pptx, checked inside the zip), OFD (China's e-document
  format), legacy Office (OLE compound file). Documents are stored as uploaded and always served
  as downloads (`Content-Disposition: attachment`), never rendered inline.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from files.models import AttachmentKind

PHOTO_MAX_SIDE = 2560
PHOTO_QUALITY = 85
MAX_PIXELS = 80_000_000  # a 108-megapixel phone is rare; anything bigger is a decompression bomb
IMAGE_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "BMP"}

OOXML_KINDS = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
}
OLE_EXTENSIONS = {
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".wps": "application/vnd.ms-works",
    ".et": "application/vnd.ms-excel",
}
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass
class CleanedUpload:
    """A checked upload, ready to be stored as an `Attachment`."""

    content: ContentFile
    original_name: str
    mime_type: str
    kind: str
    size: int
    sha256: str
    taken_at: datetime | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    width: int | None = None
    height: int | None = None


def safe_name(name: str, ext: str | None = None) -> str:
    """The uploader's file name without path parts or control characters, with `ext` if given."""
    base = os.path.basename(name.replace("\\", "/")).strip() or "file"
    base = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]", "_", base)[:200]
    if ext:
        base = os.path.splitext(base)[0] + ext
    return base


def _read(upload: UploadedFile) -> bytes:
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The file is too large; the limit is %(limit)s.") % {"limit": filesizeformat(limit)}, code="too_large"
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    return data


# --- photos --------------------------------------------------------------------------------------


def _rational(value: object) -> Decimal:
    try:
        return Decimal(str(float(value)))  # type: ignore[arg-type]  # EXIF rationals are float()-able, or raise
    except (TypeError, ValueError, ZeroDivisionError, InvalidOperation):
        raise ValueError("bad rational") from None


def _gps_coordinate(dms: Iterable[object] | None, ref: str | bytes | None, limit: int) -> Decimal | None:
    if dms is None:
        return None
    try:
        degrees, minutes, seconds = (_rational(v) for v in dms)
    except (TypeError, ValueError):
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if ref and ref.strip().upper() in ("S", "W"):
        value = -value
    if not -limit <= value <= limit:
        return None
    return value.quantize(Decimal("0.000001"))


def _exif_time(exif_ifd: Mapping[int, Any]) -> datetime | None:
    raw = exif_ifd.get(ExifTags.Base.DateTimeOriginal) or exif_ifd.get(ExifTags.Base.DateTimeDigitized)
    if not raw:
        return None
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", "ignore")
    try:
        naive = datetime.strptime(raw.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")  # noqa: DTZ007  # EXIF has no zone: one is applied below
    except ValueError:
        return None
    offset = exif_ifd.get(ExifTags.Base.OffsetTimeOriginal) or exif_ifd.get(ExifTags.Base.OffsetTime)
    if isinstance(offset, bytes):
        offset = offset.decode("ascii", "ignore")
    match = re.fullmatch(r"([+-])(\d{2}):(\d{2})", (offset or "").strip("\x00 "))
    if match:
        sign = 1 if match.group(1) == "+" else -1
        tz = dt_timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))
        return naive.replace(tzinfo=tz)
    # Phones without an offset tag record local time: the county's time zone.
    return timezone.make_aware(naive, timezone.get_default_timezone())


def read_exif(image: Image.Image) -> tuple[datetime | None, Decimal | None, Decimal | None]:
    """(time taken, latitude, longitude) from an image's EXIF, each None when absent or unreadable."""
    try:
        exif = image.getexif()
        exif_ifd = exif.get_ifd(ExifTags.IFD.Exif)
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    except Exception:  # noqa: BLE001  # corrupt EXIF, whatever Pillow raises, must not reject a good photo
        return None, None, None
    taken_at = _exif_time(exif_ifd) or _exif_time(exif)  # some cameras put DateTime in IFD0 only
    lat = lon = None
    if gps:
        lat = _gps_coordinate(gps.get(ExifTags.GPS.GPSLatitude), gps.get(ExifTags.GPS.GPSLatitudeRef), 90)
        lon = _gps_coordinate(gps.get(ExifTags.GPS.GPSLongitude), gps.get(ExifTags.GPS.GPSLongitudeRef), 180)
        if lat is None or lon is None or (lat == 0 and lon == 0):
            lat = lon = None
    return taken_at, lat, lon


def _probe_photo(data: bytes) -> None:
    """Refuse formats we do not take and pixel counts that would be a decompression bomb, before decoding."""
    with Image.open(io.BytesIO(data)) as probe:
        if probe.format not in IMAGE_FORMATS:
            raise ValidationError(_("This image format is not accepted; use JPEG or PNG."), code="format")
        if probe.width * probe.height > MAX_PIXELS:
            raise ValidationError(_("The image has too many pixels."), code="too_large")
        probe.verify()


def _clean_photo(data: bytes, name: str) -> CleanedUpload:
    try:
        _probe_photo(data)
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # decodes every pixel: truncated or forged files fail here
            taken_at, lat, lon = read_exif(image)
            upright = ImageOps.exif_transpose(image)
            if upright.mode in ("RGBA", "LA", "P"):
                rgba = upright.convert("RGBA")
                flat = Image.new("RGB", rgba.size, (255, 255, 255))
                flat.paste(rgba, mask=rgba.getchannel("A"))
                upright = flat
            elif upright.mode != "RGB":
                upright = upright.convert("RGB")
            upright.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            upright.save(out, format="JPEG", quality=PHOTO_QUALITY, optimize=True)  # no exif= : metadata dropped
            width, height = upright.size
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("The file is not a readable image."), code="not_image") from None
    encoded = out.getvalue()
    return CleanedUpload(
        content=ContentFile(encoded, name=safe_name(name, ".jpg")),
        original_name=safe_name(name, ".jpg"),
        mime_type="image/jpeg",
        kind=AttachmentKind.PHOTO,
        size=len(encoded),
        sha256=hashlib.sha256(encoded).hexdigest(),
        taken_at=taken_at,
        latitude=lat,
        longitude=lon,
        width=width,
        height=height,
    )


# --- documents ------------------------------------------------------------------------------------


def _sniff_document(data: bytes, name: str) -> tuple[str, str] | None:
    """(mime type, extension) judged from the content, or None when it is no accepted document."""
    if data.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, ValueError):
            return None
        if "OFD.xml" in names:
            return "application/ofd", ".ofd"
        if "[Content_Types].xml" in names:
            for prefix, kind in OOXML_KINDS.items():
                if any(n.startswith(prefix) for n in names):
                    return kind
        return None
    if data.startswith(OLE_MAGIC):
        ext = os.path.splitext(name)[1].lower()
        return (OLE_EXTENSIONS[ext], ext) if ext in OLE_EXTENSIONS else ("application/msword", ".doc")
    return None


def _looks_like_image(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            return probe.format in IMAGE_FORMATS
    except Exception:  # noqa: BLE001  # whatever Pillow raises on a forged file, it is no image: documents are tried next
        return False


def clean_upload(
    upload: UploadedFile, *, allow: tuple[str, ...] = (AttachmentKind.PHOTO, AttachmentKind.DOCUMENT)
) -> CleanedUpload:
    """Check one uploaded file; raise ValidationError (with a Chinese message) when it is refused."""
    data = _read(upload)
    name = upload.name or "file"
    if AttachmentKind.PHOTO in allow and _looks_like_image(data):
        return _clean_photo(data, name)
    if AttachmentKind.DOCUMENT in allow:
        sniffed = _sniff_document(data, name)
        if sniffed is not None:
            mime, ext = sniffed
            return CleanedUpload(
                content=ContentFile(data, name=safe_name(name, ext)),
                original_name=safe_name(name, ext),
                mime_type=mime,
                kind=AttachmentKind.DOCUMENT,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
        if AttachmentKind.PHOTO in allow:
            raise ValidationError(_("Only photos, PDF, Word, Excel and OFD files are accepted."), code="type")
        raise ValidationError(_("Only PDF, Word, Excel and OFD files are accepted."), code="type")
    raise ValidationError(_("Only photos (JPEG or PNG) are accepted."), code="type")
