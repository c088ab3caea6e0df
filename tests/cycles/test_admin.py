"""The Django admin saves duties through `duty_save`, as the duties page does, so their schedule stays true."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from cycles.periods import local_midnight
from tests import factories

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def admin_form_data(duty, **changes) -> dict:
    """What the admin's change form posts for `duty`, with `changes`."""
    next_due = duty.next_due.astimezone(SH)
    data = {
        "code": duty.code,
        "name": duty.name,
        "description": duty.description,
        "owner_kind": duty.owner_kind,
        "taskforce": duty.taskforce_id or "",
        "campaign": duty.campaign_id or "",
        "cadence": duty.cadence,
        "weekday": "" if duty.weekday is None else duty.weekday,
        "day": "" if duty.day is None else duty.day,
        "second_day": "" if duty.second_day is None else duty.second_day,
        "month_in_period": "" if duty.month_in_period is None else duty.month_in_period,
        "problem_level": duty.problem_level,
        "responsible_unit": duty.responsible_unit_id or "",
        "responsible_people": [p.pk for p in duty.responsible_people.all()],
        "remind_days_before": duty.remind_days_before,
        "active": "on" if duty.active else "",
        "next_due_0": next_due.date().isoformat(),
        "next_due_1": next_due.time().isoformat(),
        "sort_order": duty.sort_order,
    }
    return {**data, **changes}


@time_machine.travel(datetime(2024, 5, 15, 10, tzinfo=SH), tick=False)
def test_changing_a_duty_s_cadence_in_the_admin_moves_its_next_due(client, tf_lead):
    duty = factories.make_duty("admin-edited", cadence="weekly", opens_from=date(2024, 1, 1), people=(tf_lead,))
    assert duty.next_due == local_midnight(date(2024, 1, 1))
    superuser = factories.make_user("superuser_t", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:scheduling_duty_change", args=[duty.pk]),
        admin_form_data(duty, cadence="monthly", weekday="", day="25"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    duty.refresh_from_db()
    assert (duty.cadence, duty.day, duty.weekday) == ("monthly", 25, None)
    # The month the change is made in opens next, as for a duty re-timed on the duties page.
    assert duty.next_due == local_midnight(date(2024, 5, 1))
    assert list(duty.responsible_people.all()) == [tf_lead]
    assert duty.history.first().history_user == superuser


@time_machine.travel(datetime(2024, 5, 15, 10, tzinfo=SH), tick=False)
def test_renaming_a_duty_in_the_admin_leaves_its_next_due(client):
    duty = factories.make_duty("admin-renamed", cadence="weekly", opens_from=date(2024, 1, 1))
    client.force_login(factories.make_user("superuser_t", is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:scheduling_duty_change", args=[duty.pk]), admin_form_data(duty, name="周调度")
    )
    assert response.status_code == 302
    duty.refresh_from_db()
    assert (duty.name, duty.next_due) == ("周调度", local_midnight(date(2024, 1, 1)))
