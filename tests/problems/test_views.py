"""The problem ledger's pages: who raises, manages and reads problems (outsider and wrong role for every
view that changes data), the ledger's filters, and what the owner is told."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from notifications.models import Notification
from problems.models import Problem
from tests import factories
from tests.factories import at

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


# --- raising problems ---------------------------------------------------------------------------------


def test_a_member_may_not_raise_a_problem_for_another_task_force(client, tf_member):
    login(client, tf_member)
    investment = factories.make_taskforce("investment")
    response = client.post(
        reverse("problems:new"), {"description": "x", "source_taskforce": investment.pk, "deadline": "2024-05-31"}
    )
    assert response.status_code == 200  # the form says no
    assert not Problem.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "reporter", "leader", "inspector"])
def test_only_hq_and_task_force_members_raise_problems(client, request, who):
    login(client, request.getfixturevalue(who))
    assert client.post(reverse("problems:new"), {"description": "x", "deadline": "2024-05-31"}).status_code == 403
    assert not Problem.objects.exists()


def test_hq_raises_a_problem_at_any_level_and_the_owner_is_told(client, hq, tf_lead):
    login(client, hq)
    response = client.post(
        reverse("problems:new"),
        {
            "description": "征地补偿争议",
            "level": "executive",
            "owner": tf_lead.pk,
            "deadline": "2024-06-30",
        },
    )
    problem = Problem.objects.get()
    assert response["Location"] == reverse("problems:problem", args=[problem.pk])
    assert problem.level == "executive"
    assert Notification.objects.filter(recipient=tf_lead, kind="problem_assigned").exists()


# --- managing problems -----------------------------------------------------------------------------------


ACTIONS: dict[str, dict[str, str | None]] = {
    "resolve": {"resolution": "已协调解决"},
    "reassign": {"owner": None, "note": "改由用地专班办理"},
    "redate": {"deadline": "2024-07-31", "note": "延期至7月底"},
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize(
    ("who", "status"), [("outsider", 404), ("reporter", 404), ("tf_member", 403), ("leader", 403)]
)
def test_only_hq_manages_problems(client, request, action, who, status, tf_lead):
    problem = factories.make_problem(owner=tf_lead, deadline=date(2024, 5, 31))
    data = {k: (tf_lead.pk if v is None else v) for k, v in ACTIONS[action].items()}
    login(client, request.getfixturevalue(who))
    assert client.post(reverse(f"problems:{action}", args=[problem.pk]), data).status_code == status
    problem.refresh_from_db()
    assert (problem.status, problem.deadline) == ("open", date(2024, 5, 31))
    assert problem.events.count() == 1


def test_hq_resolves_reassigns_and_redates_with_history(client, hq, tf_lead, tf_member):
    problem = factories.make_problem(owner=tf_lead, deadline=date(2024, 5, 31))
    login(client, hq)
    client.post(reverse("problems:reassign", args=[problem.pk]), {"owner": tf_member.pk, "note": "改派"})
    client.post(reverse("problems:redate", args=[problem.pk]), {"deadline": "2024-06-30", "note": "延期"})
    client.post(reverse("problems:resolve", args=[problem.pk]), {"resolution": "已解决"})
    problem.refresh_from_db()
    assert (problem.owner, problem.deadline, problem.status) == (tf_member, date(2024, 6, 30), "resolved")
    assert list(problem.events.values_list("kind", flat=True)) == ["raised", "reassigned", "redated", "resolved"]
    assert Notification.objects.filter(recipient=tf_member, kind="problem_assigned").count() == 1
    page = client.get(reverse("problems:problem", args=[problem.pk])).content.decode()
    assert "改派" in page and "2024-05-31 → 2024-06-30" in page


# --- who reads the pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["problems:list"])
def test_outsiders_are_refused_every_page(client, outsider, name):
    login(client, outsider)
    assert client.get(reverse(name)).status_code == 403


def test_a_reporter_reads_only_the_problems_of_their_own_projects(client, reporter, township, other_township):
    mine = factories.make_problem("凤城镇项目的问题", project=factories.make_project(township=township))
    theirs = factories.make_problem("北留镇项目的问题", project=factories.make_project(township=other_township))
    login(client, reporter)
    page = client.get(reverse("problems:list")).content.decode()
    assert "凤城镇项目的问题" in page and "北留镇项目的问题" not in page
    assert client.get(reverse("problems:problem", args=[mine.pk])).status_code == 200
    assert client.get(reverse("problems:problem", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("cycles:calendar")).status_code == 403


def test_the_ledger_filters_by_level_status_overdue_and_task_force(client, leader):
    factories.make_problem("专班问题", deadline=date(2000, 1, 1))
    factories.make_problem("常务问题", level="executive", taskforce="land", deadline=date(2999, 1, 1))
    factories.make_problem("早已办结的问题", status="resolved", resolved_at=at(2024, 5, 1))
    login(client, leader)
    get = lambda **q: client.get(reverse("problems:list"), q).content.decode()  # noqa: E731
    assert "专班问题" in get() and "早已办结的问题" not in get()
    assert "常务问题" in get(level="executive") and "专班问题" not in get(level="executive")
    assert "专班问题" in get(overdue="on") and "常务问题" not in get(overdue="on")
    assert "常务问题" in get(taskforce="land") and "专班问题" not in get(taskforce="land")
    assert "早已办结的问题" in get(status="resolved")
