"""Separation of duties (三权分立): the system, security and audit administrators, each to their own work;
people are deactivated, never deleted, and the data history keeps naming them with the address."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from accounts.events import Action
from accounts.models import Role, Unit, User
from accounts.services import user_set_roles
from audit.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "roles",
    [
        [Role.ADMIN, Role.SECURITY],
        [Role.ADMIN, Role.AUDIT],
        [Role.SECURITY, Role.AUDIT],
        [Role.SECURITY, Role.HQ],
        [Role.AUDIT, Role.LEADER],
    ],
)
def test_one_person_holds_at_most_one_administrator_role_and_no_business_role_beside_security_or_audit(
    roles, secadmin, reporter
):
    with pytest.raises(ValidationError):
        user_set_roles(user=reporter, roles=roles, by=secadmin)


def test_no_one_changes_their_own_roles(secadmin):
    with pytest.raises(ValidationError):
        user_set_roles(user=secadmin, roles=[Role.ADMIN], by=secadmin)


def test_the_security_administrator_assigns_roles_on_the_console(client, secadmin, reporter):
    client.force_login(secadmin)
    page = client.get(f"/accounts/security/users/{reporter.pk}/")
    assert page.status_code == 200 and "角色" in page.content.decode()
    response = client.post(
        f"/accounts/security/users/{reporter.pk}/", {"action": "roles", "roles": [Role.REPORTER, Role.LEADER]}
    )
    assert response.status_code == 302
    assert set(reporter.groups.values_list("name", flat=True)) == {Role.REPORTER, Role.LEADER}
    event = AuditEvent.objects.filter(action=Action.ROLE_CHANGE, object_id=str(reporter.pk)).order_by("id").last()
    assert event is not None
    assert event.user == secadmin and event.detail == "added: leader"

    refused = client.post(
        f"/accounts/security/users/{reporter.pk}/", {"action": "roles", "roles": [Role.SECURITY, Role.HQ]}
    )
    assert refused.status_code == 200 and "不兼任其他角色" in refused.content.decode()


def test_granting_the_system_administrator_role_opens_the_admin_site(secadmin, reporter):
    user_set_roles(user=reporter, roles=[Role.ADMIN], by=secadmin)
    reporter.refresh_from_db()
    assert reporter.is_staff
    user_set_roles(user=reporter, roles=[Role.REPORTER], by=secadmin)
    reporter.refresh_from_db()
    assert not reporter.is_staff


def test_the_security_and_audit_administrators_see_no_business_pages(client, secadmin, auditor):
    project = factories.make_project("某项目")
    for person, home in ((secadmin, "/accounts/security/"), (auditor, "/audit/")):
        client.force_login(person)
        for path in ("/", "/projects/", f"/projects/{project.pk}/", "/taskforces/", "/bulletins/", "/admin/"):
            response = client.get(path)
            assert response.status_code == 302 and response["Location"] == home, (person, path)
        assert client.get(home).status_code == 200


def test_the_security_console_is_the_security_administrators_only(client, admin, auditor, hq):
    for person in (admin, auditor, hq):
        client.force_login(person)
        assert client.get("/accounts/security/").status_code in (302, 403)


def test_the_system_administrator_cannot_read_the_audit_trail(client, admin):
    client.force_login(admin)
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.xlsx").status_code == 403


def test_the_system_administrator_holds_the_admin_permissions_but_not_security_or_audit_ones(admin):
    assert admin.has_perm("projects.change_user") and admin.has_perm("projects.change_unit")
    assert admin.has_perm("register.change_project")
    for perm in ("projects.delete_user", "auth.change_group", "audit.view_auditevent", "otp_totp.delete_totpdevice"):
        assert not admin.has_perm(perm), perm


def test_the_admin_site_neither_deletes_people_nor_lets_the_system_administrator_set_roles(client, admin, reporter):
    client.force_login(admin)
    assert client.get(f"/admin/projects/user/{reporter.pk}/delete/").status_code == 403
    form = client.get(f"/admin/projects/user/{reporter.pk}/change/").content.decode()
    assert 'name="groups"' not in form and 'name="is_superuser"' not in form and 'name="is_active"' in form
    assert client.get(f"/admin/projects/user/{reporter.pk}/password/").status_code == 403

    response = client.post("/admin/projects/user/", {"action": "deactivate", "_selected_action": [reporter.pk]})
    assert response.status_code == 302
    reporter.refresh_from_db()
    assert not reporter.is_active
    assert AuditEvent.objects.filter(action=Action.ADMIN_ACTION, object_id=str(reporter.pk)).exists()


def test_a_person_with_records_cannot_be_deleted(reporter):
    factories.add_member(reporter, "approvals")
    with pytest.raises(ProtectedError):
        reporter.delete()
    assert User.objects.filter(pk=reporter.pk).exists()


def test_the_data_history_names_a_deactivated_person_and_keeps_the_address(client, admin):
    unit = factories.make_unit("北留镇")
    client.force_login(admin)
    client.post(
        f"/admin/projects/unit/{unit.pk}/change/",
        {"name": "北留镇人民政府", "short_name": "", "kind": unit.kind, "sort_order": 3},
        REMOTE_ADDR="10.6.6.6",
    )
    admin.is_active = False
    admin.save(update_fields=["is_active"])

    change = Unit.history.filter(id=unit.pk).order_by("-history_id").first()
    assert change.name == "北留镇人民政府"
    assert change.history_user == admin and change.ip_address == "10.6.6.6"
    assert str(change.history_user) == admin.display_name


def test_the_admin_site_requires_a_verified_second_factor(client, admin):
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    session = client.session
    del session[DEVICE_ID_SESSION_KEY]
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/verify/")


def test_an_anonymous_visit_to_the_admin_site_goes_to_the_application_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
