"""The bulletin pages: who may read and publish, the three-click publication, downloads, query counts.

Decision on access: the HQ office and administrators publish; leaders, the inspection office (and
HQ, administrators) read drafts and the meeting pack; task-force members and township reporters
read published bulletins only; a logged-in user with no role sees nothing.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from openpyxl import load_workbook

from bulletins.models import BulletinSettings, BulletinVersion
from bulletins.services import bulletin_publish
from projects.models import MonthlyProgress
from tests import factories

pytestmark = pytest.mark.django_db

MONTH = "/bulletins/2024/10/"
PUBLISH = "/bulletins/2024/10/publish/"


def _publish_post(client):
    return client.post(PUBLISH, {"doc_sequence": "7", "issued_on": "2024-11-05"})


# --- the three clicks ------------------------------------------------------------------------


def test_hq_publishes_in_three_clicks_and_downloads_the_docx(client, county, hq):
    client.force_login(hq)
    index = client.get("/bulletins/?year=2024")
    assert index.status_code == 200
    assert f'href="{MONTH}"' in index.content.decode()  # click 1: the month
    month = client.get(MONTH)
    assert month.status_code == 200
    page = month.content.decode()
    assert "关于2024年1-10月全县重点工程建设进展情况的通报" in page
    assert f'href="{PUBLISH}"' in page  # click 2: 发布
    confirm = client.get(PUBLISH)
    assert confirm.status_code == 200
    assert 'name="doc_sequence"' in confirm.content.decode() and "确认发布" in confirm.content.decode()
    assert re.search(r'name="doc_sequence" value="1"', confirm.content.decode())  # prefilled: the next number
    done = client.post(PUBLISH, {"doc_sequence": "1", "issued_on": "2024-11-05"}, follow=True)  # click 3: confirm
    assert done.redirect_chain[-1][0] == "/bulletins/2024/10/v1/"
    page = done.content.decode()
    assert "已发布 阳项指办〔2024〕1号（第1版）" in page
    assert 'href="/bulletins/2024/10/v1/bulletin.docx"' in page
    download = client.get("/bulletins/2024/10/v1/bulletin.docx")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in download["Content-Disposition"]
    version = BulletinVersion.objects.get()
    assert download.content == bytes(version.docx)
    assert "阳项指办〔2024〕1号" in [p.text for p in Document(io.BytesIO(download.content)).paragraphs]


def test_admin_may_publish(client, county, admin):
    client.force_login(admin)
    assert _publish_post(client).status_code == 302
    assert BulletinVersion.objects.count() == 1


@pytest.mark.parametrize("person", ["leader", "inspector", "tf_lead", "reporter"])
def test_wrong_roles_cannot_publish(client, county, request, person):
    client.force_login(request.getfixturevalue(person))
    assert client.get(PUBLISH).status_code == 403
    assert _publish_post(client).status_code == 403
    assert not BulletinVersion.objects.exists()


def test_outsider_cannot_publish_or_see(client, county, outsider):
    client.force_login(outsider)
    assert _publish_post(client).status_code == 404
    assert client.get(MONTH).status_code == 404
    assert client.get("/bulletins/").status_code == 403
    assert not BulletinVersion.objects.exists()


def test_anonymous_is_sent_to_login(client, county):
    response = client.get(MONTH)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- who reads what --------------------------------------------------------------------------


def test_leader_reads_the_preview_but_has_no_publish_button(client, county, leader):
    client.force_login(leader)
    page = client.get(MONTH).content.decode()
    assert "关于2024年1-10月" in page
    assert PUBLISH not in page


def test_reporters_read_only_published_bulletins(client, county, hq, reporter):
    client.force_login(reporter)
    assert client.get(MONTH).status_code == 403
    assert client.get("/bulletins/2024/10/bulletin.docx").status_code == 403
    assert client.get("/bulletins/2024/10/v1/").status_code == 404
    assert "关于" not in client.get("/bulletins/?year=2024").content.decode()
    bulletin_publish(year=2024, month=10, published_by=hq)
    index = client.get("/bulletins/?year=2024").content.decode()
    assert 'href="/bulletins/2024/10/v1/"' in index
    assert MONTH + '"' not in index  # no preview link
    assert client.get("/bulletins/2024/10/v1/").status_code == 200
    assert client.get("/bulletins/2024/10/v1/bulletin.docx").status_code == 200
    assert client.get("/bulletins/meeting/2024/10/").status_code == 403


def test_task_force_members_read_published_bulletins(client, county, hq, tf_member):
    bulletin_publish(year=2024, month=10, published_by=hq)
    client.force_login(tf_member)
    assert client.get("/bulletins/2024/10/v1/").status_code == 200
    assert client.get(MONTH).status_code == 403


def test_menu_entry_shows_for_readers_only(client, county, leader, outsider):
    client.force_login(leader)
    assert 'href="/bulletins/"' in client.get("/").content.decode()
    client.force_login(outsider)
    response = client.get("/projects/")
    assert 'href="/bulletins/"' not in response.content.decode()


# --- the published page after corrections -----------------------------------------------------


def test_month_page_lists_changes_since_publication_and_offers_a_reissue(client, county, hq):
    bulletin_publish(year=2024, month=10, published_by=hq)
    client.force_login(hq)
    page = client.get(MONTH).content.decode()
    assert "数据与已发布的通报一致" in page
    MonthlyProgress.objects.filter(project=county["a"], month=10).update(completed=900)
    page = client.get(MONTH).content.decode()
    assert "按更正后的数据重新印发" in page
    assert "2340.00" in page and "2940.00" in page
    response = client.post(PUBLISH, {"doc_sequence": "2", "issued_on": "2024-11-08", "note": "更正"})
    assert response["Location"] == "/bulletins/2024/10/v2/"
    version_page = client.get("/bulletins/2024/10/v2/").content.decode()
    assert "与第1版的差异" in version_page and "2940.00" in version_page
    # version 1 still shows what was issued
    v1 = client.get("/bulletins/2024/10/v1/bulletin.json").json()
    assert v1["total"]["completed"] == "2340.00"


def test_publish_form_refuses_a_bad_number(client, county, hq):
    client.force_login(hq)
    response = client.post(PUBLISH, {"doc_sequence": "0", "issued_on": "2024-11-05"})
    assert response.status_code == 200
    assert not BulletinVersion.objects.exists()


# --- downloads of the live month --------------------------------------------------------------


def test_live_downloads(client, county, leader):
    client.force_login(leader)
    data = json.loads(client.get("/bulletins/2024/10/bulletin.json").content)
    assert data["total"]["completion_rate"] == "65.00"
    docx = Document(io.BytesIO(client.get("/bulletins/2024/10/bulletin.docx").content))
    assert "草稿 未发布" in docx.sections[0].header.paragraphs[0].text
    workbook = load_workbook(io.BytesIO(client.get("/bulletins/2024/10/bulletin.xlsx").content))
    assert workbook["分层级"]["B4"].value == 5
    printed = client.get("/bulletins/2024/10/print/").content.decode()
    assert "@page" in printed and "size: A4" in printed and data["headline"] in printed


def test_a_month_out_of_range_is_not_found(client, hq):
    client.force_login(hq)
    assert client.get("/bulletins/2024/13/").status_code == 404


# --- settings ---------------------------------------------------------------------------------


def test_hq_changes_the_settings_and_the_preview_follows(client, county, hq):
    client.force_login(hq)
    response = client.post(
        "/bulletins/settings/",
        {
            "decimals": "1",
            "red_points": "30",
            "yellow_points": "10",
            "doc_number_prefix": "阳项办",
            "issuer": "阳城县项目建设指挥部办公室",
            "recipients": "各乡（镇）：",
            "closing": "一要加快进度。\n二要压实责任。",
        },
    )
    assert response.status_code == 302
    settings = BulletinSettings.load()
    assert (settings.decimals, str(settings.red_points)) == (1, "30.00")
    data = client.get("/bulletins/2024/10/bulletin.json").json()
    assert data["total"]["shown"]["completion_rate"] == "65.0"
    assert data["text"]["sections"][-1]["paragraphs"] == ["一要加快进度。", "二要压实责任。"]


def test_settings_refuse_red_below_yellow(client, hq):
    client.force_login(hq)
    response = client.post(
        "/bulletins/settings/",
        {
            "decimals": "2",
            "red_points": "5",
            "yellow_points": "10",
            "doc_number_prefix": "x",
            "issuer": "x",
            "recipients": "x",
        },
    )
    assert response.status_code == 200
    assert not BulletinSettings.objects.exists()


@pytest.mark.parametrize("person", ["leader", "reporter", "tf_lead"])
def test_wrong_roles_cannot_change_the_settings(client, request, person):
    client.force_login(request.getfixturevalue(person))
    assert client.post("/bulletins/settings/", {"decimals": "1"}).status_code == 403
    assert not BulletinSettings.objects.exists()


def test_outsider_cannot_change_the_settings(client, outsider):
    client.force_login(outsider)
    assert client.post("/bulletins/settings/", {"decimals": "1"}).status_code == 404


# --- fixed query counts -----------------------------------------------------------------------


def _count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(n: int) -> None:
    townships = [factories.make_unit(f"测试镇{i}") for i in range(5)]
    factories.bulk_projects(n, months=10, townships=townships)


@pytest.mark.parametrize(
    "path", [MONTH, "/bulletins/2024/10/bulletin.json", "/bulletins/?year=2024", "/bulletins/meeting/2024/10/"]
)
def test_pages_run_a_fixed_number_of_queries(client, hq, path):
    client.force_login(hq)
    _grow(3)
    bulletin_publish(year=2024, month=10, published_by=hq)
    few = _count_queries(client, path)
    _grow(60)
    bulletin_publish(year=2024, month=10, published_by=hq)
    many = _count_queries(client, path)
    assert few == many
