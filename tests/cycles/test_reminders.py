"""Reminders: before an occurrence is due and when it is overdue, problem and approval deadlines, missing
monthly progress. Each reaches each recipient once per subject and kind, however often the unit runs."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.test import override_settings

from cycles.reminders import reminders_send_due
from cycles.services import occurrences_open_due
from notifications.delivery import deliveries_send_due
from notifications.models import Delivery, Notification, NotificationKind
from tests import factories
from tests.factories import at

pytestmark = pytest.mark.django_db


def kinds_for(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_responsible_people_are_reminded_before_the_weekly_scheduling_and_once_when_overdue(tf_lead, tf_member):
    duty = factories.make_duty(cadence="weekly", opens_from=date(2024, 5, 6), people=(tf_lead,), remind_days_before=1)
    occurrences_open_due(now=at(2024, 5, 6, 0, 10))
    # Monday: due Friday, too early.
    assert reminders_send_due(now=at(2024, 5, 6, 9)) == 0
    # Thursday, one day before: reminded, once however often the unit runs.
    assert reminders_send_due(now=at(2024, 5, 9, 9)) == 1
    assert reminders_send_due(now=at(2024, 5, 9, 9, 15)) == 0
    assert reminders_send_due(now=at(2024, 5, 10, 9)) == 0
    # Saturday, not recorded: overdue, once.
    assert reminders_send_due(now=at(2024, 5, 11, 9)) == 1
    assert reminders_send_due(now=at(2024, 5, 12, 9)) == 0
    assert kinds_for(tf_lead) == [NotificationKind.OCCURRENCE_DUE, NotificationKind.OCCURRENCE_OVERDUE]
    assert kinds_for(tf_member) == []  # the duty names its people
    notification = Notification.objects.get(recipient=tf_lead, kind=NotificationKind.OCCURRENCE_DUE)
    assert "前期手续专班 2024年第19周调度" in notification.title
    assert notification.link == f"/cycles/occurrences/{duty.occurrences.get().pk}/"


def test_a_duty_without_named_people_reminds_its_task_force_leads(tf_lead, tf_member):
    factories.make_duty(cadence="monthly", opens_from=date(2024, 5, 1))
    occurrences_open_due(now=at(2024, 5, 1, 9))
    reminders_send_due(now=at(2024, 5, 19, 9))
    assert kinds_for(tf_lead) == [NotificationKind.OCCURRENCE_DUE]
    assert kinds_for(tf_member) == []


def test_a_held_occurrence_is_not_reminded_of(tf_lead):
    duty = factories.make_duty(cadence="weekly", opens_from=date(2024, 5, 6), people=(tf_lead,))
    occurrences_open_due(now=at(2024, 5, 6, 0, 10))
    duty.occurrences.update(status="held", held_on=date(2024, 5, 8))
    assert reminders_send_due(now=at(2024, 5, 11, 9)) == 0


def test_no_reminders_at_night():
    factories.make_duty(cadence="weekly", opens_from=date(2024, 5, 6), people=(factories.make_user(),))
    occurrences_open_due(now=at(2024, 5, 6, 0, 10))
    assert reminders_send_due(now=at(2024, 5, 11, 2, 0)) == 0
    assert reminders_send_due(now=at(2024, 5, 11, 8, 0)) == 1


def test_problem_deadline_near_and_passed_reach_the_owner_once_each(tf_member):
    factories.make_problem(owner=tf_member, deadline=date(2024, 5, 10))
    assert reminders_send_due(now=at(2024, 5, 6, 9)) == 0
    assert reminders_send_due(now=at(2024, 5, 7, 9)) == 1  # three days before
    assert reminders_send_due(now=at(2024, 5, 10, 9)) == 0
    assert reminders_send_due(now=at(2024, 5, 11, 9)) == 1  # overdue
    assert reminders_send_due(now=at(2024, 5, 11, 9)) == 0
    assert kinds_for(tf_member) == [NotificationKind.PROBLEM_DUE, NotificationKind.PROBLEM_OVERDUE]


def test_a_redated_problem_is_reminded_of_its_new_deadline(tf_member):
    problem = factories.make_problem(owner=tf_member, deadline=date(2024, 5, 10))
    reminders_send_due(now=at(2024, 5, 11, 9))
    problem.deadline = date(2024, 5, 20)
    problem.save()
    assert reminders_send_due(now=at(2024, 5, 21, 9)) == 1
    assert Notification.objects.filter(recipient=tf_member, kind=NotificationKind.PROBLEM_OVERDUE).count() == 2


def test_approval_item_deadlines_remind_the_approvals_task_force(tf_lead, other_tf_member):
    from taskforces.models import ApprovalItem, ApprovalItemType

    project = factories.make_project("阳城测试审批项目")
    kind = ApprovalItemType.objects.get_or_create(name="环境影响评价")[0]
    item = ApprovalItem.objects.create(project=project, item_type=kind, deadline=date(2024, 5, 10), handler="王某")
    approved = ApprovalItem.objects.create(
        project=factories.make_project(),
        item_type=kind,
        deadline=date(2024, 5, 10),
        status="approved",
        approved_on=date(2024, 5, 1),
    )
    assert reminders_send_due(now=at(2024, 5, 8, 9)) == 1
    assert reminders_send_due(now=at(2024, 5, 11, 9)) == 1
    assert reminders_send_due(now=at(2024, 5, 11, 10)) == 0
    assert kinds_for(tf_lead) == [NotificationKind.APPROVAL_DUE, NotificationKind.APPROVAL_OVERDUE]
    assert kinds_for(other_tf_member) == []
    notification = Notification.objects.get(kind=NotificationKind.APPROVAL_OVERDUE)
    assert "阳城测试审批项目" in notification.title and "环境影响评价" in notification.title
    assert notification.subject_key == f"approval:{item.pk}:2024-05-10"
    assert notification.link == f"/taskforces/approvals/items/{item.pk}/"
    assert not Notification.objects.filter(subject_key__startswith=f"approval:{approved.pk}:").exists()


@override_settings(PROGRESS_REPORTING_DAY=25)
def test_reporters_are_told_of_their_projects_without_monthly_progress_from_the_reporting_day(
    reporter, other_reporter, township, other_township
):
    late = factories.make_project("凤城镇未报项目", township=township)
    done = factories.make_project("凤城镇已报项目", township=township)
    factories.make_progress(done, month=5, completed="10")
    factories.make_progress(factories.make_project("北留镇已报项目", township=other_township), month=5, completed="10")
    factories.make_project("未列入2024年清单的项目", township=other_township, year=None)
    assert reminders_send_due(now=at(2024, 5, 24, 9)) == 0
    assert reminders_send_due(now=at(2024, 5, 25, 9)) == 1
    assert reminders_send_due(now=at(2024, 5, 26, 9)) == 0
    notification = Notification.objects.get(recipient=reporter)
    assert notification.kind == NotificationKind.PROGRESS_MISSING
    assert late.name in notification.body and done.name not in notification.body
    assert not Notification.objects.filter(recipient=other_reporter).exists()


def test_each_recipient_gets_an_email_once_even_when_reminders_run_twice(tf_lead, tf_member):
    factories.make_duty(cadence="weekly", opens_from=date(2024, 5, 6), people=(tf_lead, tf_member))
    occurrences_open_due(now=at(2024, 5, 6, 0, 10))
    for _ in range(3):
        reminders_send_due(now=at(2024, 5, 11, 9))
        deliveries_send_due(now=at(2024, 5, 11, 9, 1))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([tf_lead.email, tf_member.email])
    assert all("逾期" in m.subject and "阳城县重点工程" in m.subject for m in mail.outbox)
    assert "http" in mail.outbox[0].body and "/cycles/occurrences/" in mail.outbox[0].body
    assert Delivery.objects.filter(status="sent").count() == 2


def test_inactive_users_and_people_without_email_get_no_email(tf_lead):
    no_mail = factories.make_user("nomail_t", email="")
    gone = factories.make_user("gone_t", is_active=False)
    factories.make_duty(cadence="weekly", opens_from=date(2024, 5, 6), people=(no_mail, gone))
    occurrences_open_due(now=at(2024, 5, 6, 0, 10))
    assert reminders_send_due(now=at(2024, 5, 11, 9)) == 1
    assert Notification.objects.filter(recipient=no_mail).exists()
    assert not Notification.objects.filter(recipient=gone).exists()
    assert not Delivery.objects.exists()


def test_hq_duties_remind_the_hq_office_when_no_one_is_named(hq, leader):
    factories.make_duty(cadence="monthly", taskforce=None, opens_from=date(2024, 5, 1))
    occurrences_open_due(now=at(2024, 5, 1, 9))
    reminders_send_due(now=at(2024, 5, 21, 9))
    assert kinds_for(hq) == [NotificationKind.OCCURRENCE_OVERDUE]
    assert kinds_for(leader) == []
