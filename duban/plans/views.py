"""The office's import screens: upload, preview what was read, confirm."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.accounts.requests import SignedInRequest
from duban.documents import ParsedDocument, ParseError, unique_numbers
from duban.i18n import say
from duban.params import whole

from .dry_run import would_import
from .forms import UploadForm
from .importing import ImportRefused, import_file
from .importing import preview as read_preview
from .models import PendingUpload


def _office(request: SignedInRequest) -> None:
    if not getattr(request.user, "is_office", False):
        raise PermissionDenied(_("Only the supervision office imports plans."))


class UploadGone(Http404):
    """No such upload of this person's: imported already (from another tab, by a second
    click), cancelled, or someone else's."""


def get_upload_for_user(request: SignedInRequest, upload_id: UUID) -> PendingUpload:
    _office(request)
    try:
        return PendingUpload.objects.get(pk=upload_id, user=request.user)
    except PendingUpload.DoesNotExist:
        raise UploadGone("no such upload") from None


def says_when_gone(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An upload's screens answer a gone upload (the preview refreshed after the import, the
    import clicked again in a second tab) with what happened and where to go, still a 404,
    instead of "page not found"."""

    @wraps(view)
    def wrapper(request: SignedInRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except UploadGone:
            return render(request, "plans/upload_gone.html", status=404)

    return wrapper


@login_required
def upload(request: SignedInRequest) -> HttpResponse:
    _office(request)
    form = UploadForm(request.POST or None, request.FILES or None, initial=_refused(request))
    if request.method == "POST" and form.is_valid():
        name, data = form.document()
        pending = PendingUpload.objects.create(
            user=request.user,
            name=name,
            data=data,
            government=form.cleaned_data["government"],
            all_tables=form.cleaned_data["all_tables"],
            public=form.cleaned_data["public"],
        )
        return redirect("plans:preview", upload_id=pending.id)
    return render(request, "plans/upload.html", {"form": form})


def _refused(request: SignedInRequest) -> dict[str, Any]:
    """The fields of the pasted text the preview could not read (?again=ID), to send it
    again corrected."""
    try:
        upload_id = UUID(request.GET.get("again", ""))
    except ValueError:
        return {}
    pending = PendingUpload.objects.filter(pk=upload_id, user=request.user).first()
    if pending is None or not UploadForm.pasted(pending.name):
        return {}
    fields = {k: getattr(pending, k) for k in ("government", "all_tables", "public")}
    return fields | {"text": bytes(pending.data).decode("utf-8", "replace")}


@login_required
@says_when_gone
def preview(request: SignedInRequest, upload_id: UUID) -> HttpResponse:
    pending = get_upload_for_user(request, upload_id)
    try:
        docs, found, chosen = read_preview(
            bytes(pending.data),
            pending.name,
            all_tables=pending.all_tables,
            list_number=_list_number(request),
        )
    except ParseError as exc:
        if UploadForm.pasted(pending.name):
            messages.error(
                request, _("The pasted text could not be read: %(error)s") % {"error": say(exc)}
            )
            # Kept (the day's sweep removes it): the form comes back with the pasted text in
            # it, after a refresh too. A file is the browser's to give again.
            return redirect(f"{reverse('plans:upload')}?again={pending.id}")
        messages.error(request, _("The file could not be read: %(error)s") % {"error": say(exc)})
        pending.delete()
        return redirect("plans:upload")
    for doc in docs:
        unique_numbers(doc)  # numbered as the import numbers them (景德镇 2016's two "（1）")
    from duban.completions.review import into_context

    number = _list_number(request)
    would = would_import(
        bytes(pending.data),
        pending.name,
        all_tables=pending.all_tables,
        list_number=number,
        government=pending.government or None,
        public=pending.public or None,
    )

    return render(
        request,
        "plans/preview.html",
        {
            "pending": pending,
            "docs": docs,
            "lists": found,
            "chosen": chosen,
            "with_completion": [i for i, d in enumerate(docs) if _reports_completion(d)],
            "would": would,
            **into_context(docs[0], pending.government),
        },
    )


def _reports_completion(doc: ParsedDocument) -> bool:
    """Whether the preview shows a list's completion and status (a completion list, or a
    table with completion text) or the targets read (a plan; a task table without any)."""
    if doc.kind:
        return doc.kind == "completion"
    return any(t.completion for t in doc.tasks)


def _list_number(request: SignedInRequest) -> int | None:
    """The list of a long report the office chose (?list=N, 1-based)."""
    raw = request.GET.get("list") or request.POST.get("list") or ""
    return whole(raw)


@login_required
@require_POST
@says_when_gone
def confirm(request: SignedInRequest, upload_id: UUID) -> HttpResponse:
    pending = get_upload_for_user(request, upload_id)
    options: dict[str, Any] = {
        "government": pending.government or None,
        "public": pending.public or None,
        "actor": request.user,
    }
    number = request.POST.get("list", "")
    year = request.POST.get("year", "").strip()
    if year and not ((y := whole(year)) and 1949 <= y <= 2100):
        messages.error(request, _("The year is a number from 1949 to 2100."))
        return redirect("plans:preview", upload_id=pending.id)
    options["year"] = int(year) if year else None
    try:
        results = import_file(
            bytes(pending.data),
            pending.name,
            all_tables=pending.all_tables,
            list_number=whole(number),
            **options,
        )
    except (ParseError, ImportRefused) as exc:
        messages.error(request, _("Nothing was imported: %(error)s") % {"error": say(exc)})
        return redirect("plans:preview", upload_id=pending.id)
    pending.delete()
    for r in results:
        messages.success(
            request,
            _(
                "%(title)s: %(new)d new, %(changed)d changed, %(same)d unchanged, "
                "%(removed)d removed tasks."
            )
            % {
                "title": r.plan.title,
                "new": r.tasks_created,
                "changed": r.tasks_updated,
                "same": r.tasks_unchanged,
                "removed": r.tasks_removed,
            },
        )
        # What the import itself noticed (rows repeated, the office's edits kept …).
        notes = r.warnings[r.read_warnings :]
        for w in notes[:WARNINGS_SHOWN]:
            messages.warning(request, say(w))
        if len(notes) > WARNINGS_SHOWN:
            messages.warning(
                request, _("%(n)d more notes of the import.") % {"n": len(notes) - WARNINGS_SHOWN}
            )
    return redirect("plans:plan-edit", plan_id=results[0].plan.id)


WARNINGS_SHOWN = 20
