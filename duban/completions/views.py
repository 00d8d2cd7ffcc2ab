"""The office's screens: which plan a document reports on, the pairing review, the import,
and the choice where a unit's year-end report and the government's both gave a completion."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.accounts.requests import SignedInRequest
from duban.documents import ParseError
from duban.i18n import say
from duban.params import whole
from duban.plans.models import Plan
from duban.plans.removal import ImportRefused
from duban.plans.views import _office, get_upload_for_user, says_when_gone

from . import review as screens
from .models import Outcome
from .services import choose_completion, import_completion, propose


def _plan(request: SignedInRequest, plan_id: object) -> Plan:
    _office(request)
    pk = whole(plan_id)
    if pk is None:
        raise Http404("no such plan")
    return get_object_or_404(Plan, pk=pk)


@login_required
@says_when_gone
def review(request: SignedInRequest, upload_id: UUID) -> HttpResponse:
    pending = get_upload_for_user(request, upload_id)
    plan = _plan(request, request.GET.get("plan", ""))
    number = request.GET.get("list", "")
    try:
        proposal = propose(plan, bytes(pending.data), pending.name, whole(number))
    except ParseError as exc:
        messages.error(request, _("Nothing was imported: %(error)s") % {"error": say(exc)})
        return redirect("plans:preview", upload_id=pending.id)
    return render(
        request,
        "completions/review.html",
        {"pending": pending, "plan": plan, **screens.context(proposal)},
    )


@login_required
@require_POST
@says_when_gone
def confirm(request: SignedInRequest, upload_id: UUID) -> HttpResponse:
    pending = get_upload_for_user(request, upload_id)
    plan = _plan(request, request.POST.get("plan", ""))
    number = request.POST.get("list", "")
    try:
        pairs, new_tasks = screens.decisions(request.POST)
        result = import_completion(
            plan,
            bytes(pending.data),
            pending.name,
            actor=request.user,
            list_number=whole(number),
            pairs=pairs,
            new_tasks=new_tasks,
        )
    except (ParseError, ImportRefused, ValueError) as exc:
        messages.error(request, _("Nothing was imported: %(error)s") % {"error": say(exc)})
        url = reverse("completions:review", args=[pending.id])
        return redirect(f"{url}?plan={plan.pk}&list={number}")
    pending.delete()
    messages.success(
        request,
        _(
            "%(title)s: %(pairs)d tasks reported on, %(none)d not reported "
            "on, %(left)d items left over."
        )
        % {
            "title": plan.title,
            "pairs": len({p["task"] for p in result.pairs}),
            "none": len(result.unmatched_tasks),
            "left": len(result.unmatched_items),
        },
    )
    return redirect("completions:plan", plan_id=plan.pk)


@login_required
def plan_outcomes(request: SignedInRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    outcomes = Outcome.objects.filter(task__plan=plan).select_related("task", "completion_import")
    record = plan.completion_imports.first()
    return render(
        request, "completions/plan.html", {"plan": plan, "outcomes": outcomes, "record": record}
    )


@login_required
@require_POST
def choose(request: SignedInRequest, outcome_id: int) -> HttpResponse:
    _office(request)
    outcome = get_object_or_404(Outcome.objects.select_related("task"), pk=outcome_id)
    use = request.POST.get("use", "")
    if use not in (Outcome.Choice.DOCUMENT, Outcome.Choice.REPORT):
        messages.error(request, _("Choose one of the two completions."))
    else:
        choose_completion(outcome, use, request.user)
        messages.success(
            request, _("Task %(n)s: the choice was saved.") % {"n": outcome.task.number}
        )
    return redirect("completions:plan", plan_id=outcome.task.plan_id)
