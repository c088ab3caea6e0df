"""In the browser, on a phone: a task-force lead opens the reminder and records the weekly scheduling."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cycles.models import Occurrence
from cycles.reminders import reminders_send_due
from cycles.services import occurrences_open_due
from tests import factories
from tests.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_task_force_lead_records_the_weekly_scheduling_they_were_reminded_of_on_a_phone(phone_page, live_server):
    lead = factories.make_user("approvals_lead_b", full_name="前期手续专班负责人")
    factories.add_member(lead, "approvals", "lead")
    today = timezone.localdate()
    duty = factories.make_duty(
        "approvals-weekly-b", cadence="weekly", weekday=today.weekday(), opens_from=today, people=(lead,)
    )
    now = timezone.now().replace(hour=9)
    occurrences_open_due(now=now)
    assert reminders_send_due(now=now) == 1
    occurrence = Occurrence.objects.get(duty=duty)

    page = phone_page
    login(page, live_server, "approvals_lead_b")
    page.goto(f"{live_server.url}/cycles/notifications/")
    assert page.locator("[data-unread]").first.inner_text() == "1"
    page.get_by_role("button", name=occurrence.title, exact=False).first.click()
    page.wait_for_url(f"**/cycles/occurrences/{occurrence.pk}/")
    page.fill("input[name=held_on]", today.isoformat())
    page.fill("textarea[name=attendees]", "专班负责人、专班成员、县行政审批服务管理局各股室")
    page.fill("textarea[name=minutes]", "逐项调度审批事项清单，明确滞后事项责任人。")
    page.click("button:has-text('保存登记')")
    page.wait_for_load_state("networkidle")
    assert "已登记" in page.content()
    occurrence.refresh_from_db()
    assert occurrence.status == "held" and occurrence.held_on == today and occurrence.recorded_by == lead
    # The page fits a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
