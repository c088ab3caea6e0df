"""The security audit trail: what is recorded (with time, user, address, user agent, object, outcome),
append-only in PostgreSQL, the prune that keeps 180 days, the export command, the viewer."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from openpyxl import load_workbook

from accounts.events import Action, Outcome
from accounts.models import Role
from accounts.services import user_set_roles
from audit.models import AuditEvent
from audit.prune import audit_prune
from audit.services import record
from tests import factories

from .conftest import password_login

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Windows NT 10.0) 审计测试"


def _events(action):
    return AuditEvent.objects.filter(action=action).order_by("id")


def test_login_success_failure_and_logout_are_recorded_with_address_and_browser(client, reporter):
    password_login(client, reporter.username, "wrong", REMOTE_ADDR="10.2.3.4", HTTP_USER_AGENT=BROWSER)
    password_login(client, reporter.username, "pw", REMOTE_ADDR="10.2.3.4", HTTP_USER_AGENT=BROWSER)
    client.post("/accounts/logout/", REMOTE_ADDR="10.2.3.4", HTTP_USER_AGENT=BROWSER)

    failed = _events(Action.LOGIN_FAILED).get()
    assert (failed.username, failed.user, failed.outcome) == (reporter.username, None, Outcome.FAILURE)
    login = _events(Action.LOGIN).get()
    logout = _events(Action.LOGOUT).get()
    for event in (failed, login, logout):
        assert event.ip_address == "10.2.3.4" and event.user_agent == BROWSER
        assert timezone.now() - event.at < timedelta(minutes=1)
    assert login.user == reporter and logout.user == reporter


def test_a_lockout_is_recorded_once_and_each_refused_attempt_as_refused(client, reporter):
    for _ in range(7):
        password_login(client, reporter.username, "wrong", REMOTE_ADDR="10.4.4.4")
    assert _events(Action.LOCKOUT).count() == 1
    outcomes = list(_events(Action.LOGIN_FAILED).values_list("outcome", flat=True))
    assert outcomes == [Outcome.FAILURE] * 5 + [Outcome.DENIED] * 2


def test_refusals_on_guarded_objects_are_recorded(client, reporter, other_township):
    project = factories.make_project("北留镇某项目", township=other_township)
    client.force_login(reporter)
    assert client.get(f"/projects/{project.pk}/").status_code == 404
    refusal = _events(Action.ACCESS_DENIED).get()
    assert refusal.user == reporter and refusal.outcome == Outcome.DENIED
    assert refusal.detail == f"404 GET /projects/{project.pk}/"


def test_admin_actions_role_and_membership_changes_are_recorded(client, admin, reporter):
    client.force_login(admin)
    unit = reporter.unit
    response = client.post(
        f"/admin/projects/unit/{unit.pk}/change/",
        {"name": "凤城镇人民政府", "short_name": "凤城", "kind": unit.kind, "sort_order": 1},
        REMOTE_ADDR="10.7.7.7",
    )
    assert response.status_code == 302
    change = _events(Action.ADMIN_ACTION).get()
    assert change.user == admin and change.object_repr == "凤城镇人民政府" and change.ip_address == "10.7.7.7"
    assert change.detail.startswith("change")
    assert LogEntry.objects.count() == 1

    security = factories.make_user("sec_roles_t", roles=(Role.SECURITY,))
    user_set_roles(user=reporter, roles=[Role.REPORTER, Role.LEADER], by=security)
    role_change = _events(Action.ROLE_CHANGE).filter(object_id=str(reporter.pk)).last()
    assert role_change.detail == "added: leader"

    factories.add_member(reporter, "approvals")
    membership = _events(Action.MEMBERSHIP_CHANGE).get()
    assert membership.object_id == str(reporter.pk) and "added" in membership.detail


def test_superuser_requests_are_each_recorded(client):
    root = factories.make_user("root_t", is_superuser=True, is_staff=True)
    client.force_login(root)
    client.get("/")
    client.get("/projects/")
    details = list(_events(Action.SUPERUSER_USE).values_list("detail", flat=True))
    assert details == ["GET / → 200", "GET /projects/ → 200"]


def test_record_is_the_one_call_for_imports_exports_downloads_and_publishing(rf, hq):
    request = rf.get("/projects/export/", REMOTE_ADDR="10.8.8.8", HTTP_USER_AGENT=BROWSER)
    request.user = hq
    event = record(Action.EXPORT, request=request, object_type="register.Project", detail="重点工程项目表.xlsx")
    assert (event.user, event.username, event.ip_address, event.user_agent) == (hq, hq.username, "10.8.8.8", BROWSER)


def test_audit_export_prints_one_event_per_row_in_json_or_csv(reporter):
    record(Action.LOGIN, user=reporter)
    record(Action.EXPORT, user=reporter, object_repr='=HYPERLINK("x")', detail="导出")
    out = io.StringIO()
    call_command("audit_export", "--format", "json", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    rows = [row for row in rows if row["action"] in {"login", "export"}]  # the fixtures' role changes aside
    assert [row["action"] for row in rows] == ["login", "export"]
    assert set(rows[0]) == {"time", "user", "ip", "user_agent", "action", "object", "outcome", "detail"}
    assert rows[1]["object"] == '=HYPERLINK("x")' and rows[1]["user"] == reporter.username

    out = io.StringIO()
    call_command("audit_export", "--format", "csv", "--since", timezone.localdate().isoformat(), stdout=out)
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["action"] for row in table][-2:] == ["export", "audit_export"]  # the first export is recorded too
    assert list(table[0]) == ["time", "user", "ip", "user_agent", "action", "object", "outcome", "detail"]

    with pytest.raises(CommandError):
        call_command("audit_export", "--since", "2024/01/01", stdout=io.StringIO())


def test_audit_prune_keeps_at_least_180_days(reporter):
    with pytest.raises(ValueError, match="180"):
        audit_prune(days=90)
    with pytest.raises(CommandError):
        call_command("audit_prune", "--days", "179", stdout=io.StringIO())


@pytest.mark.postgres
def test_the_database_refuses_to_change_or_delete_an_audit_event(reporter):
    event = record(Action.LOGIN, user=reporter)
    for statement in (
        "UPDATE audit_auditevent SET outcome = 'failure' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(detail="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        event.delete()
    event.refresh_from_db()
    assert event.outcome == Outcome.SUCCESS and event.detail == ""


def _delete_as_the_prune_would(pk: int) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL yc.audit_prune = 'on'")
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [pk])


@pytest.mark.postgres
def test_the_prune_removes_only_events_past_the_retention_even_with_its_variable_set(reporter):
    now = timezone.now()
    old = AuditEvent.objects.create(action=Action.LOGIN, username="old", at=now - timedelta(days=200))
    edge = AuditEvent.objects.create(action=Action.LOGIN, username="edge", at=now - timedelta(days=179))
    young = AuditEvent.objects.create(action=Action.LOGIN, username="young", at=now - timedelta(days=1))

    assert audit_prune() == 1
    left = set(AuditEvent.objects.filter(username__in=["old", "edge", "young"]).values_list("username", flat=True))
    assert left == {"edge", "young"}

    # With the prune's variable set by hand, the trigger still refuses a younger row.
    with pytest.raises(DatabaseError, match="append-only"):
        _delete_as_the_prune_would(edge.pk)
    assert AuditEvent.objects.filter(pk__in=[edge.pk, young.pk]).count() == 2
    assert not AuditEvent.objects.filter(pk=old.pk).exists()


@pytest.mark.postgres
def test_audit_prune_command_reports_and_is_itself_recorded(reporter):
    AuditEvent.objects.create(action=Action.LOGIN, username="ancient", at=timezone.now() - timedelta(days=400))
    out = io.StringIO()
    call_command("audit_prune", stdout=out)
    assert "deleted 1" in out.getvalue()
    assert AuditEvent.objects.filter(action=Action.AUDIT_PRUNE).exists()


def test_the_viewer_and_its_xlsx_export_are_for_the_audit_administrator_only(client, auditor, admin, secadmin, hq):
    record(Action.LOGIN, user=hq, detail="=cmd|' /C calc'!A0")
    for person in (admin, secadmin, hq):
        client.force_login(person)
        assert client.get("/audit/").status_code in (302, 403)
        assert client.get("/audit/export.xlsx").status_code in (302, 403)

    client.force_login(auditor)
    page = client.get("/audit/", {"action": "login"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "安全审计日志" in text and hq.username in text

    response = client.get("/audit/export.xlsx", {"username": hq.username})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert hq.username in values
    assert "=cmd|' /C calc'!A0" in values  # kept as text (core.xlsx), not a formula
    assert AuditEvent.objects.filter(action=Action.AUDIT_EXPORT, user=auditor).exists()


def test_no_one_can_change_or_delete_audit_events_through_the_application(client, admin, auditor):
    root = factories.make_user("root_audit_t", is_superuser=True, is_staff=True)
    event = record(Action.LOGIN, user=admin)
    for person in (admin, auditor, root):
        client.force_login(person)
        # Not in the admin site at all (the audit administrator is not let into it: sent to the trail).
        expected = 302 if person == auditor else 404
        assert client.get(f"/admin/audit/auditevent/{event.pk}/change/").status_code == expected
        assert client.get(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == expected
        assert client.post("/audit/", {"detail": "x"}).status_code == 405  # the viewer only reads
    assert not admin.has_perm("audit.change_auditevent") and not admin.has_perm("audit.delete_auditevent")
