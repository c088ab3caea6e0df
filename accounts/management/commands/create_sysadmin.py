"""Create the first system administrator (or the first security or audit administrator) of an installation.

The password is read twice from the terminal (or once from standard input with --password-stdin) and
must meet the password policy. No second factor exists yet: the administrator roles require one, so the
first login goes to the enrolment page before anything else.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.events import Action, emit
from accounts.models import ADMINISTRATOR_ROLES, Role, User


class Command(BaseCommand):
    help = "Create a system (or security, or audit) administrator; the password must meet the policy."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--full-name", default="", help="the person's name as shown in the system")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--role",
            choices=sorted(ADMINISTRATOR_ROLES),
            default=Role.ADMIN.value,
            help="admin (system administrator, the default), security or audit",
        )
        parser.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    def _password(self, options: dict[str, Any]) -> str:
        if options["password_stdin"]:
            return sys.stdin.readline().rstrip("\n")
        first = getpass.getpass("密码：")
        if first != getpass.getpass("再次输入密码："):
            raise CommandError("两次输入的密码不一致。")
        return first

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        if not username:
            raise CommandError("用户名不能为空。")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"用户 {username} 已存在。")
        user = User(username=username, full_name=options["full_name"], email=options["email"], is_active=True)
        password = self._password(options)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("密码不符合要求：" + "；".join(error.messages)) from None
        role = options["role"]
        with transaction.atomic():
            user.is_staff = role == Role.ADMIN
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        emit(Action.ADMIN_ACTION, user=None, target=user, detail=f"create_sysadmin --role {role}")
        self.stdout.write(
            self.style.SUCCESS(f"已创建 {username}（{Role(role).label}）。首次登录须先设置两步验证（手机验证器）。")
        )
