"""Pages of the scheduling cycles. Thin: form → access check → one service or selector → render/redirect."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from projects.access import visible_projects
from bulletins.access import can_read_drafts as can_read_bulletin_drafts
from projects.models import User

from . import selectors, services
from .seeding import PROGRESS_MEETING_DUTY
from .access import (
    can_manage_cycles,
    can_raise_problem,
    can_record_occurrence,
    get_attachment_for_user,
    get_delivery_for_user,
    get_duty_for_user,
    get_notification_for_user,
    get_occurrence_for_user,
    get_problem_for_user,
    raisable_taskforces,
    sees_calendar,
    sees_problem_ledger,
    visible_duties,
)
from .forms import (
    AdHocOccurrenceForm,
    AgendaDecisionForm,
    DutyForm,
    OccurrenceRecordForm,
    ProblemFilterForm,
    ProblemForm,
    ReassignForm,
    RedateForm,
    ResolveForm,
    leaders_queryset,
)
from .models import Cadence, DeliveryStatus, OwnerKind
from .tasks import send_delivery

logger = logging.getLogger(__name__)


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


def calendar_view(request: HttpRequest) -> HttpResponse:
    _require(sees_calendar(request.user))
    today = timezone.localdate()
    year = _int(request.GET.get("year"), today.year, 2000, 2100)
    month = _int(request.GET.get("month"), today.month, 1, 12)
    owner = request.GET.get("owner", "")
    status = request.GET.get("status", "")
    month_data = selectors.calendar_month(user=request.user, year=year, month=month, today=today, owner=owner, status=status)
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


def occurrence_detail(request: HttpRequest, pk: int) -> HttpResponse:
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
        "standing": selectors.standing(status=occurrence.status, due=occurrence.due_date, held_on=occurrence.held_on, today=today),
        "form": form if may_record else None,
        "problem_form": _problem_form(request.user) if can_raise_problem(request.user) else None,
        "may_manage": may_manage,
        # The bulletin's progress-meeting pack (figures and the open problems at the meeting's level), for
        # those who may read the bulletin's drafts.
        "meeting_pack": occurrence.duty.code == PROGRESS_MEETING_DUTY and can_read_bulletin_drafts(request.user),
        "nav_section": "cycles",
        **selectors.occurrence_detail(occurrence=occurrence),
    }
    return render(request, "cycles/occurrence.html", context)


def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    attachment = get_attachment_for_user(request.user, pk, attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    inline = attachment.content_type in ("application/pdf", "image/png", "image/jpeg")
    return FileResponse(handle, as_attachment=not inline, filename=attachment.original_name, content_type=attachment.content_type)


@require_POST
def occurrence_raise_problem(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for_user(request.user, pk)
    _require(can_raise_problem(request.user) and can_record_occurrence(request.user, occurrence))
    form = _problem_form(request.user, data=request.POST)
    if form.is_valid():
        _raise_from_form(request, form, occurrence=occurrence)
        return redirect("cycles:occurrence", pk=occurrence.pk)
    messages.error(request, pgettext("scheduling", "The problem was not raised: %(errors)s") % {"errors": _errors_text(form)})
    return redirect("cycles:occurrence", pk=occurrence.pk)


def agenda_view(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for_user(request.user, pk)
    if not occurrence.duty.problem_level:
        raise Http404
    may_decide = can_manage_cycles(request.user)
    if request.method == "POST":
        _require(may_decide)
    problems = selectors.agenda(occurrence=occurrence)
    people = leaders_queryset()
    forms = [
        AgendaDecisionForm(request.POST or None, prefix=f"p{p.pk}", initial={"problem": p.pk}, people=people) for p in problems
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
        changed = services.agenda_record_decisions(occurrence=occurrence, decisions=decisions, actor=request.user, now=timezone.now())
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


def adhoc_occurrence_new(request: HttpRequest, pk: int) -> HttpResponse:
    duty = get_duty_for_user(request.user, pk)
    if duty.cadence != Cadence.AD_HOC:
        raise Http404
    allowed = can_manage_cycles(request.user) or duty.responsible_people.filter(pk=request.user.pk).exists()
    _require(allowed)
    form = AdHocOccurrenceForm(request.POST or None, initial={"due_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        occurrence = services.occurrence_open_adhoc(
            duty=duty, due_on=form.cleaned_data["due_on"], subject=form.cleaned_data["subject"], opened_by=request.user, now=timezone.now()
        )
        return redirect("cycles:occurrence", pk=occurrence.pk)
    return render(request, "cycles/adhoc_form.html", {"duty": duty, "form": form, "nav_section": "cycles"})


# --- duties --------------------------------------------------------------------------------------------


def duty_list(request: HttpRequest) -> HttpResponse:
    _require(sees_calendar(request.user))
    duties = selectors.duties_for_page(qs=visible_duties(request.user))
    return render(
        request,
        "cycles/duties.html",
        {"duties": duties, "may_manage": can_manage_cycles(request.user), "nav_section": "cycles", "OwnerKind": OwnerKind},
    )


def duty_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        _require(can_manage_cycles(request.user))
        duty = None
    else:
        duty = get_duty_for_user(request.user, pk, write=True)
    form = DutyForm(request.POST or None, instance=duty)
    if request.method == "POST" and form.is_valid():
        saved = services.duty_save(
            duty=form.save(commit=False), responsible_people=form.cleaned_data["responsible_people"], now=timezone.now()
        )
        messages.success(request, pgettext("scheduling", "Saved: %(duty)s.") % {"duty": saved})
        return redirect("cycles:duties")
    return render(request, "cycles/duty_form.html", {"form": form, "duty": duty, "nav_section": "cycles"})


@require_POST
def duties_seed(request: HttpRequest) -> HttpResponse:
    _require(can_manage_cycles(request.user))
    created = services.duties_seed_missing(now=timezone.now())
    messages.success(request, pgettext("scheduling", "%(count)s duties of the notice added.") % {"count": created})
    return redirect("cycles:duties")


# --- compliance -------------------------------------------------------------------------------------


def compliance_view(request: HttpRequest) -> HttpResponse:
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


def _problem_form(user: User, data=None) -> ProblemForm:
    return ProblemForm(
        data, taskforces=raisable_taskforces(user), projects=visible_projects(user), may_set_level=can_manage_cycles(user)
    )


def _errors_text(form) -> str:
    return "; ".join(f"{form.fields[name].label if name in form.fields else ''} {' '.join(errs)}".strip() for name, errs in form.errors.items())


def _raise_from_form(request: HttpRequest, form: ProblemForm, *, occurrence=None):
    data = form.cleaned_data
    problem = services.problem_raise(
        description=data["description"],
        project=data.get("project"),
        source_taskforce=data.get("source_taskforce"),
        category=data.get("category", ""),
        level=data.get("level") or "taskforce",
        owner=data.get("owner"),
        owner_unit=data.get("owner_unit"),
        deadline=data.get("deadline"),
        raised_by=request.user,
        now=timezone.now(),
        occurrence=occurrence,
    )
    messages.success(request, pgettext("scheduling", "Problem raised."))
    return problem


def problem_list(request: HttpRequest) -> HttpResponse:
    _require(sees_problem_ledger(request.user))
    today = timezone.localdate()
    params = request.GET.copy()
    if "status" not in params:
        params["status"] = "open"
    filters = ProblemFilterForm(params)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    problems = selectors.problems_for_user(
        user=request.user,
        today=today,
        level=cleaned.get("level", ""),
        status=cleaned.get("status", ""),
        overdue=cleaned.get("overdue", False),
        taskforce=cleaned.get("taskforce", ""),
        search=cleaned.get("q", ""),
    )[:500]
    return render(
        request,
        "cycles/problems.html",
        {
            "problems": problems,
            "filters": filters,
            "counts": selectors.problem_counts(user=request.user, today=today),
            "today": today,
            "may_raise": can_raise_problem(request.user),
            "nav_section": "problems",
        },
    )


def problem_new(request: HttpRequest) -> HttpResponse:
    _require(can_raise_problem(request.user))
    form = _problem_form(request.user, data=request.POST or None)
    if request.method != "POST" and request.GET.get("project", "").isdigit():
        form.initial["project"] = int(request.GET["project"])
    if request.method == "POST" and form.is_valid():
        problem = _raise_from_form(request, form)
        return redirect("cycles:problem", pk=problem.pk)
    return render(request, "cycles/problem_form.html", {"form": form, "nav_section": "problems"})


def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    problem = get_problem_for_user(request.user, pk)
    may_manage = can_manage_cycles(request.user)
    context = {
        "problem": problem,
        "events": selectors.problem_history(problem=problem),
        "today": timezone.localdate(),
        "may_manage": may_manage,
        "nav_section": "problems",
        **selectors.problem_meetings(problem=problem),
    }
    if may_manage and problem.status == "open":
        context |= {
            "resolve_form": ResolveForm(),
            "reassign_form": ReassignForm(initial={"owner": problem.owner_id, "owner_unit": problem.owner_unit_id}),
            "redate_form": RedateForm(initial={"deadline": problem.deadline}),
        }
    return render(request, "cycles/problem.html", context)


def _problem_action(request: HttpRequest, pk: int, form_class, apply) -> HttpResponse:
    if request.method != "POST":
        return redirect("cycles:problem", pk=pk)
    problem = get_problem_for_user(request.user, pk, write=True)
    if problem.status != "open":
        messages.error(request, pgettext("scheduling", "This problem is no longer open."))
        return redirect("cycles:problem", pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        apply(problem, form.cleaned_data)
        messages.success(request, pgettext("scheduling", "Saved."))
    else:
        messages.error(request, _errors_text(form))
    return redirect("cycles:problem", pk=pk)


def problem_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    return _problem_action(
        request, pk, ResolveForm,
        lambda p, d: services.problem_resolve(problem=p, resolution=d["resolution"], close=d["close"], actor=request.user, now=timezone.now()),
    )


def problem_reassign(request: HttpRequest, pk: int) -> HttpResponse:
    return _problem_action(
        request, pk, ReassignForm,
        lambda p, d: services.problem_reassign(
            problem=p, owner=d.get("owner"), owner_unit=d.get("owner_unit"), note=d.get("note", ""), actor=request.user, now=timezone.now()
        ),
    )


def problem_redate(request: HttpRequest, pk: int) -> HttpResponse:
    return _problem_action(
        request, pk, RedateForm,
        lambda p, d: services.problem_redate(problem=p, deadline=d["deadline"], note=d.get("note", ""), actor=request.user, now=timezone.now()),
    )


# --- notifications and deliveries -------------------------------------------------------------------


def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    notifications = selectors.notifications_for_user(user=request.user, unread_only=unread_only)[:200]
    return render(
        request,
        "cycles/notifications.html",
        {"notifications": notifications, "unread_only": unread_only, "may_manage": can_manage_cycles(request.user), "nav_section": "notifications"},
    )


@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark read and go to what it is about."""
    notification = get_notification_for_user(request.user, pk)
    services.notification_mark_read(notification=notification, now=timezone.now())
    target = notification.link or reverse("cycles:notifications")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("cycles:notifications")
    return redirect(target)


@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user, now=timezone.now())
    return redirect("cycles:notifications")


def delivery_list(request: HttpRequest) -> HttpResponse:
    _require(can_manage_cycles(request.user))
    status = request.GET.get("status", "")
    if status not in DeliveryStatus.values:
        status = ""
    return render(
        request,
        "cycles/deliveries.html",
        {"deliveries": selectors.deliveries(status=status)[:300], "status": status, "statuses": DeliveryStatus.choices, "nav_section": "notifications"},
    )


def _enqueue_delivery(delivery_id: int) -> None:
    """Send it now through the worker; if the broker is unreachable, the per-minute tick sends it anyway."""
    try:
        send_delivery.delay(delivery_id)
    except Exception:  # noqa: BLE001 — the delivery is pending in the database either way
        logger.warning("could not enqueue delivery %s; the next tick will send it", delivery_id, exc_info=True)


@require_POST
def delivery_retry(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_delivery_for_user(request.user, pk)
    services.delivery_retry(delivery=delivery, now=timezone.now())
    transaction.on_commit(lambda: _enqueue_delivery(delivery.pk))
    messages.success(request, pgettext("scheduling", "The delivery will be tried again."))
    return redirect("cycles:deliveries")
