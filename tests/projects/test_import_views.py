"""The import pages: who may use them, and the upload → preview → confirm / discard flow."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from projects.excel.batches import import_batch_create
from projects.models import ImportBatch, ImportStatus, MonthlyProgress, Project, Tier
from tests import factories

from .xlsx_samples import county_list, county_units, progress_list, to_bytes

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def units(db):
    for name, kind in county_units().items():
        factories.make_unit(name, kind)


def _upload(data: bytes, name: str = "2024年重点工程项目表.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


@pytest.fixture
def batch(admin, units):
    upload = _upload(to_bytes(county_list()))
    return import_batch_create(
        upload=upload, original_name=upload.name or "", kind="projects", year=2024, uploaded_by=admin
    )


# --- who may ---------------------------------------------------------------------------------------

WRONG_PEOPLE = ["outsider", "reporter", "leader", "tf_member", "inspector"]


@pytest.mark.parametrize("person", WRONG_PEOPLE)
def test_upload_pages_refuse_everyone_but_admin_and_hq(client, request, person, units):
    client.force_login(request.getfixturevalue(person))
    for name in ("projects:import", "projects:progress_import"):
        assert client.get(reverse(name)).status_code == 403
        response = client.post(reverse(name), {"year": 2024, "month": 3, "file": _upload(to_bytes(county_list()))})
        assert response.status_code == 403
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("person", WRONG_PEOPLE)
def test_preview_confirm_and_discard_refuse_everyone_but_admin_and_hq(client, request, person, batch):
    client.force_login(request.getfixturevalue(person))
    assert client.get(reverse("projects:import_preview", args=[batch.pk])).status_code == 404
    assert client.post(reverse("projects:import_confirm", args=[batch.pk])).status_code == 404
    assert client.post(reverse("projects:import_discard", args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED
    assert not Project.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client, batch):
    for url in (
        reverse("projects:import"),
        reverse("projects:import_preview", args=[batch.pk]),
        reverse("projects:export"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    response = client.post(reverse("projects:import_confirm", args=[batch.pk]))
    assert response.status_code == 302
    assert not Project.objects.exists()


def test_confirm_and_discard_need_post(client, admin, batch):
    client.force_login(admin)
    assert client.get(reverse("projects:import_confirm", args=[batch.pk])).status_code == 405
    assert client.get(reverse("projects:import_discard", args=[batch.pk])).status_code == 405
    assert not Project.objects.exists()


# --- the flow --------------------------------------------------------------------------------------


def test_hq_uploads_previews_and_confirms(client, hq, units):
    client.force_login(hq)
    page = client.get(reverse("projects:import"))
    assert page.status_code == 200
    assert "上传并预览" in page.content.decode()
    response = client.post(reverse("projects:import"), {"year": 2024, "file": _upload(to_bytes(county_list()))})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("projects:import_preview", args=[batch.pk])
    assert not Project.objects.exists()  # the preview writes nothing

    html = client.get(response["Location"]).content.decode()
    assert '<button type="submit" name="confirm" class="btn btn-primary" >' in html
    assert "确认导入" in html and "凤城光伏发电项目" in html and "将新增（4）" in html

    response = client.post(reverse("projects:import_confirm", args=[batch.pk]), follow=True)
    html = response.content.decode()
    assert "导入完成：新增4项，更新0项，未变0项。" in html
    assert "该文件已导入" in html
    assert Project.objects.count() == 4
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED

    # Confirming again (a second click, the back button) does nothing more.
    html = client.post(reverse("projects:import_confirm", args=[batch.pk]), follow=True).content.decode()
    assert "已导入或已放弃" in html
    assert Project.objects.count() == 4


def test_preview_with_errors_lists_them_by_row_and_column_and_disables_confirm(client, admin, units):
    wb = county_list()
    wb.active["G14"] = "待定"
    wb.active["H10"] = 9
    client.force_login(admin)
    response = client.post(reverse("projects:import"), {"year": 2024, "file": _upload(to_bytes(wb))}, follow=True)
    html = response.content.decode()
    assert 'name="confirm" class="btn btn-primary" disabled' in html
    assert "“待定”不是有效的金额" in html
    assert "小计" in html and "相差" in html
    batch = ImportBatch.objects.get()
    assert [(e["row"], e["column"]) for e in batch.summary["errors"]] == [(14, "G"), (10, "H")]
    # A forced POST is refused too, and writes nothing.
    html = client.post(reverse("projects:import_confirm", args=[batch.pk]), follow=True).content.decode()
    assert "文件存在错误，未导入任何数据" in html
    assert not Project.objects.exists()


def test_unreadable_file_is_refused_on_the_upload_page(client, admin):
    client.force_login(admin)
    encrypted = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le")
    response = client.post(reverse("projects:import"), {"year": 2024, "file": _upload(encrypted)})
    assert response.status_code == 200
    assert "文件设有打开密码" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_file_over_the_size_limit_is_refused_on_the_upload_page(client, admin, settings):
    settings.IMPORT_MAX_BYTES = 2000
    client.force_login(admin)
    response = client.post(reverse("projects:import"), {"year": 2024, "file": _upload(to_bytes(county_list()))})
    assert "大小上限" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_discard_leaves_the_register_alone(client, admin, batch):
    client.force_login(admin)
    response = client.post(reverse("projects:import_discard", args=[batch.pk]), follow=True)
    assert "已放弃本次上传" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DISCARDED
    assert not Project.objects.exists()
    html = client.get(reverse("projects:import_preview", args=[batch.pk])).content.decode()
    assert 'name="confirm"' not in html


def test_create_units_option_is_carried_to_the_confirmation(client, admin):
    client.force_login(admin)
    client.post(
        reverse("projects:import"), {"year": 2024, "create_units": "on", "file": _upload(to_bytes(county_list()))}
    )
    batch = ImportBatch.objects.get()
    assert batch.summary["errors"] == []
    client.post(reverse("projects:import_confirm", args=[batch.pk]))
    assert Project.objects.filter(township__name="凤城镇").exists()


def test_progress_upload_flow(client, hq):
    project = factories.make_project("甲项目", annual_plan="1200")
    factories.make_progress(project, month=1, completed="100")
    client.force_login(hq)
    wb = progress_list([[1, "甲项目", None, None, "300", "主体施工", None]], month=2)
    response = client.post(
        reverse("projects:progress_import"), {"year": 2024, "month": 2, "file": _upload(to_bytes(wb))}, follow=True
    )
    assert "2024年2月项目进展" in response.content.decode()
    batch = ImportBatch.objects.get()
    assert not MonthlyProgress.objects.filter(month=2).exists()
    client.post(reverse("projects:import_confirm", args=[batch.pk]))
    assert MonthlyProgress.objects.get(project=project, month=2).completed == 200


# --- downloads -------------------------------------------------------------------------------------


def test_export_follows_the_list_filter_and_the_readers_scope(client, admin, reporter, township, other_township):
    factories.make_project("本镇县级项目", township=township, tier=Tier.COUNTY)
    factories.make_project("本镇省级项目", township=township, tier=Tier.PROVINCE)
    factories.make_project("他镇项目", township=other_township, tier=Tier.COUNTY)

    client.force_login(admin)
    everything = client.get(reverse("projects:export"), {"year": 2024})
    assert _project_names(everything) == ["他镇项目", "本镇县级项目", "本镇省级项目"]
    county_only = client.get(reverse("projects:export"), {"year": 2024, "tier": "county"})
    assert _project_names(county_only) == ["他镇项目", "本镇县级项目"]
    client.force_login(reporter)
    assert _project_names(client.get(reverse("projects:export"), {"year": 2024})) == ["本镇县级项目", "本镇省级项目"]


def _project_names(response) -> list[str]:
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    skip = ("合计", "小计", "注：")
    return sorted(
        row[1]
        for row in ws.iter_rows(min_row=4, values_only=True)
        if isinstance(row[1], str) and not row[1].startswith(skip)
    )


def test_outsider_gets_no_export_or_template(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("projects:export")).status_code == 403
    assert client.get(reverse("projects:template")).status_code == 403
    assert client.get(reverse("projects:progress_form")).status_code == 403


def test_template_and_progress_form_download(client, hq):
    factories.make_project("甲项目")
    client.force_login(hq)
    response = client.get(reverse("projects:template"), {"year": 2025})
    assert response.status_code == 200
    assert "2025" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.active["A1"].value == "阳城县2025年重点工程项目表"
    response = client.get(reverse("projects:progress_form"), {"year": 2024, "month": 4})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert "1-4月累计完成投资" in [c.value for c in ws[3]]
    assert "甲项目" in [c.value for c in ws["B"]]


def test_confirm_and_discard_without_the_csrf_token_are_refused(admin, batch):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    assert client.post(reverse("projects:import_confirm", args=[batch.pk])).status_code == 403
    assert client.post(reverse("projects:import_discard", args=[batch.pk])).status_code == 403
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED
    assert not Project.objects.exists()
