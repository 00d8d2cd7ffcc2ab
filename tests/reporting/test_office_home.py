"""The office's plans in the workspace (office_home.py, their SQL made once): a page of them,
newest first, the chosen plan by ?plan= and the newest when that names none."""

from __future__ import annotations

import re

from django.urls import reverse

from duban.reporting.office_home import PLANS_PER_PAGE


def _plans_listed(client, **params) -> tuple[list[int], str]:  # type: ignore[no-untyped-def]
    body = client.get(reverse("reporting:home"), params).content.decode()
    table = body.split('id="plans-h"')[1].split("</section>")[0]
    return [int(i) for i in re.findall(r'<a href="\?plan=(\d+)">', table)], body


def test_the_plans_come_a_page_at_a_time_newest_first(office_client, plan) -> None:
    from duban.plans.models import Plan

    Plan.objects.bulk_create(
        Plan(government=f"第{i}区", year=2000 + i % 7, title=f"计划{i}")
        for i in range(PLANS_PER_PAGE + 3)
    )
    every = list(Plan.objects.order_by("-year", "-id").values_list("id", flat=True))
    pages = -(-len(every) // PLANS_PER_PAGE)
    seen = []
    for page in range(1, pages + 1):
        ids, body = _plans_listed(office_client, plans=page)
        assert f"{page} / {pages}" in body
        seen += ids
    assert seen == every and len(ids) == len(every) - (pages - 1) * PLANS_PER_PAGE
    assert _plans_listed(office_client, plans=pages + 5)[0] == ids  # past the end: the last
    assert _plans_listed(office_client, plans="x")[0] == every[:PLANS_PER_PAGE]


def test_the_chosen_plan_and_the_newest_when_none_is(office_client, plan) -> None:
    from duban.plans.models import Plan

    newest = Plan.objects.order_by("-year", "-id").first()
    for chosen, shown in (
        (plan.id, plan),
        (newest.id, newest),
        ("", newest),
        (10**9, newest),
        (10**30, newest),
        ("-1", newest),
    ):
        body = office_client.get(reverse("reporting:home"), {"plan": chosen}).content.decode()
        assert f"<strong>{shown.title}</strong>" in body, chosen
        assert f'aria-current="true"><th scope="row"><a href="?plan={shown.id}">' in body


def test_the_queue_is_counted_to_a_thousand_and_said_to_be_more(
    office_client, plan, people
) -> None:
    from django.utils import timezone

    from duban.reporting.models import ProgressReport
    from duban.reporting.office_home import COUNT_CAP

    def heading() -> str:
        body = office_client.get(reverse("reporting:home")).content.decode()
        return body.split('id="queue-h">')[1].split("</h2>")[0]

    task = plan.tasks.get(number=1)
    unit = task.assignments.filter(role="lead").first().unit
    waiting = ProgressReport.objects.filter(state=ProgressReport.State.SUBMITTED).count()
    ProgressReport.objects.bulk_create(
        ProgressReport(
            task=task,
            unit=unit,
            period="2020-09",
            version=100 + i,
            text="进展",
            state=ProgressReport.State.SUBMITTED,
            submitted_at=timezone.now(),
        )
        for i in range(COUNT_CAP - waiting - 1)
    )
    assert heading().endswith(f"（{COUNT_CAP - 1}）")
    ProgressReport.objects.bulk_create(
        [
            ProgressReport(
                task=task,
                unit=unit,
                period="2020-09",
                version=i,
                text="进展",
                state=ProgressReport.State.SUBMITTED,
                submitted_at=timezone.now(),
            )
            for i in (1, 2)
        ]
    )
    assert heading().endswith(f"（{COUNT_CAP}+）")


def test_digits_that_are_no_number_choose_nothing(office_client, plan) -> None:
    # "²" is a digit to str.isdigit() and no number to int(): it was a server error.
    for params in ({"plan": "²"}, {"plan": plan.id, "unit": "²"}, {"plan": plan.id, "leader": "³"}):
        assert office_client.get(reverse("reporting:home"), params).status_code == 200, params
