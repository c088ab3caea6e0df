"""Pages of the scheduling cycles. Thin: form → access check → one service or selector → render/redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from accounts.access import reads_everything
from accounts.http import AuthenticatedHttpRequest
from core.forms import form_errors_text
from problems.access import can_raise_problem
from problems.forms import leaders_queryset, problem_form_for

from . import selectors, services
from .access import (
    can_manage_cycles,
    can_record_occurrence,
    get_duty_for_user,
    get_occurrence_for_user,
    sees_calendar,
    visible_duties,
)
from .forms import AdHocOccurrenceForm, AgendaDecisionForm, DutyForm, OccurrenceRecordForm
from .models import Cadence, OwnerKind
from .seeding import PROGRESS_MEETING_DUTY


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value) if value else default
    except ValueError:
        return default
    return min(max(number, low), high)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- calendar and occurrences ------------------------------------------------------------------------


def calendar_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(sees_calendar(request.user))
    today = timezone.localdate()
    year = _int(request.GET.get("year"), today.year, 2000, 2100)
    month = _int(request.GET.get("month"), today.month, 1, 12)
    owner = request.GET.get("owner", "")
    status = request.GET.get("status", "")
    month_data = selectors.calendar_month(
        user=request.user, year=year, month=month, today=today, owner=owner, status=status
    )
    return render(
        request,
        "cycles/calendar.html",
        {
            "cal": month_data,
            "today": today,
            "owner": owner,
            "status": status,
            "owner_choices": selectors.owner_choices(),
            "status_choices": [
                (selectors.Standing.OPEN, pgettext("scheduling", "Not due yet")),
                (selectors.Standing.MISSED, pgettext("scheduling", "Overdue, not held")),
                (selectors.Standing.ON_TIME, pgettext("scheduling", "Held on time")),
                (selectors.Standing.LATE, pgettext("scheduling", "Held late")),
            ],
            "nav_section": "cycles",
        },
    )


def occurrence_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for_user(request.user, pk, write=request.method == "POST")
    may_record = request.method == "POST" or can_record_occurrence(request.user, occurrence)
    may_manage = can_manage_cycles(request.user)
    resolvable = selectors.open_problems_for_occurrence(occurrence=occurrence) if may_manage else None
    if request.method == "POST":
        form = OccurrenceRecordForm(request.POST, request.FILES, resolvable=resolvable)
        if form.is_valid():
            services.occurrence_record(
                occurrence=occurrence,
                held_on=form.cleaned_data["held_on"],
                attendees=form.cleaned_data["attendees"],
                minutes=form.cleaned_data["minutes"],
                decisions=form.cleaned_data["decisions"],
                uploads=form.cleaned_data["attachments"],
                resolved=form.cleaned_data.get("resolved") or [],
                recorded_by=request.user,
                now=timezone.now(),
            )
            messages.success(request, pgettext("scheduling", "Recorded: %(title)s.") % {"title": occurrence.title})
            return redirect("cycles:occurrence", pk=occurrence.pk)
    else:
        initial = {
            "held_on": occurrence.held_on or min(timezone.localdate(), occurrence.due_date),
            "attendees": occurrence.attendees,
            "minutes": occurrence.minutes,
            "decisions": occurrence.decisions,
        }
        form = OccurrenceRecordForm(initial=initial, resolvable=resolvable)
    today = timezone.localdate()
    context = {
        "occurrence": occurrence,
        "duty": occurrence.duty,
        "standing": selectors.standing(
            status=occurrence.status, due=occurrence.due_date, held_on=occurrence.held_on, today=today
        ),
        "form": form if may_record else None,
        "problem_form": problem_form_for(request.user) if can_raise_problem(request.user) else None,
        "may_manage": may_manage,
        # The bulletin's progress-meeting pack (figures and the open problems at the meeting's level), for
        # those who may read the bulletin's drafts.
        "meeting_pack": occurrence.duty.code == PROGRESS_MEETING_DUTY and reads_everything(request.user),
        "nav_section": "cycles",
        **selectors.occurrence_detail(occurrence=occurrence),
    }
    return render(request, "cycles/occurrence.html", context)


@require_POST
def occurrence_raise_problem(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for_user(request.user, pk)
    _require(can_raise_problem(request.user) and can_record_occurrence(request.user, occurrence))
    form = problem_form_for(request.user, data=request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.occurrence_problem_raise(
            occurrence=occurrence,
            description=data["description"],
            project=data.get("project"),
            source_taskforce=data.get("source_taskforce"),
            category=data.get("category", ""),
            owner=data.get("owner"),
            owner_unit=data.get("owner_unit"),
            deadline=data.get("deadline"),
            raised_by=request.user,
            now=timezone.now(),
        )
        messages.success(request, pgettext("scheduling", "Problem raised."))
        return redirect("cycles:occurrence", pk=occurrence.pk)
    messages.error(
        request, pgettext("scheduling", "The problem was not raised: %(errors)s") % {"errors": form_errors_text(form)}
    )
    return redirect("cycles:occurrence", pk=occurrence.pk)


def agenda_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for_user(request.user, pk)
    if not occurrence.duty.problem_level:
        raise Http404
    may_decide = can_manage_cycles(request.user)
    if request.method == "POST":
        _require(may_decide)
    problems = selectors.agenda(occurrence=occurrence)
    people = leaders_queryset()
    forms = [
        AgendaDecisionForm(request.POST or None, prefix=f"p{p.pk}", initial={"problem": p.pk}, people=people)
        for p in problems
    ]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        by_pk = {p.pk: p for p in problems}
        decisions = [
            services.AgendaDecision(
                problem=by_pk[f.cleaned_data["problem"]],
                action=f.cleaned_data["action"],
                note=f.cleaned_data["note"],
                owner=f.cleaned_data.get("owner"),
                deadline=f.cleaned_data.get("deadline"),
            )
            for f in forms
            if f.cleaned_data["problem"] in by_pk
        ]
        changed = services.agenda_record_decisions(
            occurrence=occurrence, decisions=decisions, actor=request.user, now=timezone.now()
        )
        messages.success(request, pgettext("scheduling", "%(count)s decisions recorded.") % {"count": changed})
        return redirect("cycles:agenda", pk=occurrence.pk)
    return render(
        request,
        "cycles/agenda.html",
        {
            "occurrence": occurrence,
            "rows": list(zip(problems, forms, strict=True)),
            "may_decide": may_decide,
            "today": timezone.localdate(),
            "nav_section": "cycles",
        },
    )


def adhoc_occurrence_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    duty = get_duty_for_user(request.user, pk)
    if duty.cadence != Cadence.AD_HOC:
        raise Http404
    allowed = can_manage_cycles(request.user) or duty.responsible_people.filter(pk=request.user.pk).exists()
    _require(allowed)
    form = AdHocOccurrenceForm(request.POST or None, initial={"due_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        occurrence = services.occurrence_open_adhoc(
            duty=duty,
            due_on=form.cleaned_data["due_on"],
            subject=form.cleaned_data["subject"],
            opened_by=request.user,
            now=timezone.now(),
        )
        return redirect("cycles:occurrence", pk=occurrence.pk)
    return render(request, "cycles/adhoc_form.html", {"duty": duty, "form": form, "nav_section": "cycles"})


# --- duties --------------------------------------------------------------------------------------------


def duty_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(sees_calendar(request.user))
    duties = selectors.duties_for_page(qs=visible_duties(request.user))
    return render(
        request,
        "cycles/duties.html",
        {
            "duties": duties,
            "may_manage": can_manage_cycles(request.user),
            "nav_section": "cycles",
            "OwnerKind": OwnerKind,
        },
    )


def duty_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        _require(can_manage_cycles(request.user))
        duty = None
    else:
        duty = get_duty_for_user(request.user, pk, write=True)
    form = DutyForm(request.POST or None, instance=duty)
    if request.method == "POST" and form.is_valid():
        saved = services.duty_save(
            duty=form.save(commit=False),
            responsible_people=form.cleaned_data["responsible_people"],
            now=timezone.now(),
        )
        messages.success(request, pgettext("scheduling", "Saved: %(duty)s.") % {"duty": saved})
        return redirect("cycles:duties")
    return render(request, "cycles/duty_form.html", {"form": form, "duty": duty, "nav_section": "cycles"})


@require_POST
def duties_seed(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(can_manage_cycles(request.user))
    created = services.duties_seed_missing(now=timezone.now())
    messages.success(request, pgettext("scheduling", "%(count)s duties of the notice added.") % {"count": created})
    return redirect("cycles:duties")


# --- compliance -------------------------------------------------------------------------------------


def compliance_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(sees_calendar(request.user))
    today = timezone.localdate()
    year = _int(request.GET.get("year"), today.year, 2000, 2100)
    default_month = today.month if year == today.year else 12
    month = _int(request.GET.get("month"), default_month, 1, 12)
    data = selectors.compliance(year=year, month=month, today=today)
    return render(
        request,
        "cycles/compliance.html",
        {"c": data, "years": list(range(today.year, today.year - 4, -1)), "nav_section": "cycles"},
    )


# --- the problem ledger --------------------------------------------------------------------------------


# --- notifications and deliveries -------------------------------------------------------------------
