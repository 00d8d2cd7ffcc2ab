"""The office's screens for accounts and leaders. A one-time password is shown once, on the
page that answers the post, and never stored in the session or a message."""

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
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from duban.params import whole
from duban.plans.models import Unit

from . import services
from .access import get_account_for_office, may_manage, require_office
from .forms import AccountForm, SearchForm
from .models import User
from .requests import SignedInRequest

PER_PAGE = 50


@login_required
def people(request: SignedInRequest) -> HttpResponse:
    require_office(request.user)
    search = SearchForm(request.GET)
    q, role = (
        (search.cleaned_data["q"].strip(), search.cleaned_data["role"])
        if search.is_valid()
        else ("", "")
    )
    # may_manage reads each account's rights: prefetched, two queries for the page, not two
    # an account.
    listed = (
        User.objects.select_related("unit")
        .prefetch_related("user_permissions", "groups")
        .order_by("unit__name", "role", "username")
    )
    if q:
        listed = listed.filter(
            Q(username__icontains=q)
            | Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(unit__name__icontains=q)
        )
    if role:
        listed = listed.filter(role=role)
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    query = {k: v for k, v in {"q": q, "role": role}.items() if v}
    return render(
        request,
        "accounts/people.html",
        {
            "page": page,
            "search": search,
            "extra": "&" + urlencode(query) if query else "",
            "managed": {u.pk for u in page if may_manage(request.user, u)},
        },
    )


@login_required
@never_cache
def person_new(request: SignedInRequest) -> HttpResponse:
    require_office(request.user)
    initial: dict[str, object] = {"role": request.GET.get("role") or User.Role.REPORTER}
    if (unit := whole(request.GET.get("unit"))) is not None:
        initial["unit"] = Unit.objects.filter(pk=unit).first()
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account, password = services.add_account(
                request.user,
                data["username"],
                data["name"],
                data["role"],
                data["unit"],
                data["email"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            return _password_page(request, account, password, added=True)
    return render(request, "accounts/person_edit.html", {"form": form, "account": None})


@login_required
def person_edit(request: SignedInRequest, account_id: int) -> HttpResponse:
    account = get_account_for_office(request.user, account_id)
    managed = may_manage(request.user, account)
    form = AccountForm(
        request.POST or None,
        account=account,
        initial={
            "name": account.first_name,
            "role": account.role,
            "unit": account.unit,
            "email": account.email,
        },
    )
    if request.method == "POST":
        account = get_account_for_office(request.user, account_id, change=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.change_account(
                    request.user, account, data["name"], data["role"], data["unit"], data["email"]
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("Account saved."))
                return redirect("accounts:person-edit", account_id=account.pk)
    return render(
        request, "accounts/person_edit.html", {"form": form, "account": account, "managed": managed}
    )


@login_required
@require_POST
@never_cache
def person_password(request: SignedInRequest, account_id: int) -> HttpResponse:
    account = get_account_for_office(request.user, account_id, change=True)
    password = services.reset_password(request.user, account)
    return _password_page(request, account, password, added=False)


@login_required
@require_POST
def person_active(request: SignedInRequest, account_id: int) -> HttpResponse:
    account = get_account_for_office(request.user, account_id, change=True)
    active = request.POST.get("active") == "1"
    services.set_active(request.user, account, active)
    messages.success(
        request,
        _("The account can log in again.")
        if active
        else _("The account is deactivated: it can no longer log in."),
    )
    return redirect("accounts:person-edit", account_id=account.pk)


def _password_page(
    request: SignedInRequest, account: User, password: str, *, added: bool
) -> HttpResponse:
    response = render(
        request,
        "accounts/password.html",
        {"account": account, "password": password, "added": added},
    )
    response["Cache-Control"] = "no-store"
    return response


def _errors(form: AccountForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def leaders(request: SignedInRequest) -> HttpResponse:
    require_office(request.user)
    listed = (
        User.objects.filter(role=User.Role.LEADER)
        .annotate(
            tasks=Count("led_tasks", distinct=True), written=Count("instructions", distinct=True)
        )
        .order_by("-is_active", "first_name", "username")
    )
    return render(request, "accounts/leaders.html", {"leaders": listed})
