"""Load the demo data of every part of the system. Safe to run again: it only adds what is missing."""

from __future__ import annotations

import importlib
import importlib.util

from django.core.management.base import BaseCommand

from projects import demo as register_demo

# Each part of the system may ship a `demo` module with `load(*, stdout)`; they run in this order
# because later parts refer to earlier parts' records.
DEMO_MODULES = [
    "projects.demo",
    "taskforces.demo",
    "cycles.demo",
    "campaigns.demo",
    "bulletins.demo",
]


class Command(BaseCommand):
    help = "Load the demo units, targets, 126 key projects, ledgers and demo accounts (idempotent)."

    def handle(self, *args, **options) -> None:
        for name in DEMO_MODULES:
            if importlib.util.find_spec(name) is None:
                continue
            module = importlib.import_module(name)
            module.load(stdout=self.stdout)
            self.stdout.write(f"loaded {name}")
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。演示账号（密码均为 %s）：" % register_demo.DEMO_PASSWORD))
        for account in register_demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<18} {account.full_name:<12} {account.what_they_see}")
