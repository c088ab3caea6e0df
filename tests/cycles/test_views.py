"""The scheduling pages: who may see and change what (outsider and wrong role for every view that changes
data), what the pages do, and lists whose query count does not grow with the data."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cycles.models import Duty, Occurrence
from cycles.services import occurrences_open_due
from files.models import Attachment
from problems.models import Problem, ProblemEvent
from tests import factories
from tests.factories import at

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def occurrence(db):
    """This week's approvals scheduling (the approvals task force's duty)."""
    duty = factories.make_duty("approvals-weekly", cadence="weekly", opens_from=date(2024, 5, 6))
    occurrences_open_due(now=at(2024, 5, 6, 9))
    return Occurrence.objects.get(duty=duty)


@pytest.fixture
def meeting(db):
    """This month's progress meeting of the executive deputy county head: its agenda is the executive level."""
    duty = factories.make_duty(
        cadence="monthly",
        taskforce=None,
        campaign="scheduling",
        name="项目建设推进会",
        problem_level="executive",
        opens_from=date(2024, 5, 1),
    )
    occurrences_open_due(now=at(2024, 5, 1, 9))
    return Occurrence.objects.get(duty=duty)


def record_data(**extra) -> dict:
    return {
        "held_on": "2024-05-10",
        "attendees": "专班全体成员",
        "minutes": "逐项调度审批事项。",
        "decisions": "一、限期办结。",
        **extra,
    }


def login(client, user):
    client.force_login(user)
    return client


# --- recording an occurrence ---------------------------------------------------------------------------


def test_a_task_force_member_records_the_weekly_scheduling_with_an_attachment(client, tf_member, occurrence):
    login(client, tf_member)
    upload = SimpleUploadedFile("纪要.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("cycles:occurrence", args=[occurrence.pk]), record_data(attachments=[upload]))
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert (occurrence.status, occurrence.held_on, occurrence.recorded_by) == ("held", date(2024, 5, 10), tf_member)
    attachment = occurrence.attachments.get()
    assert attachment.original_name == "纪要.pdf" and attachment.mime_type == "application/pdf"
    assert "纪要" not in attachment.file.name  # stored under a name of ours
    page = client.get(reverse("cycles:occurrence", args=[occurrence.pk])).content.decode()
    assert "专班全体成员" in page and "纪要.pdf" in page


@pytest.mark.parametrize("who", ["outsider", "reporter"])
def test_those_who_may_not_see_an_occurrence_get_404_when_recording_it(client, request, who, occurrence):
    login(client, request.getfixturevalue(who))
    assert client.post(reverse("cycles:occurrence", args=[occurrence.pk]), record_data()).status_code == 404
    occurrence.refresh_from_db()
    assert occurrence.status == "open"


@pytest.mark.parametrize("who", ["other_tf_member", "leader", "inspector"])
def test_readers_of_another_task_force_or_leaders_may_not_record_it(client, request, who, occurrence):
    login(client, request.getfixturevalue(who))
    assert client.get(reverse("cycles:occurrence", args=[occurrence.pk])).status_code == 200
    assert client.post(reverse("cycles:occurrence", args=[occurrence.pk]), record_data()).status_code == 403
    occurrence.refresh_from_db()
    assert occurrence.status == "open"


def test_a_duty_s_named_person_outside_the_task_force_may_record_it(client, occurrence):
    person = factories.make_user("named_t")
    occurrence.duty.responsible_people.add(person)
    login(client, person)
    assert client.post(reverse("cycles:occurrence", args=[occurrence.pk]), record_data()).status_code == 302


def test_an_upload_that_is_not_a_document_is_refused_by_its_content(client, tf_member, occurrence):
    login(client, tf_member)
    fake = SimpleUploadedFile("纪要.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    response = client.post(reverse("cycles:occurrence", args=[occurrence.pk]), record_data(attachments=[fake]))
    assert response.status_code == 200
    assert "只接受照片以及 PDF" in response.content.decode()
    assert not Attachment.objects.exists()


def test_attachments_are_served_only_to_those_who_may_read_the_occurrence(
    client, tf_member, leader, outsider, occurrence
):
    login(client, tf_member)
    client.post(
        reverse("cycles:occurrence", args=[occurrence.pk]),
        record_data(attachments=[SimpleUploadedFile("签到表.pdf", PDF)]),
    )
    attachment = occurrence.attachments.get()
    url = reverse("files:download", args=[attachment.pk])
    login(client, leader)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    login(client, outsider)
    assert client.get(url).status_code == 404


def test_hq_resolves_problems_when_recording_a_meeting_and_members_cannot(client, hq, tf_member, occurrence):
    problem = factories.make_problem("审批卡在消防审查")
    login(client, tf_member)
    assert "problems resolved" not in client.get(reverse("cycles:occurrence", args=[occurrence.pk])).content.decode()
    client.post(reverse("cycles:occurrence", args=[occurrence.pk]), record_data(resolved=[problem.pk]))
    problem.refresh_from_db()
    assert problem.status == "open"
    login(client, hq)
    client.post(reverse("cycles:occurrence", args=[occurrence.pk]), record_data(resolved=[problem.pk]))
    problem.refresh_from_db()
    assert problem.status == "resolved" and occurrence.title in problem.resolution
    assert list(occurrence.problems_resolved.all()) == [problem]


# --- raising problems at a meeting ---------------------------------------------------------------------


def test_a_member_raises_a_problem_at_the_meeting_for_their_task_force(client, tf_member, occurrence):
    login(client, tf_member)
    approvals = factories.make_taskforce("approvals")
    response = client.post(
        reverse("cycles:occurrence_raise_problem", args=[occurrence.pk]),
        {"description": "林地手续未办", "source_taskforce": approvals.pk, "deadline": "2024-05-31"},
    )
    assert response.status_code == 302
    problem = Problem.objects.get(description="林地手续未办")
    assert (problem.source, problem.level, problem.raised_by) == ("meeting", "taskforce", tf_member)
    assert list(occurrence.problems_raised.all()) == [problem]
    assert ProblemEvent.objects.filter(problem=problem, kind="raised").exists()


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("leader", 403), ("other_tf_member", 403)])
def test_raising_at_a_meeting_is_refused_to_outsiders_leaders_and_other_task_forces(
    client, request, who, status, occurrence
):
    login(client, request.getfixturevalue(who))
    response = client.post(
        reverse("cycles:occurrence_raise_problem", args=[occurrence.pk]),
        {"description": "x", "source_taskforce": factories.make_taskforce("investment").pk, "deadline": "2024-05-31"},
    )
    assert response.status_code == status
    assert not Problem.objects.exists()


# --- the progress meeting's agenda --------------------------------------------------------------------


def test_the_agenda_lists_open_problems_at_the_meeting_level_with_their_history(client, leader, meeting):
    shown = factories.make_problem("资金缺口3000万元", level="executive")
    factories.make_problem("专班层级问题", level="taskforce")
    factories.make_problem("已解决问题", level="executive", status="resolved", resolved_at=at(2024, 5, 2))
    login(client, leader)
    page = client.get(reverse("cycles:agenda", args=[meeting.pk])).content.decode()
    assert "资金缺口3000万元" in page and "专班层级问题" not in page and "已解决问题" not in page
    assert "办理过程" in page
    assert f'name="p{shown.pk}-action"' not in page  # a leader reads the agenda; the HQ office records decisions


@pytest.fixture
def progress_meeting(db):
    """The notice's monthly progress meeting (the duty the bulletin builds its meeting pack for)."""
    duty = factories.make_duty(
        "scheduling-monthly-progress-meeting",
        cadence="monthly",
        taskforce=None,
        campaign="scheduling",
        name="项目建设推进会",
        day=28,
        problem_level="executive",
        opens_from=date(2024, 5, 1),
    )
    occurrences_open_due(now=at(2024, 5, 1, 9))
    return Occurrence.objects.get(duty=duty)


@pytest.mark.parametrize("who", ["hq", "leader"])
def test_the_progress_meeting_links_to_its_meeting_pack(client, request, who, progress_meeting):
    login(client, request.getfixturevalue(who))
    page = client.get(reverse("cycles:occurrence", args=[progress_meeting.pk])).content.decode()
    assert reverse("bulletins:meeting_occurrence", args=[progress_meeting.pk]) in page
    assert reverse("bulletins:meeting_occurrence_docx", args=[progress_meeting.pk]) in page
    assert client.get(reverse("bulletins:meeting_occurrence", args=[progress_meeting.pk])).status_code == 200


def test_other_meetings_have_no_meeting_pack_link_and_the_pack_refuses_them(client, hq, meeting):
    login(client, hq)
    page = client.get(reverse("cycles:occurrence", args=[meeting.pk])).content.decode()
    assert "/bulletins/meeting/occurrence/" not in page
    assert client.get(reverse("bulletins:meeting_occurrence", args=[meeting.pk])).status_code == 404


def test_the_meeting_pack_link_is_not_shown_to_those_who_may_not_read_bulletin_drafts(
    client, tf_lead, progress_meeting
):
    login(client, tf_lead)
    response = client.get(reverse("cycles:occurrence", args=[progress_meeting.pk]))
    assert response.status_code == 200  # may see the meeting, not the draft figures
    assert "/bulletins/meeting/occurrence/" not in response.content.decode()


def test_decisions_recorded_at_the_meeting_close_reassign_and_redate(client, hq, tf_member, meeting):
    closed = factories.make_problem("A", level="executive")
    moved = factories.make_problem("B", level="executive")
    later = factories.make_problem("C", level="executive", deadline=date(2024, 5, 20))
    kept = factories.make_problem("D", level="executive")
    login(client, hq)
    data: dict[str, object] = {}
    for p, action, extra in [
        (closed, "resolve", {"note": "会议明确已解决"}),
        (moved, "reassign", {"owner": tf_member.pk}),
        (later, "redate", {"deadline": "2024-06-15"}),
        (kept, "keep", {}),
    ]:
        data |= {f"p{p.pk}-problem": p.pk, f"p{p.pk}-action": action}
        data |= {f"p{p.pk}-{k}": v for k, v in extra.items()}
    response = client.post(reverse("cycles:agenda", args=[meeting.pk]), data)
    assert response.status_code == 302
    for p in (closed, moved, later, kept):
        p.refresh_from_db()
    assert closed.status == "resolved" and meeting.title in closed.resolution
    assert moved.owner == tf_member
    assert later.deadline == date(2024, 6, 15)
    assert kept.events.count() == 1
    assert list(meeting.problems_resolved.all()) == [closed]
    assert meeting.title in later.events.get(kind="redated").note


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("tf_lead", 403), ("leader", 403)])
def test_agenda_decisions_are_refused_to_outsiders_task_forces_and_leaders(client, request, who, status, meeting):
    problem = factories.make_problem(level="executive")
    login(client, request.getfixturevalue(who))
    data = {f"p{problem.pk}-problem": problem.pk, f"p{problem.pk}-action": "resolve", f"p{problem.pk}-note": "x"}
    assert client.post(reverse("cycles:agenda", args=[meeting.pk]), data).status_code == status
    problem.refresh_from_db()
    assert problem.status == "open"


# --- duties ------------------------------------------------------------------------------------------


def duty_data(**extra) -> dict:
    return {
        "name": "周调度",
        "code": "new-weekly",
        "owner_kind": "taskforce",
        "taskforce": factories.make_taskforce("land").pk,
        "cadence": "weekly",
        "weekday": "2",
        "remind_days_before": "1",
        "active": "on",
        **extra,
    }


def test_an_administrator_creates_a_duty_in_the_browser_and_it_opens_from_this_period(client, admin, land_lead_user):
    login(client, admin)
    response = client.post(reverse("cycles:duty_new"), duty_data(responsible_people=[land_lead_user.pk]))
    assert response.status_code == 302
    duty = Duty.objects.get(code="new-weekly")
    assert duty.weekday == 2 and list(duty.responsible_people.all()) == [land_lead_user]
    assert duty.next_due is not None


def test_the_duty_form_asks_for_the_cadence_parameters_and_drops_the_others(client, hq):
    login(client, hq)
    response = client.post(reverse("cycles:duty_new"), duty_data(cadence="semi_monthly", weekday="2"))
    assert response.status_code == 200 and "该频次必须填写此项" in response.content.decode()
    response = client.post(reverse("cycles:duty_new"), duty_data(cadence="semi_monthly", day="14", second_day="28"))
    assert response.status_code == 302
    duty = Duty.objects.get(code="new-weekly")
    assert (duty.day, duty.second_day, duty.weekday) == (14, 28, None)


def test_editing_the_schedule_of_a_duty_keeps_its_code(client, hq):
    duty = factories.make_duty("kept-code", cadence="monthly", opens_from=date(2024, 1, 1))
    login(client, hq)
    data = duty_data(code="changed", cadence="monthly", day="25", taskforce=duty.taskforce_id)
    assert client.post(reverse("cycles:duty_edit", args=[duty.pk]), data).status_code == 302
    duty.refresh_from_db()
    assert (duty.code, duty.day) == ("kept-code", 25)


@pytest.mark.parametrize(("who", "status"), [("outsider", 403), ("tf_lead", 403), ("leader", 403)])
def test_only_administrators_and_hq_create_duties(client, request, who, status):
    login(client, request.getfixturevalue(who))
    assert client.post(reverse("cycles:duty_new"), duty_data()).status_code == status
    assert not Duty.objects.filter(code="new-weekly").exists()


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("tf_lead", 403), ("leader", 403)])
def test_only_administrators_and_hq_edit_duties(client, request, who, status):
    duty = factories.make_duty(cadence="monthly")
    login(client, request.getfixturevalue(who))
    assert client.post(reverse("cycles:duty_edit", args=[duty.pk]), duty_data(name="改名")).status_code == status
    duty.refresh_from_db()
    assert duty.name == "调度"


@pytest.mark.parametrize(("who", "status"), [("outsider", 403), ("tf_lead", 403), ("leader", 403)])
def test_seeding_the_notice_duties_is_for_administrators_and_hq(client, request, who, status):
    Duty.objects.all().delete()
    login(client, request.getfixturevalue(who))
    assert client.post(reverse("cycles:duties_seed")).status_code == status
    assert not Duty.objects.exists()


def test_seeding_adds_the_missing_notice_duties_once(client, admin, all_taskforces):
    from cycles.seeding import NOTICE_DUTIES

    Duty.objects.all().delete()
    for slug in ("reserve", "scheduling", "attraction", "service", "five-batches", "assessment"):
        from accounts.models import Campaign

        Campaign.objects.get_or_create(slug=slug, defaults={"name": slug})
    login(client, admin)
    client.post(reverse("cycles:duties_seed"))
    assert Duty.objects.count() == len(NOTICE_DUTIES)
    client.post(reverse("cycles:duties_seed"))
    assert Duty.objects.count() == len(NOTICE_DUTIES)


def test_ad_hoc_meetings_are_scheduled_by_hq_not_by_others(client, hq, tf_member, outsider):
    duty = factories.make_duty(cadence="ad_hoc", taskforce=None, campaign="scheduling", name="县长顶格调度")
    url = reverse("cycles:adhoc_new", args=[duty.pk])
    login(client, outsider)
    assert client.post(url, {"due_on": "2024-05-20"}).status_code == 404
    login(client, tf_member)
    assert client.post(url, {"due_on": "2024-05-20"}).status_code == 403
    login(client, hq)
    assert client.post(url, {"due_on": "2024-05-20", "subject": "重大项目要素保障"}).status_code == 302
    assert client.post(url, {"due_on": "2024-05-20"}).status_code == 302  # a second one that day gets its own key
    assert list(Occurrence.objects.filter(duty=duty).values_list("period_key", flat=True).order_by("pk")) == [
        "2024-05-20",
        "2024-05-20-2",
    ]


# --- who reads the pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cycles:calendar", "cycles:compliance", "cycles:duties"])
def test_outsiders_are_refused_every_page(client, outsider, name):
    login(client, outsider)
    assert client.get(reverse(name)).status_code == 403


def test_the_calendar_and_compliance_show_held_late_and_missed(client, leader, occurrence):
    Occurrence.objects.filter(pk=occurrence.pk).update(status="held", held_on=date(2024, 5, 13))
    login(client, leader)
    page = client.get(reverse("cycles:calendar"), {"year": 2024, "month": 5}).content.decode()
    assert occurrence.title in page and "延期开展" in page
    page = client.get(reverse("cycles:compliance"), {"year": 2024, "month": 5}).content.decode()
    assert "前期手续专班" in page and "h-late" in page


def test_the_dashboard_and_the_project_page_carry_the_scheduling_panels(client, hq, township):
    project = factories.make_project(township=township)
    factories.make_problem("项目的问题", project=project)
    factories.make_progress(project, month=5, completed="10")
    login(client, hq)
    assert 'id="duty-compliance"' in client.get("/").content.decode()
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert 'id="project-problems"' in page and "项目的问题" in page
    assert "问题台账" in page and "调度日历" in page  # menu entries


# --- fixed query counts ------------------------------------------------------------------------------


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_lists_run_a_fixed_number_of_queries_whatever_the_data(client, hq, tf_lead):
    login(client, hq)
    urls = [
        (reverse("cycles:calendar"), {"year": 2024, "month": 5}),
        (reverse("cycles:compliance"), {"year": 2024, "month": 5}),
        (reverse("problems:list"), {}),
        (reverse("cycles:duties"), {}),
        (reverse("notifications:list"), {}),
        (reverse("notifications:deliveries"), {}),
    ]
    factories.make_duty(cadence="weekly", opens_from=date(2024, 1, 1), people=(tf_lead,))
    occurrences_open_due(now=at(2024, 5, 31, 9))
    factories.make_problem(owner=tf_lead, project=factories.make_project())
    factories.make_notification(hq, "one")
    few = [_queries(client, url, params) for url, params in urls]

    for cadence in ("weekly", "semi_monthly", "monthly", "quarterly"):
        for slug in ("investment", "land", "statistics"):
            factories.make_duty(cadence=cadence, taskforce=slug, opens_from=date(2024, 1, 1), people=(tf_lead, hq))
    occurrences_open_due(now=at(2024, 5, 31, 9))
    for i in range(30):
        factories.make_problem(owner=tf_lead, project=factories.make_project(), taskforce=["land", "approvals"][i % 2])
    for i in range(20):
        factories.make_notification(hq, f"n{i}")
    many = [_queries(client, url, params) for url, params in urls]
    assert many == few


@pytest.fixture
def land_lead_user(db):
    user = factories.make_user("land_lead_t")
    factories.add_member(user, "land", "lead")
    return user
