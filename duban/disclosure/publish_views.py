"""The office publishes a plan in two steps: a preview of what the public will see change
since the last publication, then the confirmation (the form on that preview)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from duban.accounts.requests import SignedInRequest
from duban.plans.access import get_plan_for_user, is_office, require
from duban.reporting.views import acting

from .forms import PublishForm
from .services import pending_changes
from .services import publish as do_publish

SHOWN = 200  # changes listed on the preview; the counts cover them all


@login_required
def publish(request: SignedInRequest, plan_id: int) -> HttpResponse:
    """GET: the preview and the confirmation form; POST: publish."""
    if request.method == "POST":
        return _confirm(request, plan_id)
    plan = get_plan_for_user(request.user, plan_id)
    require(is_office(request.user), _("Only the supervision office publishes."))
    last, changes = pending_changes(plan, request.user)
    kind = request.GET.get("kind")
    known = cast(forms.ChoiceField, PublishForm.base_fields["kind"]).valid_value(kind)
    form = PublishForm(initial={"kind": kind} if known else None)
    counts = {
        c: sum(1 for x in changes if x["change"] == c) for c in ("added", "changed", "removed")
    }
    return render(
        request,
        "disclosure/publish_preview.html",
        {
            "plan": plan,
            "last": last,
            "changes": changes[:SHOWN],
            "counts": counts,
            "more": max(0, len(changes) - SHOWN),
            "form": form,
        },
    )


@acting
def _confirm(request: SignedInRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    form = PublishForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose what to publish."))
    publication = do_publish(
        plan,
        request.user,
        form.cleaned_data["kind"],
        form.cleaned_data["note"],
        once_token=form.cleaned_data["once"],
    )
    messages.success(request, _("Published: %(n)d tasks.") % {"n": publication.task_count})
    return redirect("disclosure:plan", plan_id=plan.id)
