"""Overdue problems climb the ladder by themselves: task force → deputy → executive → county head."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from accounts.models import Role
from notifications.models import Notification, NotificationKind
from problems.models import LevelOfficial, ProblemEvent, ProblemStatus
from problems.services import problem_redate, problems_escalate_overdue
from tests import factories
from tests.factories import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def ladder(tf_lead):
    """The people of each level: the approvals lead, its deputy county head, the executive deputy, the county head."""
    deputy = factories.make_user("deputy_t", roles=(Role.LEADER,))
    other_deputy = factories.make_user("other_deputy_t", roles=(Role.LEADER,))
    executive = factories.make_user("executive_t", roles=(Role.LEADER,))
    county_head = factories.make_user("county_head_t", roles=(Role.LEADER,))
    LevelOfficial.objects.create(level="deputy", user=deputy, taskforce=factories.make_taskforce("approvals"))
    LevelOfficial.objects.create(level="deputy", user=other_deputy, taskforce=factories.make_taskforce("investment"))
    LevelOfficial.objects.create(level="executive", user=executive)
    LevelOfficial.objects.create(level="county_head", user=county_head)
    return {"deputy": deputy, "other_deputy": other_deputy, "executive": executive, "county_head": county_head}


def told(user, kind=NotificationKind.PROBLEM_ESCALATED) -> int:
    return Notification.objects.filter(recipient=user, kind=kind).count()


def test_an_overdue_problem_climbs_all_four_levels_with_a_record_of_when_and_why(ladder, tf_member):
    problem = factories.make_problem("环评批复滞后", owner=tf_member, deadline=date(2024, 5, 10))
    # The day after the deadline, from the start of the working day.
    assert problems_escalate_overdue(now=at(2024, 5, 11, 8, 5)).escalated == 1
    problem.refresh_from_db()
    assert problem.level == "deputy"
    # Still overdue a week later: up again; and again.
    assert problems_escalate_overdue(now=at(2024, 5, 18, 8, 5)).escalated == 1
    assert problems_escalate_overdue(now=at(2024, 5, 25, 8, 5)).escalated == 1
    problem.refresh_from_db()
    assert problem.level == "county_head"
    # The top of the ladder: nothing further.
    assert problems_escalate_overdue(now=at(2024, 6, 30, 9)).escalated == 0

    events = list(ProblemEvent.objects.filter(problem=problem, kind="escalated").order_by("at"))
    assert [(e.from_level, e.to_level) for e in events] == [
        ("taskforce", "deputy"),
        ("deputy", "executive"),
        ("executive", "county_head"),
    ]
    assert [e.at for e in events] == [at(2024, 5, 11, 8, 5), at(2024, 5, 18, 8, 5), at(2024, 5, 25, 8, 5)]
    assert "2024-05-10" in events[0].note and "逾期1天" in events[0].note and "分管副县长" in events[0].note
    assert all(e.actor is None for e in events)  # the system did it
    # The change is in the model history too.
    assert problem.history.filter(level="county_head").exists()

    # The owner heard of each step; each level's people of theirs; the other task force's deputy never.
    assert told(tf_member) == 3
    assert told(ladder["deputy"]) == 1
    assert told(ladder["executive"]) == 1
    assert told(ladder["county_head"]) == 1
    assert told(ladder["other_deputy"]) == 0


def test_escalating_twice_at_the_same_time_moves_one_level_once(ladder, tf_member):
    problem = factories.make_problem(owner=tf_member, deadline=date(2024, 5, 10))
    now = at(2024, 5, 11, 9)
    assert problems_escalate_overdue(now=now).escalated == 1
    assert problems_escalate_overdue(now=now).escalated == 0
    problem.refresh_from_db()
    assert problem.level == "deputy"
    assert ProblemEvent.objects.filter(problem=problem, kind="escalated").count() == 1
    assert Notification.objects.filter(kind=NotificationKind.PROBLEM_ESCALATED).count() == 2  # owner + deputy


def test_not_overdue_resolved_or_before_working_hours_nothing_moves(ladder):
    on_time = factories.make_problem(deadline=date(2024, 5, 11))
    resolved = factories.make_problem(
        deadline=date(2024, 5, 1), status=ProblemStatus.RESOLVED, resolved_at=at(2024, 5, 2)
    )
    no_deadline = factories.make_problem(deadline=None)
    assert problems_escalate_overdue(now=at(2024, 5, 12, 7, 59)).escalated == 0  # before 08:00
    assert problems_escalate_overdue(now=at(2024, 5, 11, 9)).escalated == 0
    for p in (on_time, resolved, no_deadline):
        p.refresh_from_db()
        assert p.level == "taskforce"


def test_a_new_deadline_stops_the_climb_until_it_passes_too(ladder, hq):
    problem = factories.make_problem(deadline=date(2024, 5, 10))
    problems_escalate_overdue(now=at(2024, 5, 11, 9))
    problem.refresh_from_db()
    problem_redate(problem=problem, deadline=date(2024, 6, 30), note="", actor=hq, now=at(2024, 5, 12, 10))
    assert problems_escalate_overdue(now=at(2024, 5, 30, 9)).escalated == 0
    assert problems_escalate_overdue(now=at(2024, 7, 1, 9)).escalated == 1
    problem.refresh_from_db()
    assert problem.level == "executive"


def test_a_problem_raised_with_a_short_deadline_escalates_the_day_after_it(ladder):
    raised = at(2024, 5, 9, 10)
    problem = factories.make_problem(deadline=date(2024, 5, 10), raised_at=raised)
    assert problems_escalate_overdue(now=raised + timedelta(days=2)).escalated == 1
    problem.refresh_from_db()
    assert problem.level == "deputy"
