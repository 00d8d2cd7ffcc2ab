"""A plan in progress for the demo: this year's, a few units reporting, some late, some behind
pace, a milestone missed, one returned, one without a lead unit, an instruction open; so
that the lights, the reminders and the bulletin show something real on first start.

Everything goes through the services (reports are saved, submitted, accepted or returned by
each unit's demo reporter), so the history and the audit log read as a real year does.
Periods are those of the plan's year that are due by the day the demo is made.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from duban.accounts.models import User
from duban.plans.models import Assignment, Plan, Task
from duban.plans.services import add_category, save_plan, save_task
from duban.reporting import services
from duban.reporting.milestones import read_plan_milestones
from duban.reporting.periods import Period, periods

GOVERNMENT = "示例区人民政府"
TITLE = "%d年示例区政府工作报告重点工作督办（进行中）"
UNITS = ["区发展改革委", "区教委", "区卫生健康委", "区城市管理委", "区商务局", "区园林绿化局"]

# number, category, content, lead units, cycle, indicator (metric, target, unit), story
TASKS = [
    (
        1,
        0,
        "推进重大项目建设，全年完成固定资产投资200亿元。",
        ["区发展改革委"],
        "month",
        ("固定资产投资", 200, "亿元"),
        "on_pace",
    ),
    (
        2,
        0,
        "新增市场主体1.5万户。",
        ["区商务局"],
        "month",
        ("新增市场主体", 15000, "户"),
        "behind_far",
    ),
    (3, 0, "新建便民商业网点40个。", ["区商务局"], "quarter", ("便民商业网点", 40, "个"), "behind"),
    (
        4,
        1,
        "新增中小学学位2000个，6月底前完成招标，12月底前建成。",
        ["区教委"],
        "month",
        ("中小学学位", 2000, "个"),
        "milestone",
    ),
    (5, 1, "建成社区卫生服务站10个。", ["区卫生健康委"], "month", None, "late"),
    (6, 1, "完成老旧小区综合整治15个。", ["区城市管理委"], "month", None, "returned"),
    (7, 2, "新建口袋公园5处。", ["区园林绿化局"], "quarter", ("口袋公园", 5, "处"), "done"),
    (8, 2, "推进背街小巷环境精细化整治提升。", ["区城市管理委"], "month", None, "in_review"),
    (9, 2, "开展垃圾分类示范片区创建。", [], "month", None, "no_lead"),
    (10, 0, "优化营商环境，推进政务服务一网通办。", ["区发展改革委"], "month", None, "instruction"),
]
CATEGORIES = ["经济发展", "民生保障", "城市治理"]


def exists() -> bool:
    return Plan.objects.filter(government=GOVERNMENT).exists()


def _year(today: dt.date) -> int:
    # In January and February no month of the new year is due yet: last year's plan is the
    # one in progress.
    return today.year if today.month > 2 else today.year - 1


def _people(office: User, leader: User) -> dict[str, User]:
    """A demo reporter for each unit (no password: they cannot log in)."""
    from duban.plans.models import Unit

    people = {}
    for i, name in enumerate(UNITS):
        unit, _ = Unit.objects.get_or_create(government=GOVERNMENT, name=name)
        user, _ = User.objects.get_or_create(
            username=f"demo-unit-{i + 1}",
            defaults={
                "role": User.Role.REPORTER,
                "unit": unit,
                "first_name": f"{name} 承办人",
                "password": make_password(None),
            },
        )
        people[name] = user
    return people


def make(office: User, leader: User, today: dt.date | None = None) -> Plan:
    today = today or timezone.localdate()
    year = _year(today)
    with transaction.atomic():
        plan = save_plan(
            office, None, {"government": GOVERNMENT, "year": year, "title": TITLE % year}
        )
        categories = [add_category(office, plan, name) for name in CATEGORIES]
        people = _people(office, leader)
        for number, cat, content, leads, cycle, indicator, story in TASKS:
            fields = {
                "number": number,
                "content": content,
                "category": categories[cat],
                "reporting_cycle": cycle,
                "leader": leader,
            }
            rows = (
                [
                    {
                        "metric": indicator[0],
                        "comparator": ">=",
                        "target_value": Decimal(indicator[1]),
                        "unit": indicator[2],
                    }
                ]
                if indicator
                else None
            )
            if leads:
                task = save_task(office, plan, None, fields, leads, [], indicators=rows)
            else:  # as a document may bring it: no lead unit named
                task = Task.objects.create(plan=plan, **fields)
            _story(task, story, people, office, leader, today)
        # Task 4 prints its milestones (6月底前完成招标，12月底前建成): the office reads them;
        # the tendering is late.
        read_plan_milestones(office, plan)
    return plan


def _due(task: Task, today: dt.date) -> list[Period]:
    """The periods ended by today (the year-end apart): those the units could report on."""
    plan = task.plan
    return [
        p
        for p in periods(task.reporting_cycle, plan.year, plan.due_day)
        if p.end < today and not p.is_year_end
    ]


def _report(
    task: Task,
    who: User,
    office: User,
    period: str,
    text: str,
    value: Decimal | None = None,
    then: str = "accept",
) -> None:
    indicator = task.indicators.first()
    values = {indicator.pk: value} if indicator is not None and value is not None else {}
    report = services.save_draft(task, who, period, text, values)
    if then == "draft":
        return
    services.submit(report, who)
    if then == "accept":
        services.accept(report, office)
    elif then == "return":
        services.return_report(report, office, "请补充已开工项目的名称和进度。")


# The stories whose unit reports a figure each period: its text, and its pace against the
# year's target (1.05: slightly ahead).
PACED = {
    "on_pace": ("{month}月按计划推进。", Decimal("1.05")),
    "milestone": ("{month}月按计划推进。", Decimal("1.05")),
    "instruction": ("{month}月按计划推进。", Decimal("1.05")),
    "behind_far": ("{month}月受市场影响，进度放缓。", Decimal("0.45")),
    "behind": ("选址和招商进度慢于预期。", Decimal("0.85")),
}


def _story(
    task: Task, story: str, people: dict[str, User], office: User, leader: User, today: dt.date
) -> None:
    """The year so far as the task's story goes: the lead unit's reports and the office's
    review of them, the year-end status, the leader's instruction."""
    from duban.plans.services import confirm_status

    lead = task.assignments.filter(role=Assignment.Role.LEAD).select_related("unit").first()
    if lead is not None:  # (no_lead: nobody reports)
        who = people[lead.unit.name]
        _reports(task, story, who, office, today)
        if story == "done":
            _report(
                task, who, office, f"{task.plan.year}-Y", "5处口袋公园已全部建成开放。", Decimal(5)
            )
            confirm_status(task, office, "completed")
    if story == "instruction":
        services.write_instruction(task, leader, "请梳理企业反映的审批难点，月底前报送改进方案。")


def _reports(task: Task, story: str, who: User, office: User, today: dt.date) -> None:
    """The unit's report on each period due by today, as the story goes."""
    due = _due(task, today)
    indicator = task.indicators.first()
    target = indicator.target_value if indicator else Decimal(0)
    window = dt.timedelta(days=task.plan.warning_days)
    for i, p in enumerate(due):
        last = i == len(due) - 1
        if p.due - window > today and story not in ("on_pace", "instruction"):
            continue  # not asked for yet: the late units have not written it
        if story in PACED:
            text, pace = PACED[story]
            share = Decimal(p.end.month) / 12
            value = (target * share * pace).quantize(Decimal(1))
            _report(task, who, office, p.code, text.format(month=p.end.month), value)
        elif story == "late" and i < len(due) - 3:
            _report(task, who, office, p.code, "已完成选址，正在装修。")
        elif story == "returned":
            _report(
                task, who, office, p.code, "推进整治工作。", then="return" if last else "accept"
            )
        elif story == "in_review" and not last:
            _report(
                task,
                who,
                office,
                p.code,
                "完成整治街巷若干条。",
                then="submit" if i == len(due) - 2 else "accept",
            )
