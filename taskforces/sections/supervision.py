"""Progress supervision task force (推进督导专班): visits with the ten supervisions, photos, coverage.

The visit form has its own views (the ten checks and several phone photos on one page); each
check marked "problem" puts a problem on the county's problem ledger.
"""

from __future__ import annotations

from datetime import date

import django_filters
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from files.forms import attachments_field

from ..access import get_supervision_visit_for_user, get_taskforce_for_user
from ..filters import LedgerFilterSet, project_text_filter, township_filter
from ..forms import LedgerForm
from ..history import entry_history, history_lines
from ..models import CheckResult, SupervisionAspect, SupervisionCheck, SupervisionVisit
from ..registry import Figure, LedgerSection, ListColumn, TaskForcePage, get_section, register, register_page
from ..selectors import reference_date
from ..selectors.ledger import entry_url, problem_url, truncated
from ..selectors.supervision import coverage, supervision_figures
from ..services.supervision import CheckInput, supervision_visit_save

SLUG = "supervision"
ASPECT_SHORT = {  # one character each, for the chips of the list (the notice's own words)
    SupervisionAspect.MECHANISM: "机制",
    SupervisionAspect.TARGET: "目标",
    SupervisionAspect.PROCEDURE: "程序",
    SupervisionAspect.INVESTMENT: "投资",
    SupervisionAspect.PROGRESS: "进度",
    SupervisionAspect.STATISTICS: "入统",
    SupervisionAspect.SERVICE: "服务",
    SupervisionAspect.CONSTRUCTION: "施工",
    SupervisionAspect.ENVIRONMENT: "环境",
    SupervisionAspect.PROBLEMS: "问题",
}


class SupervisionVisitForm(LedgerForm):
    """The visit, its ten checks (fine / problem + note) and photos, on one phone-sized page."""

    class Meta:
        model = SupervisionVisit
        fields = ["project", "date", "inspectors", "talked_with", "summary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = {c.aspect: c for c in self.instance.checks.all()} if self.instance.pk else {}
        for aspect, label in SupervisionAspect.choices:
            check = current.get(aspect)
            self.fields[f"result_{aspect}"] = forms.ChoiceField(
                label=label,
                choices=CheckResult.choices,
                initial=check.result if check else CheckResult.FINE,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{aspect}"] = forms.CharField(
                label=_("Note"),
                required=False,
                initial=check.note if check else "",
                widget=forms.TextInput(attrs={"placeholder": gettext("Note (required for a problem)")}),
            )
        self.fields["photos"] = attachments_field(("photo",))

    def check_rows(self):
        """(aspect label, result field, note field) for the template."""
        return [
            (label, self[f"result_{aspect}"], self[f"note_{aspect}"]) for aspect, label in SupervisionAspect.choices
        ]

    def visit_fields(self):
        return [self[name] for name in self._meta.fields]

    def clean(self):
        data = super().clean()
        for aspect, label in SupervisionAspect.choices:
            if data.get(f"result_{aspect}") == CheckResult.PROBLEM and not (data.get(f"note_{aspect}") or "").strip():
                self.add_error(f"note_{aspect}", gettext("Describe the problem found."))
        return data

    def checks(self) -> list[CheckInput]:
        return [
            CheckInput(
                aspect=a, result=self.cleaned_data[f"result_{a}"], note=self.cleaned_data.get(f"note_{a}") or ""
            )
            for a, _label in SupervisionAspect.choices
        ]


class SupervisionVisitFilter(LedgerFilterSet):
    project = project_text_filter()
    township = township_filter()
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")
    with_problems = django_filters.BooleanFilter(label=_("With problems"), method="filter_problems")

    class Meta:
        model = SupervisionVisit
        fields: list[str] = []

    def filter_problems(self, queryset, name, value):
        if value is None:
            return queryset
        condition = {"checks__result": CheckResult.PROBLEM}
        return queryset.filter(**condition).distinct() if value else queryset.exclude(**condition)


def _visits_queryset():
    from django.db.models import Count, Prefetch

    return (
        SupervisionVisit.objects.select_related("project")
        .prefetch_related(Prefetch("checks", queryset=SupervisionCheck.objects.order_by("id")))
        .annotate(photo_count=Count("attachments", distinct=True))
    )


def _checks_summary(visit: SupervisionVisit) -> str:
    problems = [c for c in visit.checks.all() if c.result == CheckResult.PROBLEM]
    if not problems:
        return gettext("All fine") if visit.checks.all() else "—"
    return "、".join(ASPECT_SHORT.get(c.aspect, c.aspect) for c in problems)


def _problem_badge(visit: SupervisionVisit):
    count = sum(1 for c in visit.checks.all() if c.result == CheckResult.PROBLEM)
    return ("text-bg-danger", gettext("%(n)s problems") % {"n": count}) if count else None


register(
    LedgerSection(
        slug=SLUG,
        key="visits",
        title=_("Supervision visits"),
        model=SupervisionVisit,
        form_class=SupervisionVisitForm,
        filterset_class=SupervisionVisitFilter,
        queryset=_visits_queryset,
        list_columns=[
            ListColumn(_("Date"), "date", link=True),
            ListColumn(_("Project"), "project"),
            ListColumn(_("Inspectors"), "inspectors"),
            ListColumn(_("Ten supervisions: problems"), _checks_summary, badge=_problem_badge),
            ListColumn(_("Photos"), "photo_count", num=True),
            ListColumn(_("Summary"), truncated("summary", 50)),
        ],
        project_columns=[
            ListColumn(_("Date"), "date", link=True),
            ListColumn(_("Inspectors"), "inspectors"),
            ListColumn(_("Ten supervisions: problems"), _checks_summary, badge=_problem_badge),
            ListColumn(_("Photos"), "photo_count", num=True),
        ],
        export_columns=lambda: _export_columns(),
        attachment_kinds=("photo",),
        detail_template="taskforces/sections/supervision/visit_detail.html",
        detail_context=lambda request, entry: _visit_detail_context(entry),
        create_url_name="taskforces:supervision_visit_create",
        edit_url_name="taskforces:supervision_visit_edit",
        history_label=lambda row: f"{row.date}",
        help_text=_(
            "Every key project covered once a month: site check, talks, photos archived, the ten supervisions."
        ),
        order=10,
    )
)


def _export_columns():
    from ..exports import Column, model_columns

    columns = model_columns(SupervisionVisit, ["date", "project", "project__township", "inspectors", "talked_with"])
    for aspect, label in SupervisionAspect.choices:
        columns.append(
            Column(
                label,
                lambda v, a=aspect: next(
                    (
                        f"{c.get_result_display()}{'：' + c.note if c.note else ''}"
                        for c in v.checks.all()
                        if c.aspect == a
                    ),
                    "",
                ),
                16,
            )
        )
    columns += [Column(_("Photos"), lambda v: v.photo_count, 8), Column(_("Summary"), lambda v: v.summary, 40)]
    return columns


def _visit_detail_context(visit: SupervisionVisit) -> dict:
    checks = list(visit.checks.select_related("problem").order_by("id"))
    order = {a: i for i, (a, _label) in enumerate(SupervisionAspect.choices)}
    checks.sort(key=lambda c: order.get(c.aspect, 99))
    for check in checks:
        check.problem_url = problem_url(check.problem_id)
    # The visit's history (with its photos) and its checks' history, merged newest first.
    lines = entry_history(visit, with_attachments=True) + history_lines(
        # The checks are created with the visit: show only their later changes.
        SupervisionCheck.history.filter(visit_id=visit.pk),
        model=SupervisionCheck,
        label=lambda row: (
            str(SupervisionAspect(row.aspect).label) if row.aspect in SupervisionAspect.values else row.aspect
        ),
        hide_created=True,
    )
    lines.sort(key=lambda line: line.when, reverse=True)
    return {"checks": checks, "history": lines}


# --- coverage --------------------------------------------------------------------------------------


class CoverageFilter(django_filters.FilterSet):
    month = django_filters.CharFilter(
        label=_("Month"), method="filter_nothing", widget=forms.TextInput(attrs={"type": "month"})
    )
    township = django_filters.ModelChoiceFilter(
        label=_("Township"), queryset=township_filter().queryset, field_name="project__township"
    )
    not_visited = django_filters.BooleanFilter(label=_("Only not visited"), method="filter_not_visited")

    def filter_nothing(self, queryset, name, value):
        return queryset  # the month is applied by the selector

    def filter_not_visited(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(month_visits=0) if value else queryset.filter(month_visits__gt=0)


def _coverage_export_columns():
    from ..exports import Column

    return [
        Column(_("Project"), lambda r: r.project.name, 36),
        Column(_("Tier"), lambda r: r.get_tier_display(), 8),
        Column(_("Township"), lambda r: r.project.township, 14),
        Column(_("Month"), lambda r: f"{r.period[0]}-{r.period[1]:02d}", 10),
        Column(_("Visits in the month"), lambda r: r.month_visits, 10),
        Column(_("Last visit"), lambda r: r.last_visit, 12),
    ]


def selected_month(data) -> tuple[int, int]:
    """The month asked for (?month=YYYY-MM), else the reference month."""
    raw = (data or {}).get("month") or ""
    try:
        year, month = (int(x) for x in raw.split("-"))
        date(year, month, 1)
        return year, month
    except ValueError:
        day = reference_date()
        return day.year, day.month


def _coverage_rows(*, user, data):
    year, month = selected_month(data)
    listings = coverage(user=user, year=year, month=month)
    initial = dict(data.items()) if data else {}
    initial.setdefault("month", f"{year}-{month:02d}")
    filterset = CoverageFilter(initial, queryset=listings)
    rows = list(filterset.qs if filterset.is_valid() else listings)
    for row in rows:
        row.period = (year, month)
    return rows, filterset


register(
    LedgerSection(
        slug=SLUG,
        key="coverage",
        title=_("Coverage this month"),
        model=SupervisionVisit,
        listing_only=True,
        reporter_ok=True,
        rows_for=_coverage_rows,
        export_columns=lambda: _coverage_export_columns(),
        table_template="taskforces/sections/supervision/coverage.html",
        help_text=_("Which of the year's key projects have not been visited in the month (red)."),
        order=20,
    )
)


# --- custom views: the visit form -----------------------------------------------------------------------


def _visit_form_page(request: HttpRequest, *, visit: SupervisionVisit | None) -> HttpResponse:
    taskforce = get_taskforce_for_user(request.user, SLUG, write=True)
    section = get_section(SLUG, "visits")
    initial = {}
    if visit is None and request.method == "GET":
        # On a site with a phone: today, and the person entering as the inspector, prefilled.
        initial = {"date": timezone.localdate(), "inspectors": request.user.display_name}
        initial.update({k: v for k, v in request.GET.items() if k in ("project", "date")})
    form = SupervisionVisitForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=visit,
        initial=initial,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        saved = supervision_visit_save(
            form=form, checks=form.checks(), photos=form.cleaned_data.get("photos") or [], user=request.user
        )
        raised = sum(1 for c in saved.checks.all() if c.result == CheckResult.PROBLEM)
        messages.success(
            request,
            gettext("Visit saved.")
            + (" " + gettext("%(n)s problems are on the problem ledger.") % {"n": raised} if raised else ""),
        )
        return redirect(entry_url(section, saved))
    return render(
        request,
        "taskforces/sections/supervision/visit_form.html",
        {"taskforce": taskforce, "section": section, "form": form, "entry": visit, "nav_section": "taskforces"},
    )


def supervision_visit_create(request: HttpRequest) -> HttpResponse:
    return _visit_form_page(request, visit=None)


def supervision_visit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_supervision_visit_for_user(request.user, pk, write=True)
    return _visit_form_page(request, visit=visit)


# --- the page -------------------------------------------------------------------------------------------


def figures(*, user, taskforce) -> list[Figure]:
    day = reference_date()
    f = supervision_figures(user=user, year=day.year, month=day.month)
    base = reverse("taskforces:detail", args=[SLUG])
    period = f"{day:%Y-%m}"
    return [
        Figure(_("Key projects"), f.key_projects, note=gettext("%(year)s key list") % {"year": day.year}),
        Figure(_("Visited this month"), f.covered, tone="green", note=period),
        Figure(
            _("Not yet visited"),
            f.not_covered,
            tone="red" if f.not_covered else "green",
            note=period,
            url=f"{base}?tab=coverage&month={period}&not_visited=true",
        ),
        Figure(_("Visits this month"), f.visits, note=period),
        Figure(_("Problems found this month"), f.problems_found, tone="gold" if f.problems_found else "", note=period),
    ]


register_page(TaskForcePage(slug=SLUG, figures=figures))

urlpatterns = [
    path("supervision/visits/new/", supervision_visit_create, name="supervision_visit_create"),
    path("supervision/visits/<int:pk>/edit/", supervision_visit_edit, name="supervision_visit_edit"),
]
