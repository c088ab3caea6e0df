"""Planning the import of one month's progress: each row matched to a project on the year's list, this
month's completed investment worked out (given, or the cumulative Jan..M figure less the months
already stored). Writes nothing."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any, NoReturn

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ImportKind, MonthlyProgress, Project, ProjectYear, Tier
from .match import Claims, by_name, code_key
from .plan import ZERO, Action, Change, ImportPlan, PlannedRow, SkipRow, Source, TierFigures, field_label, plan_each
from .reader import ProgressRow, read_progress_list
from .reader.cells import money
from .reader.problems import RowProblems


def progress_import_preview(*, source: Source, year: int, month: int) -> ImportPlan:
    """What importing a month's progress would do, and every problem. Writes nothing."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    today = timezone.localdate()
    if (year, month) > (today.year, today.month):
        # The project page's form refuses such a month; an upload must not slip it in.
        plan = ImportPlan(kind=ImportKind.PROGRESS, year=year, month=month)
        plan.problems.error(
            _("%(year)s month %(month)s has not begun: its progress cannot be reported yet.")
            % {"year": year, "month": month}
        )
        return plan
    parsed = read_progress_list(source, year=year, month=month)
    plan = ImportPlan(kind=ImportKind.PROGRESS, year=year, month=month, problems=parsed.problems)
    plan.ignored_columns = parsed.ignored_columns
    plan.rows_read = len(parsed.rows)
    if parsed.rows:
        _ProgressPlanner(plan).run(parsed.rows)
    return plan


class _ProgressPlanner:
    """Plans the rows one at a time, in the file's order; each step notes its problems on the row and
    raises SkipRow when the row cannot be planned (or was left empty)."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.year, self.month = plan.year, plan.month or 1
        year, month = self.year, self.month
        self.listings = {py.project_id: py for py in ProjectYear.objects.filter(year=year).select_related("project")}
        self.projects = {pk: py.project for pk, py in self.listings.items()}
        self.by_code = {code_key(p.code): p for p in Project.objects.exclude(code="")}
        self.by_name = by_name(self.projects.values())
        self.earlier: dict[int, Decimal] = {
            row["project_id"]: row["total"]
            for row in MonthlyProgress.objects.filter(year=year, month__lt=month)
            .values("project_id")
            .annotate(total=Sum("completed"))
            .order_by()
        }
        self.months_reported: dict[int, set[int]] = defaultdict(set)
        for project_id, m in MonthlyProgress.objects.filter(year=year, month__lt=month).values_list(
            "project_id", "month"
        ):
            self.months_reported[project_id].add(m)
        self.existing = {mp.project_id: mp for mp in MonthlyProgress.objects.filter(year=year, month=month)}
        self.claims = Claims()
        self.tiers: dict[str, TierFigures] = {
            t.value: {"count": 0, "total_investment": ZERO, "annual_plan": ZERO, "completed": ZERO} for t in Tier
        }

    def run(self, rows: list[ProgressRow]) -> None:
        plan_each(self.plan, rows, self._plan_row)
        self.plan.tiers = self.tiers
        in_file = {r.project_id for r in self.plan.rows}
        self.plan.not_in_file = sorted(p.name for pk, p in self.projects.items() if pk not in in_file)

    def _plan_row(self, item: ProgressRow, here: RowProblems) -> None:
        project = self._match(item, here)
        completed = self._month_figure(item, project, here)
        current = self.existing.get(project.pk)
        if completed is None:
            if current is None:
                self._skip_unreported(item, here)
            completed = current.completed
        new: dict[str, Any] = {
            "completed": completed,
            "physical_progress": item.physical_progress
            if item.physical_progress is not None
            else (current.physical_progress if current else ""),
            "problems": item.problems if item.problems is not None else (current.problems if current else ""),
        }
        changes = self._changes(current, new)
        listing = self.listings[project.pk]
        action: Action = "create" if current is None else ("update" if changes else "unchanged")
        self.plan.rows.append(
            PlannedRow(
                sheet=item.sheet,
                row=item.row,
                name=project.name,
                action=action,
                tier=listing.tier,
                project_id=project.pk,
                target_id=current.pk if current else None,
                values={k: str(v) if isinstance(v, Decimal) else v for k, v in new.items()},
                changes=changes,
            )
        )
        figures = self.tiers[listing.tier]
        figures["count"] += 1
        figures["total_investment"] += project.total_investment
        figures["annual_plan"] += listing.annual_plan
        figures["completed"] += completed

    def _match(self, item: ProgressRow, here: RowProblems) -> Project:
        """The listed project the row names, by code or else by name, claimed for this row."""
        year = self.year
        project = self.by_code.get(code_key(item.code)) if item.code else None
        if item.code and project is None and not item.name:
            here.error("code", _("No project has the code %(code)s") % {"code": item.code})
            raise SkipRow
        if project is None and item.name:
            candidates = self.by_name.get(item.key, [])
            if len(candidates) > 1:
                here.error(
                    "name",
                    _("Several projects of %(year)s are called “%(name)s”; add the project code")
                    % {"year": year, "name": item.name},
                )
                raise SkipRow
            project = candidates[0] if candidates else None
        if project is None:
            here.error(
                "name" if item.name else "code",
                _("“%(name)s” is not on %(year)s's key-project list") % {"name": item.name or item.code, "year": year},
            )
            raise SkipRow
        if project.pk not in self.listings:
            here.error(
                "name", _("“%(name)s” is not on %(year)s's key-project list") % {"name": project.name, "year": year}
            )
            raise SkipRow
        self.claims.claim(project, row=item.row, here=here)
        return project

    def _month_figure(self, item: ProgressRow, project: Project, here: RowProblems) -> Decimal | None:
        """This month's completed investment: as given, or the cumulative figure less the earlier months
        (which must agree with it when both are given). None when the row gives neither."""
        if item.cumulative is None:
            return item.completed
        month = self.month
        before = self.earlier.get(project.pk) or ZERO
        derived = item.cumulative - before
        if item.completed is not None and item.completed != derived:
            here.error(
                "cumulative",
                _(
                    "This month's %(completed)s does not agree with Jan–%(month)s %(cumulative)s minus the earlier months' %(before)s (10k yuan)"
                )
                % {
                    "completed": money(item.completed),
                    "month": month,
                    "cumulative": money(item.cumulative),
                    "before": money(before),
                },
            )
            raise SkipRow
        if derived < 0:
            here.error(
                "cumulative",
                _(
                    "Jan–%(month)s %(cumulative)s is less than the %(before)s (10k yuan) already reported for the earlier months"
                )
                % {"month": month, "cumulative": money(item.cumulative), "before": money(before)},
            )
            raise SkipRow
        missing = sorted(set(range(1, month)) - self.months_reported[project.pk])
        if missing:
            here.warning(
                "cumulative",
                _("Months %(months)s were never reported: the whole difference is counted in month %(month)s")
                % {"months": "、".join(str(m) for m in missing), "month": month},
            )
        return derived

    def _skip_unreported(self, item: ProgressRow, here: RowProblems) -> NoReturn:
        """A row with no figure for a month not yet stored: an untouched row of a prefilled form is
        counted as skipped; one with only text is warned about."""
        if item.physical_progress is None and item.problems is None:
            self.plan.skipped += 1  # a prefilled form's row left empty: not reported this month
        else:
            here.warning(
                "completed" if "completed" in item.letters else "cumulative",
                _("No completed investment given: the row is skipped"),
            )
        raise SkipRow

    @staticmethod
    def _changes(current: MonthlyProgress | None, new: dict[str, Any]) -> list[Change]:
        changes: list[Change] = []
        if current is None:
            return changes
        for key, value in new.items():
            old = getattr(current, key)
            if old != value:
                shown_old, shown_new = (money(old), money(value)) if key == "completed" else (old, value)
                changes.append(Change(key, field_label(MonthlyProgress, key), str(shown_old), str(shown_new)))
        return changes
