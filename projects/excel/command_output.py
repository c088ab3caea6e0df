"""What import_projects and import_progress print: a summary and every problem, or one JSON object."""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ..models import Tier
from .plan import ImportPlan
from .reader.cells import money


def report(command: BaseCommand, plan: ImportPlan, *, as_json: bool, applied: bool, dry_run: bool) -> None:
    """Print the outcome; raise CommandError (exit status 1) when the file had any error."""
    summary = plan.summary()
    if as_json:
        keys = ("rows", "created", "updated", "unchanged", "errors", "warnings", "tiers")
        data = {key: summary[key] for key in keys}
        if plan.kind == "progress":
            data["skipped"] = summary["skipped"]
        if summary["units_to_create"]:
            data["units_created" if applied else "units_to_create"] = [u["name"] for u in summary["units_to_create"]]
        data["applied"] = applied
        command.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        out = command.stdout
        out.write(
            _("Rows read: %(rows)s. New: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s.")
            % {key: summary[key] for key in ("rows", "created", "updated", "unchanged")}
        )
        if plan.skipped:
            out.write(_("Rows left empty and skipped: %(n)s.") % {"n": plan.skipped})
        for tier in Tier:
            figures = plan.tiers.get(tier.value)
            if not figures or not figures["count"]:
                continue
            line = _("%(tier)s: %(count)s projects, total investment %(total)s, annual plan %(plan)s (10k yuan)") % {
                "tier": tier.label,
                "count": figures["count"],
                "total": money(Decimal(figures["total_investment"])),
                "plan": money(Decimal(figures["annual_plan"])),
            }
            if "completed" in figures:
                line += " " + _("completed this month %(completed)s") % {
                    "completed": money(Decimal(figures["completed"]))
                }
            out.write(line)
        if plan.units_to_create:
            out.write(
                _("Units created: %(names)s") % {"names": "、".join(name for name, _kind in plan.units_to_create)}
                if applied
                else _("Units to create: %(names)s")
                % {"names": "、".join(name for name, _kind in plan.units_to_create)}
            )
        for problem in plan.errors + plan.warnings:
            out.write(str(problem))
        if plan.errors:
            pass  # the CommandError below says it
        elif applied:
            out.write(command.style.SUCCESS(_("Imported.")))
        elif dry_run:
            out.write(_("Dry run: nothing was written."))
    if plan.errors:
        raise CommandError(_("%(n)s error(s) found: nothing was written.") % {"n": len(plan.errors)}, returncode=1)
