"""Synthetic governments' plans in the image of the Xicheng one, for measuring duban at scale.

`duban demo --scale N` makes sure N synthetic plans exist (it adds the missing ones, so 10,
then 100, then 1,000 grow one database). Plan i is the same for the same seed whatever else
is in the database: its random generator is seeded with (seed, i).

Each plan: 140–160 tasks drawn from the Xicheng template (8 categories), renamed for its
government; 40 units of its own; indicators, actuals and adjustments as the template's numbers
give them; 12 monthly progress reports per task (the last month in every state of the review),
indicator values, reminders for late reports, leaders' instructions, extension requests,
confirmed statuses, history rows; published once at year end (every fourth plan also at mid-year,
every tenth plan left unpublished).

Tasks, units and their numbers go through the real import (import_document); reports and the
rest are written in bulk, with their history, in one transaction per plan.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from duban.accounts.models import User
from duban.documents import ParsedDocument, ParsedTask, parse_bytes
from duban.plans.importing import import_document
from duban.plans.models import Assignment, Indicator, Plan, Task, Unit
from duban.quantities import annotate
from duban.reporting.models import IndicatorValue, Instruction, ProgressReport, Reminder, Request

from . import bulk

SOURCE_PREFIX = "scale-"  # source_name of every synthetic plan: scale-0000.txt, …
YEAR = 2020
UNITS_PER_PLAN = 40
TEMPLATE_GOVERNMENT = "西城"
# Two syllables and a level: 21 × 24 × 2 = 1,008 distinct names, then a number is added.
FIRST = "安宁永和长丰兴华新东南西北平清河泰嘉康明瑞"
SECOND = "山城江阳川湖林源水桥州岭田海泉溪峰原坪营沙湾台塘"
LEVELS = "区县"


@dataclass
class Generated:
    plans: int = 0
    tasks: int = 0
    reports: int = 0


def government_name(i: int) -> str:
    a, rest = FIRST[i % len(FIRST)], i // len(FIRST)
    b, rest = SECOND[rest % len(SECOND)], rest // len(SECOND)
    level, rest = LEVELS[rest % len(LEVELS)], rest // len(LEVELS)
    return f"{a}{b}{level}" + (str(rest + 1) if rest else "")


@lru_cache(maxsize=1)
def template() -> ParsedDocument:
    data = resources.files("duban.demo").joinpath("xicheng-2020-key-tasks.txt").read_bytes()
    return annotate(parse_bytes(data))


@lru_cache(maxsize=1)
def _kept_units() -> list[str]:
    """The template's 40 most used units."""
    counts = Counter(u for t in template().tasks for u in (*t.lead_units, *t.co_units))
    return [name for name, _ in counts.most_common(UNITS_PER_PLAN)]


def _unit_map(government: str) -> Callable[[str], str]:
    """The template's units, renamed for this government and folded onto 40 of them."""
    kept = _kept_units()
    stem = government[:-1]

    def rename(name: str) -> str:
        if name not in kept:  # (a stable choice: hash() changes between processes)
            name = kept[sum(map(ord, name)) % len(kept)]
        if TEMPLATE_GOVERNMENT in name:
            return name.replace(TEMPLATE_GOVERNMENT, stem)
        if name.startswith("区"):
            return government + name[1:]
        return government + name

    return rename


def _document(i: int, government: str, rng: random.Random) -> ParsedDocument:
    tasks = template().tasks
    rename = _unit_map(government)
    stem = government[:-1]
    count = rng.randint(140, 160)
    offset = rng.randrange(len(tasks))
    out: list[ParsedTask] = []
    for number in range(1, count + 1):
        t = copy.deepcopy(tasks[(number - 1 + offset) % len(tasks)])
        t.number = number
        t.source_line = number
        t.content = t.content.replace(TEMPLATE_GOVERNMENT, stem)
        t.completion = t.completion.replace(TEMPLATE_GOVERNMENT, stem)
        for names in (t.lead_units, t.lead_units_raw, t.co_units, t.co_units_raw):
            names[:] = [rename(n) for n in names]
        # Folding units together can repeat one in a row: keep the first.
        for norm, raw in ((t.lead_units, t.lead_units_raw), (t.co_units, t.co_units_raw)):
            first: dict[str, str] = {}
            for n, r in zip(norm, raw, strict=True):
                first.setdefault(n, r)
            norm[:], raw[:] = list(first), list(first.values())
        out.append(t)
    return ParsedDocument(
        title=f"{YEAR}年{government}政府工作报告重点工作全年完成情况（模拟数据）",
        published=f"{YEAR + 1}-02-0{1 + i % 9}",
        year=YEAR,
        tasks=out,
        caption="重点工作任务完成情况",
        government=f"{government}人民政府",
    )


def _users(government: str, unit: Unit) -> tuple[User, User]:
    """A reporter of the plan's busiest unit and a leader, both without a password."""
    reporter, _ = User.objects.get_or_create(
        username=f"scale-{government}-reporter",
        defaults={"role": User.Role.REPORTER, "unit": unit, "first_name": "承办人"},
    )
    leader, _ = User.objects.get_or_create(
        username=f"scale-{government}-leader",
        defaults={"role": User.Role.LEADER, "first_name": "区领导"},
    )
    for user in (reporter, leader):
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
    return reporter, leader


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _reports(
    plan: Plan, reporter: User, rng: random.Random
) -> tuple[list[bulk.Row], list[tuple[int, int]]]:
    """12 monthly reports per task from its lead unit; the last month in every review state.
    Returns the report rows and (task id, unit id) of those whose December report is late."""
    tasks = list(Task.objects.filter(plan=plan).prefetch_related("assignments").order_by("number"))
    next_id = bulk.next_id(ProgressReport)
    rows: list[bulk.Row] = []
    late: list[tuple[int, int]] = []
    states = ProgressReport.State
    for task in tasks:
        leads = [a.unit_id for a in task.assignments.all() if a.role == Assignment.Role.LEAD]
        if not leads:
            continue
        unit = leads[0]
        sentences = [s for s in task.completion.replace("；", "。").split("。") if s] or [
            task.content[:60]
        ]
        for month in range(1, 13):
            state = (
                states.ACCEPTED
                if month < 12
                else rng.choices(
                    [
                        states.ACCEPTED,
                        states.SUBMITTED,
                        states.RETURNED,
                        states.DRAFT,
                        states.PENDING,
                    ],
                    weights=[70, 12, 5, 10, 3],
                )[0]
            )
            due = dt.date(YEAR + (month == 12), month % 12 + 1, 5)
            submitted = _aware(due - dt.timedelta(days=rng.randint(0, 6)), 10)
            rows.append(
                {
                    "id": next_id,
                    "task_id": task.id,
                    "unit_id": unit,
                    # December is the year-end report (reporting/periods.py).
                    "period": f"{YEAR}-{month:02d}" if month < 12 else f"{YEAR}-Y",
                    "text": f"{month}月：" + sentences[(month - 1) % len(sentences)][:180] + "。",
                    "state": state,
                    "author_id": reporter.id if unit == reporter.unit_id else None,
                    "created_at": submitted - dt.timedelta(days=1),
                    "updated_at": submitted,
                    "submitted_at": None if state in (states.DRAFT, states.PENDING) else submitted,
                    "accepted_at": submitted + dt.timedelta(days=2)
                    if state == states.ACCEPTED
                    else None,
                    "review_comment": "请补充具体数据。" if state == states.RETURNED else "",
                }
            )
            next_id += 1
            if month == 12 and state == states.DRAFT:
                late.append((task.id, unit))
    return rows, late


def _indicator_values(plan: Plan, reports: list[bulk.Row], rng: random.Random) -> list[bulk.Row]:
    """A running figure for each indicator in each accepted report: the target, pro rata."""
    by_task: dict[int, list[Indicator]] = {}
    for ind in Indicator.objects.filter(task__plan=plan):
        by_task.setdefault(ind.task_id, []).append(ind)
    next_id = bulk.next_id(IndicatorValue)
    rows = []
    for report in reports:
        if report["state"] != ProgressReport.State.ACCEPTED:
            continue
        month = 12 if report["period"].endswith("Y") else int(report["period"][-2:])
        for ind in by_task.get(report["task_id"], ()):
            share = Decimal(month) / 12 * Decimal(str(round(rng.uniform(0.8, 1.15), 3)))
            value = (ind.target_value * share).quantize(Decimal("0.01"))
            rows.append(
                {"id": next_id, "report_id": report["id"], "indicator_id": ind.id, "value": value}
            )
            next_id += 1
    return rows


def make_plan(i: int, seed: int) -> tuple[Plan, int, int]:
    from duban.disclosure.services import publish

    rng = random.Random(f"{seed}:{i}")  # noqa: S311 - reproducible test data, not secrets
    government = government_name(i)
    doc = _document(i, government, rng)
    with transaction.atomic():
        result = import_document(
            doc, source_name=f"{SOURCE_PREFIX}{i:04d}.txt", government=doc.government
        )
        plan = result.plan
        busiest_name = Counter(u for t in doc.tasks for u in t.lead_units).most_common(1)[0][0]
        busiest = Unit.objects.get(government=plan.government, name=busiest_name)
        reporter, leader = _users(government, busiest)
        reports, late = _reports(plan, reporter, rng)
        mid = f"{YEAR}-06"
        bulk.insert_with_history(ProgressReport, [r for r in reports if r["period"] <= mid])
        if i % 4 == 3:
            publish(plan, None, "mid_year", "上半年进展（模拟数据）")
        bulk.insert_with_history(ProgressReport, [r for r in reports if r["period"] > mid])
        bulk.insert_with_history(IndicatorValue, _indicator_values(plan, reports, rng))
        Reminder.objects.bulk_create(
            [
                Reminder(
                    task_id=t,
                    unit_id=u,
                    period=f"{YEAR}-Y",
                    level=level,
                    recipients=f"{reporter.username}@duban.invalid",
                )
                for t, u in late
                for level in (Reminder.Level.DUE_SOON, Reminder.Level.OVERDUE)
            ]
        )
        tasks = list(Task.objects.filter(plan=plan).order_by("number"))
        now = timezone.now()
        plan.tasks.filter(number__in=[t.number for t in tasks if t.number % 3 == 0]).update(
            leader=leader
        )
        confirmed = [t.id for t in tasks if t.proposed_status and rng.random() < 0.8]
        Task.objects.filter(id__in=confirmed).update(
            status=F("proposed_status"), status_confirmed_at=now
        )
        picked = rng.sample(tasks, k=4)
        bulk_create_with_history(
            [
                Instruction(
                    task=t,
                    leader=leader,
                    text="请加快推进，按期完成。",
                    answer="已部署落实。" if n % 2 else "",
                    answered_at=now if n % 2 else None,
                )
                for n, t in enumerate(picked[:2])
            ],
            Instruction,
        )
        Request.objects.bulk_create(
            [
                Request(
                    task=t,
                    unit=busiest,
                    kind=Request.Kind.EXTENSION,
                    reason="受疫情影响，申请延期。",
                    new_deadline=dt.date(YEAR + 1, 6, 30),
                    requested_by=reporter,
                )
                for t in picked[2:]
            ]
        )
        if i % 10 != 9:
            publish(plan, None, "year_end", "全年完成情况（模拟数据）")
    return plan, len(doc.tasks), len(reports)


def existing() -> int:
    return Plan.objects.filter(source_name__startswith=SOURCE_PREFIX).count()


def generate(
    total: int, seed: int = 2020, progress: Callable[[int, int], None] | None = None
) -> Generated:
    """Make synthetic plans 0 … total-1 that do not exist yet."""
    have = existing()
    done = Generated()
    for i in range(have, total):
        _plan, tasks, reports = make_plan(i, seed)
        done.plans += 1
        done.tasks += tasks
        done.reports += reports
        if progress:
            progress(i + 1, total)
    return done
