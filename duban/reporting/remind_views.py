"""The office's 催办: the units' group robots (a page of them), and 催办所选 on the workspace."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from duban.accounts.requests import SignedInRequest
from duban.params import whole
from duban.plans.access import is_office, require, visible_tasks
from duban.plans.models import Assignment, Unit

from . import channels as service
from .models import Channel
from .reminders import remind_tasks
from .views import _came_from, acting


def get_channel_for_user(user: object, channel_id: int) -> Channel:
    require(is_office(user), _("Only the supervision office configures reminder channels."))
    try:
        return Channel.objects.select_related("unit").get(pk=channel_id)
    except Channel.DoesNotExist:
        raise Http404("no such channel") from None


@login_required
def channel_list(request: SignedInRequest) -> HttpResponse:
    require(is_office(request.user), _("Only the supervision office configures reminder channels."))
    return render(
        request,
        "reporting/channels.html",
        {
            "channels": Channel.objects.select_related("unit"),
            "units": Unit.objects.filter(assignments__role=Assignment.Role.LEAD)
            .distinct()
            .order_by("name"),
            "kinds": Channel.Kind.choices,
        },
    )


@acting
def channel_add(request: SignedInRequest) -> HttpResponse:
    unit_id = request.POST.get("unit", "")
    unit = Unit.objects.filter(pk=pk).first() if (pk := whole(unit_id)) else None
    if unit is None:
        raise ValidationError(_("Choose a unit."))
    service.save_channel(
        request.user,
        unit,
        request.POST.get("kind", ""),
        request.POST.get("url", ""),
        request.POST.get("secret", ""),
    )
    messages.success(request, _("Robot added for %(unit)s.") % {"unit": unit.name})
    return redirect("reporting:channels")


@acting
def channel_remove(request: SignedInRequest, channel_id: int) -> HttpResponse:
    channel = get_channel_for_user(request.user, channel_id)
    service.remove_channel(request.user, channel)
    messages.success(request, _("Robot removed."))
    return redirect("reporting:channels")


@acting
def remind_selected(request: SignedInRequest) -> HttpResponse:
    """催办所选: the selected tasks' lead units, through mail and their robots."""
    require(is_office(request.user), _("Only the supervision office sends reminders."))
    ids = [n for i in request.POST.getlist("task") if (n := whole(i))][:1000]
    if not ids:
        raise ValidationError(_("Select the tasks to remind first."))
    tasks = list(visible_tasks(request.user).filter(pk__in=ids).select_related("plan"))
    sent = remind_tasks(request.user, tasks)
    if sent.reminders:
        messages.success(request, _("%(n)s reminders sent.") % {"n": sent.reminders})
    if sent.skipped:
        messages.info(
            request,
            _("%(n)s had been reminded already for the same period: not sent again.")
            % {"n": sent.skipped},
        )
    if not sent.reminders and not sent.skipped:
        messages.info(request, _("No report is owed on the selected tasks."))
    return redirect(_came_from(request))
