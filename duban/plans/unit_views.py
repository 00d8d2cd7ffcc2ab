"""The office's screens for units: the list with search, add, rename and aliases, merge."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.accounts.requests import SignedInRequest

from . import services, units
from .access import get_unit_for_office, is_office, require
from .models import Assignment, Unit
from .unit_forms import MergeForm, NewUnitForm, UnitForm, UnitSearchForm, governments

PER_PAGE = 50


def _office(request: SignedInRequest) -> None:
    require(is_office(request.user), _("Only the supervision office manages units and accounts."))


def _matching(q: str) -> list[int]:
    """Units with q in their name or one of their aliases (stored as JSON, searched here)."""
    found = set(Unit.objects.filter(name__icontains=q).values_list("pk", flat=True))
    for pk, aliases in Unit.objects.exclude(aliases=[]).values_list("pk", "aliases"):
        if any(q in a for a in aliases):
            found.add(pk)
    return list(found)


@login_required
def unit_list(request: SignedInRequest) -> HttpResponse:
    _office(request)
    known = governments()
    return _list_page(request, NewUnitForm(known=known), known)


def _list_page(request: SignedInRequest, new_form: NewUnitForm, known: list[str]) -> HttpResponse:
    search = UnitSearchForm(request.GET)
    q = search.cleaned_data["q"].strip() if search.is_valid() else ""
    government = search.cleaned_data["government"].strip() if search.is_valid() else ""
    listed = Unit.objects.annotate(
        leads=Count("assignments", filter=Q(assignments__role=Assignment.Role.LEAD), distinct=True),
        people=Count("members", distinct=True),
    )
    if q:
        listed = listed.filter(pk__in=_matching(q))
    if government:
        listed = listed.filter(government=government)
    page = Paginator(listed.order_by("government", "name"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "plans/units.html",
        {
            "page": page,
            "search": search,
            "q": q,
            "government": government,
            "governments": known,
            "new_form": new_form,
            "extra": "&" + urlencode({"q": q, "government": government}),
        },
    )


@login_required
@require_POST
def unit_new(request: SignedInRequest) -> HttpResponse:
    _office(request)
    known = governments()
    form = NewUnitForm(request.POST, known=known)
    if form.is_valid():
        before = Unit.objects.count()  # found (under an alias, too) or added
        try:
            d = form.cleaned_data
            unit = services.add_unit(request.user, d["name"], d["government"])
        except ValidationError as exc:
            form.add_error("name", " ".join(exc.messages))
        else:
            if Unit.objects.count() > before:
                messages.success(request, _("Unit %(name)s added.") % {"name": unit.name})
            else:
                messages.info(request, _("%(name)s is already in the list.") % {"name": unit.name})
            return redirect("plans:unit-edit", unit_id=unit.pk)
    return _list_page(request, form, known)


@login_required
def unit_edit(request: SignedInRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_office(request.user, unit_id)
    form = UnitForm(
        request.POST or None, initial={"name": unit.name, "aliases": "、".join(unit.aliases)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            units.change_unit(
                request.user, unit, form.cleaned_data["name"], form.cleaned_data["aliases"]
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Unit saved."))
            return redirect("plans:unit-edit", unit_id=unit.pk)
    return _unit_page(request, unit, form, MergeForm(unit=unit))


@login_required
@require_POST
def unit_merge(request: SignedInRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_for_office(request.user, unit_id)
    form = MergeForm(request.POST, unit=unit)
    if form.is_valid():
        try:
            kept = units.merge_units(request.user, unit, form.cleaned_data["into"])
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request, _("%(old)s merged into %(new)s.") % {"old": unit.name, "new": kept.name}
            )
            return redirect("plans:unit-edit", unit_id=kept.pk)
    edit = UnitForm(initial={"name": unit.name, "aliases": "、".join(unit.aliases)})
    return _unit_page(request, unit, edit, form)


def _errors(form: UnitForm | MergeForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _unit_page(
    request: SignedInRequest, unit: Unit, form: UnitForm, merge: MergeForm
) -> HttpResponse:
    tasks = unit.assignments.select_related("task__plan").order_by(
        "-task__plan__year", "task__plan_id", "task__number"
    )[:50]
    return render(
        request,
        "plans/unit_edit.html",
        {
            "unit": unit,
            "form": form,
            "merge": merge,
            "assignments": tasks,
            "people": unit.members.order_by("username"),
        },
    )
