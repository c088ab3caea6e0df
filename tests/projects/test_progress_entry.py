"""Monthly progress entered on the project page: who may, what is stored, what is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from projects.models import MonthlyProgress
from projects.services import progress_record
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(township, department):
    return factories.make_project(
        "凤城陶瓷产业园项目", annual_plan=10000, township=township, responsible_unit=department
    )


def _post(client, project, **data):
    payload = {"year": "2024", "month": "3", "completed": "1234.56", "physical_progress": "主体施工", "problems": ""}
    payload.update({k: str(v) for k, v in data.items()})
    return client.post(f"/projects/{project.pk}/progress/", payload)


@pytest.mark.parametrize("who", ["admin", "hq", "reporter"])
def test_allowed_users_record_a_month(client, request, project, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = _post(client, project)
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{project.pk}/?year=2024#months"
    row = MonthlyProgress.objects.get(project=project, year=2024, month=3)
    assert row.completed == Decimal("1234.56")
    assert row.physical_progress == "主体施工"
    assert row.reported_by == user


def test_reporter_of_the_responsible_department_may_record(client, project, department):
    user = factories.make_user("jiaotong_t", roles=("reporter",), unit=department)
    client.force_login(user)
    assert _post(client, project).status_code == 302
    assert MonthlyProgress.objects.filter(project=project).count() == 1


def test_outsider_gets_404_and_nothing_is_written(client, outsider, project):
    client.force_login(outsider)
    assert _post(client, project).status_code == 404
    assert not MonthlyProgress.objects.exists()


def test_reporter_of_another_township_gets_404(client, other_reporter, project):
    client.force_login(other_reporter)
    assert _post(client, project).status_code == 404
    assert not MonthlyProgress.objects.exists()


@pytest.mark.parametrize("who", ["leader", "inspector", "tf_member"])
def test_read_only_users_get_403(client, request, project, who):
    client.force_login(request.getfixturevalue(who))
    assert _post(client, project).status_code == 403
    assert not MonthlyProgress.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client, project):
    response = _post(client, project)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not MonthlyProgress.objects.exists()


def test_get_is_not_allowed(client, hq, project):
    client.force_login(hq)
    assert client.get(f"/projects/{project.pk}/progress/").status_code == 405


def test_second_entry_for_the_same_month_updates_the_one_row(client, hq, reporter, project):
    client.force_login(hq)
    _post(client, project, completed="100")
    client.force_login(reporter)
    response = _post(client, project, completed="150.5", problems="资金未到位")
    assert response.status_code == 302
    rows = MonthlyProgress.objects.filter(project=project, year=2024, month=3)
    assert rows.count() == 1
    row = rows.get()
    assert row.completed == Decimal("150.50")
    assert row.problems == "资金未到位"
    assert row.reported_by == reporter
    # The first figure survives in the history, with who entered each.
    history = list(row.history.order_by("history_date").values_list("completed", "history_user_id"))
    assert history == [(Decimal("100.00"), hq.pk), (Decimal("150.50"), reporter.pk)]


def test_success_message_says_recorded_then_updated(client, hq, project):
    client.force_login(hq)
    response = _post(client, project)
    assert "已填报2024年3月进度" in client.get(response["Location"]).content.decode()
    response = _post(client, project, completed="1")
    assert "已更新2024年3月进度" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("completed", "-1"),
        ("completed", "abc"),
        ("completed", ""),
        ("completed", "1.234"),
        ("month", "13"),
        ("month", "0"),
        ("year", "2023"),  # not on 2023's key list
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(client, hq, project, field, value):
    client.force_login(hq)
    response = _post(client, project, **{field: value})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert field in response.context["form"].errors
    assert not MonthlyProgress.objects.exists()


def test_zero_is_a_valid_month(client, hq, project):
    client.force_login(hq)
    assert _post(client, project, completed="0").status_code == 302
    assert MonthlyProgress.objects.get().completed == Decimal("0")


@time_machine.travel(date(2024, 3, 20))
def test_a_month_that_has_not_begun_is_refused(client, hq, project):
    client.force_login(hq)
    response = _post(client, project, month="4")
    assert response.status_code == 200
    assert "不能填报尚未开始的月份" in response.content.decode()
    assert not MonthlyProgress.objects.exists()
    assert _post(client, project, month="3").status_code == 302  # the current month is open


def test_service_refuses_negative_amounts_and_bad_months(project, hq):
    with pytest.raises(ValueError, match="cannot be negative"):
        progress_record(project=project, year=2024, month=3, completed=Decimal("-1"), reported_by=hq)
    with pytest.raises(ValueError, match=r"month must be 1\.\.12"):
        progress_record(project=project, year=2024, month=13, completed=Decimal("1"), reported_by=hq)
    assert not MonthlyProgress.objects.exists()


def test_service_returns_created_then_updated(project, hq):
    row, created = progress_record(project=project, year=2024, month=5, completed=Decimal("10"), reported_by=hq)
    assert created
    again, created = progress_record(project=project, year=2024, month=5, completed=Decimal("20"), reported_by=hq)
    assert not created
    assert again.pk == row.pk
    assert MonthlyProgress.objects.get().completed == Decimal("20")


def test_entered_month_reaches_the_dashboard(client, hq, leader, project):
    client.force_login(hq)
    _post(client, project, month="3", completed="2500")
    client.force_login(leader)
    response = client.get("/?year=2024&month=3")
    assert response.context["figures"].progress.total.completed == Decimal("2500")
    assert "25.00%" in response.content.decode()  # 2,500 ÷ 10,000


def test_a_post_without_the_csrf_token_is_refused(hq, project):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(hq)
    assert _post(client, project).status_code == 403
    assert not MonthlyProgress.objects.exists()
