"""The meeting pack as a Word document, in the same official layout as the bulletin."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx.enum.text import WD_ALIGN_PARAGRAPH

from core.money import yi_text as yi
from problems.models import Problem

from .documents import date_label
from .official_document import OfficialDocument
from .text import chinese_numeral, join_names


def project_sentence(row: dict[str, Any]) -> str:
    text = _(
        "Total investment %(total)s hundred million yuan; annual plan %(plan)s hundred million yuan; completed "
        "%(completed)s hundred million yuan in %(period)s"
    ) % {
        "total": yi(row["total_investment"]),
        "plan": yi(row["annual_plan"]),
        "completed": yi(row["completed"]),
        "period": row["period"],
    }
    if row["completion_rate"] is not None:
        text += _(", %(rate)s%% of the annual plan") % {"rate": row["completion_rate"]}
    text += _(". ")
    text += _("Responsible unit: %(unit)s; liaison leader: %(leader)s; status: %(status)s.") % {
        "unit": row["responsible_unit"] or "—",
        "leader": row["liaison_leader"] or "—",
        "status": row["status_label"],
    }
    return text


def problem_lines(problem: Problem) -> list[str]:
    lines = []
    for event in problem.events.all():
        when = timezone.localtime(event.at).date()
        line = f"{date_label(when)} {event.get_kind_display()}"
        if event.from_level and event.to_level:
            line += f"（{event.get_from_level_display()} → {event.get_to_level_display()}）"
        if event.note:
            line += f"：{event.note}"
        lines.append(line)
    return lines


def problem_heading(problem: Problem) -> str:
    parts = [problem.description]
    details = []
    if problem.project is not None:
        details.append(problem.project.name)
    if problem.owner_unit is not None:
        details.append(problem.owner_unit.name)
    if problem.deadline:
        details.append(_("deadline %(date)s") % {"date": date_label(problem.deadline)})
    if details:
        parts.append("（" + "，".join(details) + "）")
    return "".join(parts)


def meeting_docx(pack: dict[str, Any], *, issuer: str) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        period = pack["figures"]["text"]["period"]
        document = OfficialDocument(title=pack["title"], author=issuer)
        document.title(pack["title"])
        if pack.get("occurrence") is not None:
            document.paragraph(str(pack["occurrence"]), align=WD_ALIGN_PARAGRAPH.CENTER, first_line=False)
        numbers = (chinese_numeral(n) for n in range(1, 20))

        document.heading(next(numbers), pgettext("bulletin", "Overall progress"))
        document.body(pack["headline"])

        document.heading(next(numbers), pgettext("bulletin", "Starts and restarts"))
        document.body(pack["starts"])

        document.heading(next(numbers), pgettext("bulletin", "Statistics inclusion"))
        if pack["statistics"]:
            document.body(pack["statistics"]["paragraphs"])
        else:
            document.body([_("The statistics inclusion ledger has no records for this month.")])

        document.heading(next(numbers), pgettext("bulletin", "Provincial and city key projects"))
        if not pack["key_projects"]:
            document.body([_("There are no provincial or city key projects this year.")])
        for index, row in enumerate(pack["key_projects"]):
            document.subheading(chinese_numeral(index + 1), f"{row['name']}（{row['tier_label']}）")
            document.body([project_sentence({**row, "period": period})])
            if row["physical_progress"]:
                document.body([_("Physical progress: %(text)s") % {"text": row["physical_progress"]}])
            if row["problems"]:
                document.body([_("Problems reported: %(text)s") % {"text": row["problems"]}])

        document.heading(next(numbers), pgettext("bulletin", "Preliminary approvals"))
        approvals = pack["approvals"]["projects"]
        if not approvals:
            document.body([_("There are no preliminary projects this year.")])
        for row in approvals:
            if row["items"]:
                text = _("%(name)s: %(count)s approval items, %(approved)s approved, %(overdue)s overdue.") % {
                    "name": row["name"],
                    "count": len(row["items"]),
                    "approved": row["approved"],
                    "overdue": row["overdue"],
                }
                overdue = [i["name"] for i in row["items"] if i["overdue"]]
                if overdue:
                    text += _("Overdue: %(names)s.") % {"names": join_names(overdue)}
            else:
                text = _("%(name)s: no approval items on the ledger yet.") % {"name": row["name"]}
            document.body([text])

        document.heading(next(numbers), _("Open problems for the %(level)s") % {"level": pack["level_label"]})
        if not pack["problems"]:
            document.body([_("No open problems at this level.")])
        for index, problem in enumerate(pack["problems"]):
            document.subheading(chinese_numeral(index + 1), problem_heading(problem))
            document.body(problem_lines(problem))
        document.signature(issuer, date_label(pack["prepared_on"]))
        return document.bytes()
