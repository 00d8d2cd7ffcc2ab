"""Publishing: the office freezes a plan as the public will see it."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.accounts.models import User
from duban.audit.log import log_action, once, token_key
from duban.plans import search
from duban.plans.access import is_office, require
from duban.plans.models import Assignment, Indicator, Plan, Task, Unit
from duban.reporting.models import ProgressReport
from duban.reporting.periods import period_by_code
from duban.reporting.returns import office_returns

from .models import Publication, PublishedTask

log = logging.getLogger(__name__)


def snapshot_rows(plan: Plan) -> list[PublishedTask]:
    """Every task of the plan as the public will see it, in a fixed number of queries."""
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("category")
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("unit").order_by("role", "order"),
            ),
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related("adjustments")),
            "adjustments",
        )
    )
    # Accepted reports as plain values: a year of monthly reports is most of the rows read.
    # A unit's period is told once, by its newest accepted version: a correction (更正, a
    # version after an accepted one) replaces what it corrects, and says it is one.
    newest: dict[tuple[int, str, str], dict[str, object]] = {}
    for task_id, period, unit, text, accepted, version in (
        ProgressReport.objects.filter(task__plan=plan, state=ProgressReport.State.ACCEPTED)
        .order_by("task", "period", "version")
        .values_list("task_id", "period", "unit__name", "text", "accepted_at", "version")
    ):
        newest[(task_id, period, unit)] = {
            "period": period,
            "unit": unit,
            "text": text,
            # The day in Beijing (the site's time), as every page shows accepted_at.
            "accepted": timezone.localdate(accepted).isoformat() if accepted else None,
            "corrected": version > 1,
        }
    reports: dict[int, list[dict[str, object]]] = {}
    for (task_id, _period, _unit), report in newest.items():
        reports.setdefault(task_id, []).append(report)
    rows = []
    for t in tasks:
        rows.append(
            PublishedTask(
                number=t.number,
                category=t.category.name if t.category else "",
                category_order=t.category.order if t.category else 0,
                content=t.content,
                completion=t.completion,
                lead_units=[
                    a.unit.name for a in t.assignments.all() if a.role == Assignment.Role.LEAD
                ],
                co_units=[a.unit.name for a in t.assignments.all() if a.role == Assignment.Role.CO],
                status=t.effective_status,
                status_confirmed=bool(t.status),
                status_confidence="" if t.status else t.status_confidence,
                status_evidence=t.status_evidence,
                flags=list(t.flags),
                indicators=[
                    {
                        "metric": i.metric,
                        "comparator": i.comparator,
                        "target": str(i.target_value),
                        "unit": i.unit,
                        "target_text": i.target_text,
                        "adjusted_to": i.adjusted_to,
                        "span": i.span,
                        "actual": str(i.actual_value) if i.actual_value is not None else None,
                        "actual_unit": i.actual_unit,
                        "actual_text": i.actual_text,
                        "actual_span": i.actual_span,
                        "met": i.met,
                    }
                    for i in t.indicators.all()
                ],
                adjustments=[
                    {
                        "from": a.from_text,
                        "to": a.to_text,
                        "approved_by": a.approving_body,
                        "date": a.approved_on.isoformat() if a.approved_on else None,
                        "document": a.document,
                    }
                    for a in t.adjustments.all()
                ],
                reports=reports.get(t.id, []),
                deadline=t.deadline,
                search_text=t.search_text,
            )
        )
    return rows


def publish(
    plan: Plan, user: User | None, kind: str, note: str = "", once_token: str = ""
) -> Publication:
    """Freeze the plan for the public. user None: the import of an already published document.
    once_token: the publish form's; the same form sent twice (a double click) publishes once."""
    if user is not None:
        require(is_office(user), _("Only the supervision office publishes."))
    key = token_key("duban.plan.published", plan, once_token) if once_token else ""
    return once(
        key,
        user,
        lambda: _publish(plan, user, kind, note, key),
        lambda entry: Publication.objects.get(pk=entry.data["publication"]),
    )


def _publish(plan: Plan, user: User | None, kind: str, note: str, key: str) -> Publication:
    with transaction.atomic():
        rows = snapshot_rows(plan)
        publication = Publication.objects.create(
            plan=plan,
            kind=kind,
            note=note.strip(),
            published_by=user,
            task_count=len(rows),
            title=plan.title,
            caption=plan.caption,
            unit_reports=unit_report_counts(plan),
        )
        for row in rows:
            row.publication = publication
        PublishedTask.objects.bulk_create(rows, batch_size=500)
        log_action(
            "duban.plan.published",
            user,
            plan,
            {
                "plan": plan.pk,
                "publication": publication.pk,
                "kind": kind,
                "tasks": len(rows),
                "note": publication.note,
            },
            token=key,
        )
        if not plan.is_public:
            plan.is_public = True
            plan.save(update_fields=["is_public"])
        # A job worker renders the new public page before the first visitor asks for it.
        transaction.on_commit(lambda: _warm_later(plan.pk))
        transaction.on_commit(search.index_soon)  # the published rows' search index
    return publication


def _warm_later(plan_id: int) -> None:
    from .tasks import warm_public_pages

    try:
        warm_public_pages(plan_id)
    except Exception:  # the queue is down: the first visitor renders the page instead
        log.warning(
            "could not queue the rendering of plan %s's public page", plan_id, exc_info=True
        )


def unit_report_counts(plan: Plan) -> dict[str, dict[str, int]]:
    """Per unit: reports submitted after their due date, and reports returned for changes."""
    counts: dict[str, dict[str, int]] = {}
    # A first version's submission only: a later version is a correction (更正) of an
    # accepted report (services.correct), which is never a report sent late.
    submitted = ProgressReport.objects.filter(
        task__plan=plan, submitted_at__isnull=False, version=1
    )
    for unit, cycle, code, when in submitted.values_list(
        "unit__name", "task__reporting_cycle", "period", "submitted_at"
    ):
        period = period_by_code(cycle, plan.year, code, plan.due_day)
        if period and when and timezone.localdate(when) > period.due:  # due in Beijing
            counts.setdefault(unit, {"late": 0, "returned": 0})["late"] += 1
    returned = office_returns(plan)
    names = dict(Unit.objects.filter(pk__in=set(returned)).values_list("pk", "name"))
    for unit_id in returned:
        counts.setdefault(names[unit_id], {"late": 0, "returned": 0})["returned"] += 1
    return counts


def latest(plan: Plan) -> Publication | None:
    return plan.publications.order_by("-published_at", "-id").first()


def latest_public(plan: Plan) -> Publication | None:
    """The latest publication, with the plan's title and caption as it published them (on
    this copy of the plan): an edit of the title shows the public only when published."""
    publication = latest(plan)
    if publication is not None and publication.title:
        plan.title, plan.caption = publication.title, publication.caption
    return publication


FIELDS = (
    "category",
    "content",
    "completion",
    "lead_units",
    "co_units",
    "status",
    "indicators",
    "adjustments",
    "deadline",
)


def diff(old: Publication, new: Publication) -> list[dict[str, object]]:
    """Task by task, what changed from one publication to the next."""
    return diff_rows(list(old.tasks.all()), list(new.tasks.all()))


def pending_changes(plan: Plan, user: User) -> tuple[Publication | None, list[dict[str, object]]]:
    """What publishing now would change for the public: the last publication, and task by
    task what differs between it and the plan as it is (every task, before the first)."""
    require(is_office(user), _("Only the supervision office publishes."))
    last = latest(plan)
    return last, diff_rows(list(last.tasks.all()) if last else [], snapshot_rows(plan))


def diff_rows(
    before_rows: list[PublishedTask], after_rows: list[PublishedTask]
) -> list[dict[str, object]]:
    before = {t.number: t for t in before_rows}
    after = {t.number: t for t in after_rows}
    out: list[dict[str, object]] = []
    for number in sorted(before.keys() | after.keys()):
        a, b = before.get(number), after.get(number)
        if a is None or b is None:
            out.append(
                {
                    "number": number,
                    "change": "added" if a is None else "removed",
                    "task": b or a,
                    "fields": [],
                }
            )
            continue
        changed = [
            {"field": f, "old": getattr(a, f), "new": getattr(b, f)}
            for f in FIELDS
            if getattr(a, f) != getattr(b, f)
        ]
        if changed:
            out.append({"number": number, "change": "changed", "task": b, "fields": changed})
    return out
