"""The HQ office publishes the month's bulletin in three clicks in a real browser, then downloads the .docx."""

from __future__ import annotations

import pytest

from accounts.models import Role
from bulletins.models import BulletinVersion
from tests import factories
from tests.conftest import login

# serialized_rollback: the flush after a transactional test would otherwise wipe the catalogues that
# migrations seed (approval item types, land types), which later tests rely on.


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_three_clicks_publish_and_download(page, live_server, county):
    factories.make_user("hq_browser", roles=(Role.HQ,))
    login(page, live_server, "hq_browser")
    page.goto(f"{live_server.url}/bulletins/?year=2024")
    page.click('a[href="/bulletins/2024/10/"]')  # 1: the month's preview
    page.wait_for_load_state("networkidle")
    assert "关于2024年1-10月全县重点工程建设进展情况的通报" in page.inner_text("#bulletin-document")
    page.click("#publish-button")  # 2: 发布
    page.wait_for_load_state("networkidle")
    page.click("#confirm-publish")  # 3: 确认发布
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/bulletins/2024/10/v1/")
    assert "阳项指办〔2024〕1号" in page.inner_text("#bulletin-document")
    with page.expect_download() as info:
        page.click("#download-docx")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    assert BulletinVersion.objects.count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bulletin_page_on_a_phone(phone_page, live_server, county):
    factories.make_user("leader_phone", roles=(Role.LEADER,))
    login(phone_page, live_server, "leader_phone")
    phone_page.goto(f"{live_server.url}/bulletins/2024/10/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400  # no sideways scrolling of the page (wide tables scroll inside their box)
    assert phone_page.is_visible("#bulletin-document")
