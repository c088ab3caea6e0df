"""The shared ledger framework: access helpers, upload checks, Excel export, readable history."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from openpyxl import load_workbook
from PIL import Image

from core.xlsx import xlsx_response
from files.pipeline import clean_upload
from taskforces import access
from taskforces.exports import ledger_workbook, model_columns
from taskforces.history import entry_history
from taskforces.models import ApprovalItem, ApprovalItemType, ApprovalStatus, Lead, Trip
from tests import factories


def jpeg_with_exif(*, when: str = "2024:05:06 10:20:30", lat=(35, 29, 24.0), lon=(112, 24, 36.0)) -> bytes:
    """A small JPEG carrying EXIF DateTimeOriginal and a GPS position (north-east), built with Pillow."""
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x0110] = "TestPhone"  # Model: metadata that must not survive re-encoding
    exif.get_ifd(0x8769)[36867] = when
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", lat, "E", lon
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def approval_item(db, township):
    project = factories.make_project("凤城测试项目", township=township)
    return ApprovalItem.objects.create(
        project=project, item_type=ApprovalItemType.objects.get(name="环境影响评价"), deadline=date(2024, 5, 1)
    )


def get_item(user, pk, *, write=False):
    return access.get_entry_for_user(user, ApprovalItem, pk, write=write)


class TestAccessHelpers:
    def test_member_edits_own_ledger_and_other_member_only_reads(self, tf_member, other_tf_member, approval_item):
        assert get_item(tf_member, approval_item.pk, write=True) == approval_item
        assert get_item(other_tf_member, approval_item.pk) == approval_item
        with pytest.raises(PermissionDenied):
            get_item(other_tf_member, approval_item.pk, write=True)

    def test_hq_and_leader_read_but_cannot_write(self, hq, leader, approval_item):
        for user in (hq, leader):
            assert get_item(user, approval_item.pk) == approval_item
            with pytest.raises(PermissionDenied):
                get_item(user, approval_item.pk, write=True)

    def test_admin_edits_every_ledger(self, admin, approval_item):
        assert get_item(admin, approval_item.pk, write=True) == approval_item

    def test_reporter_sees_only_entries_of_own_projects(self, reporter, other_reporter, approval_item):
        assert get_item(reporter, approval_item.pk) == approval_item
        with pytest.raises(Http404):
            get_item(other_reporter, approval_item.pk)
        with pytest.raises(PermissionDenied):
            get_item(reporter, approval_item.pk, write=True)

    def test_reporter_never_sees_entries_about_no_project(self, reporter, township):
        trip = Trip.objects.create(date=date(2024, 3, 1), destination="深圳", unit=township, participants="张三")
        with pytest.raises(Http404):
            access.get_entry_for_user(reporter, Trip, trip.pk)

    def test_outsider_is_refused_everything(self, outsider, approval_item, all_taskforces):
        with pytest.raises(Http404):
            get_item(outsider, approval_item.pk)
        with pytest.raises(Http404):
            access.get_taskforce_for_user(outsider, "approvals")


class TestUploads:
    def test_photo_keeps_exif_time_and_gps_but_drops_other_metadata(self):
        cleaned = clean_upload(SimpleUploadedFile("现场.jpg", jpeg_with_exif(), "image/jpeg"), allow=("photo",))
        assert cleaned.kind == "photo" and cleaned.mime_type == "image/jpeg"
        assert cleaned.taken_at is not None
        assert cleaned.taken_at.isoformat() == "2024-05-06T10:20:30+08:00"
        assert cleaned.latitude == Decimal("35.490000") and cleaned.longitude == Decimal("112.410000")
        reopened = Image.open(io.BytesIO(cleaned.content.read()))
        assert not reopened.getexif()

    def test_text_file_named_jpg_is_not_a_photo(self):
        with pytest.raises(ValidationError):
            clean_upload(SimpleUploadedFile("a.jpg", b"not an image at all", "image/jpeg"), allow=("photo",))

    def test_oversized_file_is_refused(self, settings):
        settings.UPLOAD_MAX_BYTES = 100
        with pytest.raises(ValidationError) as info:
            clean_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4 " + b"x" * 200, "application/pdf"))
        assert info.value.code == "too_large"

    def test_pdf_is_judged_by_content_not_name(self):
        cleaned = clean_upload(SimpleUploadedFile("批复.txt", b"%PDF-1.4\n%%EOF", "text/plain"), allow=("document",))
        assert cleaned.mime_type == "application/pdf" and cleaned.original_name == "批复.pdf"


def test_export_has_chinese_headers_and_choice_labels(approval_item):
    content = ledger_workbook(
        title="审批事项",
        columns=model_columns(ApprovalItem, ["project", "item_type", "status", "deadline"]),
        rows=ApprovalItem.objects.select_related("project", "item_type"),
    )
    response = xlsx_response(content, "审批事项")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == ["项目", "审批事项", "状态", "办结时限"]
    assert sheet.cell(2, 1).value == "凤城测试项目"
    assert sheet.cell(2, 3).value == "未办理"


def test_export_keeps_formula_like_text_as_text(client, hq, all_taskforces):
    Lead.objects.create(name='=HYPERLINK("http://example.com","点我")', investor="+甲公司")
    client.force_login(hq)
    sheet = load_workbook(io.BytesIO(client.get("/taskforces/investment/leads/export.xlsx").content)).active
    name, investor = sheet.cell(2, 1), sheet.cell(2, 2)
    assert (name.value, name.data_type) == ('=HYPERLINK("http://example.com","点我")', "s")
    assert (investor.value, investor.data_type) == ("+甲公司", "s")


def test_history_says_who_changed_what(approval_item, tf_member):
    approval_item.status = ApprovalStatus.IN_PROGRESS
    approval_item._history_user = tf_member
    approval_item.save()
    lines = entry_history(approval_item)
    assert lines[0].who == tf_member.full_name and lines[0].action == "changed"
    assert [(c.old, c.new) for c in lines[0].changes] == [
        (str(ApprovalStatus.NOT_STARTED.label), str(ApprovalStatus.IN_PROGRESS.label))
    ]
    assert lines[1].action == "created"


def test_lead_must_have_signing_date_once_signed(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Lead.objects.create(name="x", investor="y", stage="signed")


def test_text_areas_are_two_rows_unless_the_form_sizes_them(db):
    from taskforces.land.forms import LandDemandForm, LandMeetingForm

    demand, meeting = LandDemandForm(), LandMeetingForm()
    assert 'rows="2"' in str(demand["notes"]) and 'rows="2"' in str(meeting["attendees"])  # not Django's 10
    assert 'rows="3"' in str(demand["returned_reason"]) and 'rows="4"' in str(meeting["summary"])
