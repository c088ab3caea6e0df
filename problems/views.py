"""Pages of the problem ledger. Thin: form → access check → one service or selector → render/redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import pgettext

from accounts.http import AuthenticatedHttpRequest
from core.forms import form_errors_text

from . import selectors, services
from .access import can_manage_problems, can_raise_problem, get_problem_for_user, sees_problem_ledger
from .extensions import detail_context
from .forms import ProblemFilterForm, ProblemForm, ReassignForm, RedateForm, ResolveForm, problem_form_for
from .models import Problem


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _raise_from_form(request: AuthenticatedHttpRequest, form: ProblemForm) -> Problem:
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
    )
    messages.success(request, pgettext("scheduling", "Problem raised."))
    return problem


def problem_list(request: AuthenticatedHttpRequest) -> HttpResponse:
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
        "problems/problems.html",
        {
            "problems": problems,
            "filters": filters,
            "counts": selectors.problem_counts(user=request.user, today=today),
            "today": today,
            "may_raise": can_raise_problem(request.user),
            "nav_section": "problems",
        },
    )


def problem_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(can_raise_problem(request.user))
    form = problem_form_for(request.user, data=request.POST or None)
    if request.method != "POST" and request.GET.get("project", "").isdigit():
        form.initial["project"] = int(request.GET["project"])
    if request.method == "POST" and form.is_valid():
        problem = _raise_from_form(request, form)
        return redirect("problems:problem", pk=problem.pk)
    return render(request, "problems/problem_form.html", {"form": form, "nav_section": "problems"})


def problem_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    problem = get_problem_for_user(request.user, pk)
    may_manage = can_manage_problems(request.user)
    context = {
        "problem": problem,
        "events": selectors.problem_history(problem=problem),
        "today": timezone.localdate(),
        "may_manage": may_manage,
        "nav_section": "problems",
        **detail_context(problem),
    }
    if may_manage and problem.status == "open":
        context |= {
            "resolve_form": ResolveForm(),
            "reassign_form": ReassignForm(initial={"owner": problem.owner_id, "owner_unit": problem.owner_unit_id}),
            "redate_form": RedateForm(initial={"deadline": problem.deadline}),
        }
    return render(request, "problems/problem.html", context)


def _problem_action(
    request: AuthenticatedHttpRequest,
    pk: int,
    form_class: type[forms.Form],
    apply: Callable[[Problem, dict[str, Any]], object],
) -> HttpResponse:
    if request.method != "POST":
        return redirect("problems:problem", pk=pk)
    problem = get_problem_for_user(request.user, pk, write=True)
    if problem.status != "open":
        messages.error(request, pgettext("scheduling", "This problem is no longer open."))
        return redirect("problems:problem", pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        apply(problem, form.cleaned_data)
        messages.success(request, pgettext("scheduling", "Saved."))
    else:
        messages.error(request, form_errors_text(form))
    return redirect("problems:problem", pk=pk)


def problem_resolve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _problem_action(
        request,
        pk,
        ResolveForm,
        lambda p, d: services.problem_resolve(
            problem=p, resolution=d["resolution"], close=d["close"], actor=request.user, now=timezone.now()
        ),
    )


def problem_reassign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _problem_action(
        request,
        pk,
        ReassignForm,
        lambda p, d: services.problem_reassign(
            problem=p,
            owner=d.get("owner"),
            owner_unit=d.get("owner_unit"),
            note=d.get("note", ""),
            actor=request.user,
            now=timezone.now(),
        ),
    )


def problem_redate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _problem_action(
        request,
        pk,
        RedateForm,
        lambda p, d: services.problem_redate(
            problem=p, deadline=d["deadline"], note=d.get("note", ""), actor=request.user, now=timezone.now()
        ),
    )
