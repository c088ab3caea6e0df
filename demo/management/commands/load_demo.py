"""Load the demo data of every part of the system. Safe to run again: it only adds what is missing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo import bulletins, campaigns, cycles, funding, land, ledgers, maps, register, statistics

# One module per part of the system, each with `load(*, stdout)`; they run in this order because later
# parts refer to earlier parts' records.
DEMO_MODULES = [register, maps, ledgers, land, statistics, funding, cycles, campaigns, bulletins]


class Command(BaseCommand):
    help = "Load the demo units, targets, 126 key projects, ledgers and demo accounts (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-in-production",
            action="store_true",
            help="load the demo accounts (one shared password) even though DEBUG is off",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_in_production"]:
            raise CommandError(
                "load_demo 只用于开发和演示：演示账号共用一个公开的密码。DEBUG 未开启时拒绝执行；"
                "确需在此环境载入演示数据，请加 --allow-in-production。"
            )
        for module in DEMO_MODULES:
            module.load(stdout=self.stdout)
            self.stdout.write(f"loaded {module.__name__}")
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪。演示账号（密码均为 {register.DEMO_PASSWORD}）："))
        for account in register.DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<18} {account.full_name:<12} {account.what_they_see}")
