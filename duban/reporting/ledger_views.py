"""The office downloads a plan's 督办台账 (XLSX) and a month's 督查通报 (DOCX)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.accounts.requests import SignedInRequest
from duban.audit.log import log_action
from duban.plans.access import get_plan_for_user, is_office, require
from duban.plans.models import Plan

from . import ledger

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _office_plan(request: SignedInRequest, plan_id: int) -> Plan:
    plan = get_plan_for_user(request.user, plan_id)
    require(is_office(request.user), _("Only the supervision office downloads the ledger."))
    return plan


def _download(data: bytes, kind: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@login_required
def ledger_xlsx(request: SignedInRequest, plan_id: int) -> HttpResponse:
    from urllib.parse import quote

    plan = _office_plan(request, plan_id)
    name = quote(f"{plan.title}-督办台账-{timezone.localdate():%Y%m%d}.xlsx")
    return _download(ledger.ledger_xlsx(plan), XLSX, name)


@login_required
def bulletin_docx(request: SignedInRequest, plan_id: int) -> HttpResponse:
    from urllib.parse import quote

    plan = _office_plan(request, plan_id)
    month = request.GET.get("month", "")
    if month not in ledger.months(plan):
        raise Http404("no such month")
    data = ledger.bulletin_docx(plan, month)
    log_action("duban.bulletin.generated", request.user, plan, {"plan": plan.pk, "month": month})
    return _download(data, DOCX, quote(f"{plan.title}-督查通报-{month}.docx"))
