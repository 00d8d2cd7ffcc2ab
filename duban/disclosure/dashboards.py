"""Dashboards (ECharts, served from our own static files): status by category, unit
scorecards, targets against actuals, completion through the year, year against year."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _

from duban.plans.access import get_plan_for_user, visible_plans
from duban.plans.models import KEPT, NOT_KEPT, Plan, Status
from duban.quantities.assessment import adjusted_target
from duban.quantities.measures import convert

from . import summary
from .page_cache import public_page
from .services import latest_public, unit_report_counts


def _published(request: HttpRequest, plan_id: int) -> tuple[Plan, Any, list[Any]]:
    """The plan, its latest publication and that publication's tasks; 404 if unpublished."""
    plan = get_plan_for_user(request.user, plan_id)
    publication = latest_public(plan)
    if publication is None:
        raise Http404("not published")
    return plan, publication, list(publication.tasks.all())


@public_page
def plan_dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan, publication, rows = _published(request, plan_id)
    context = {
        "plan": plan,
        "publication": publication,
        "overall": summary.overall(rows),
        "scorecards": scorecards(plan, publication, rows),
        "wall": request.GET.get("wall") == "1",
        # In the page (a JSON data block, which the script policy allows): the charts draw
        # without a second round trip, which on a phone's network is most of the wait.
        "chart_data": chart_data(request, plan, rows),
        "refresh": WALL_REFRESH_SECONDS,
    }
    response = render(request, "disclosure/dashboard.html", context)
    # The chart library is most of the page's weight: a Link header lets the browser start
    # it with the page's first bytes rather than when it has read the page's head.
    response["Link"] = f"<{static(ECHARTS)}>; rel=preload; as=script"
    return response


ECHARTS = "vendor/echarts/echarts.custom.min.js"
WALL_REFRESH_SECONDS = 300  # a hall display reloads itself: a new publication shows within


def scorecards(plan: Plan, publication: Any, rows: list[Any]) -> list[dict[str, Any]]:
    """Per lead unit: tasks, kept, not kept, late reports, returned reports — all as of the
    publication. (A publication made before duban recorded report counts has none: those
    are counted from the reports now.)"""
    reports = publication.unit_reports
    if reports is None:
        reports = unit_report_counts(plan)
    cards: dict[str, dict[str, Any]] = {}
    for r in rows:
        for unit in r.lead_units:
            card = cards.setdefault(
                unit,
                {
                    "unit": unit,
                    "tasks": 0,
                    "kept": 0,
                    "not_kept": 0,
                    **reports.get(unit, {"late": 0, "returned": 0}),
                },
            )
            card["tasks"] += 1
            card["kept"] += r.status in KEPT
            card["not_kept"] += r.status in NOT_KEPT
    return sorted(cards.values(), key=lambda c: (-c["tasks"], c["unit"]))


@public_page
def plan_dashboard_data(request: HttpRequest, plan_id: int) -> JsonResponse:
    plan, _publication, rows = _published(request, plan_id)
    return JsonResponse(chart_data(request, plan, rows))


def chart_data(request: HttpRequest, plan: Plan, rows: list[Any]) -> dict[str, Any]:
    labels = {k: str(v) for k, v in Status.choices}
    categories = summary.by_category(rows)
    statuses = [s for s in Status.values if any(c.by_status.get(s) for c in categories)]
    indicators = []
    for r in rows:
        for ind in r.indicators:
            ratio = _ratio(ind)
            if ratio is not None:
                indicators.append(
                    {
                        "name": f"{r.number}. {ind['metric']}"[:30],
                        "ratio": ratio,
                        "met": ind.get("met"),
                        # What the bar's colour says (dashboard.js only maps it): the
                        # comparator decides, not the ratio — 0.94% under a 1.5% ceiling is
                        # met at 62.7%, "约6%" is not met by 6.5%.
                        "judged": {True: "met", False: "not_met"}.get(ind.get("met"), "unknown"),
                        "comparator": ind.get("comparator") or "=",
                        "label": bar_label(ind),
                    }
                )
    # From the snapshot, like everything else here: reports accepted after the publication
    # stay out of the public's view until the next one.
    accepted = Counter(
        report["accepted"][:7] for r in rows for report in r.reports if report.get("accepted")
    )
    years: defaultdict[int, dict[str, int]] = defaultdict(
        lambda: {"kept": 0, "not_kept": 0, "ongoing": 0}
    )
    for other in visible_plans(request.user).filter(government=plan.government):
        pub = latest_public(other)
        if pub is None:
            continue
        tally = summary.overall(pub.tasks.all())
        years[other.year] = {
            "kept": tally.kept,
            "not_kept": tally.not_kept,
            "ongoing": tally.ongoing,
        }
    return {
        "by_category": {
            "categories": [c.name for c in categories],
            "series": [
                {
                    "status": s,
                    "label": labels[s],
                    "data": [c.by_status.get(s, 0) for c in categories],
                }
                for s in statuses
            ],
        },
        "indicators": sorted(indicators, key=lambda i: i["ratio"])[:40],
        "through_the_year": {
            "months": sorted(accepted),
            "accepted": [accepted[m] for m in sorted(accepted)],
        },
        "years": {
            "years": sorted(years),
            "kept": [years[y]["kept"] for y in sorted(years)],
            "not_kept": [years[y]["not_kept"] for y in sorted(years)],
            "ongoing": [years[y]["ongoing"] for y in sorted(years)],
        },
    }


def bar_label(ind: dict[str, Any]) -> str:
    """The words at the end of a bar: the actual and what it is held against, "0.94%（上限
    1.5%）" for a ceiling, "12482个（目标≥5000个）" otherwise."""
    actual = ind.get("actual_text") or ""
    if adjusted := ind.get("adjusted_to"):
        return _("%(actual)s (target %(target)s)") % {"actual": actual, "target": adjusted}
    if ind.get("comparator") == "<=":
        ceiling = (ind.get("target_text") or "").removeprefix("≤")
        return _("%(actual)s (ceiling %(target)s)") % {"actual": actual, "target": ceiling}
    return _("%(actual)s (target %(target)s)") % {
        "actual": actual,
        "target": ind.get("target_text") or "",
    }


def _ratio(ind: dict[str, Any]) -> float | None:
    """Actual as a percentage of target (100 = met exactly); None without both figures or
    when the actual's unit does not compare with the target's. An actual printed in another
    unit of the same measure is put into the target's first (111876.67平方米 against 10万平方米,
    1.2亿元 against 8000万元)."""
    try:
        target = Decimal(ind["target"])
        actual = Decimal(ind["actual"]) if ind.get("actual") is not None else None
    except (InvalidOperation, TypeError, KeyError):
        return None
    unit, actual_unit = ind.get("unit") or "", ind.get("actual_unit") or ""
    if adjusted := ind.get("adjusted_to"):  # held against the target as adjusted
        if (moved := adjusted_target(adjusted, unit)) is None:
            return None
        target = moved[1]
    if actual is not None and actual_unit and actual_unit != unit:
        actual = convert(actual, actual_unit, unit)
    if actual is None or target == 0:
        return None
    return round(float(actual / target * 100), 1)
