"""A task published with neither a status nor a completion text is "not reported on" on every
public page: the plan's page counted it 持续推进 while the home page said 政府未报告."""

from __future__ import annotations

import re

from django.urls import reverse

from duban.disclosure.services import publish


def _count(page: str, label: str) -> int:
    found = re.search(rf"{label} (\d+)<", page)
    return int(found.group(1)) if found else 0


def test_the_plan_page_and_the_home_page_agree_on_tasks_not_reported(client, plan, people) -> None:
    plan.tasks.filter(number__in=[1, 2]).update(
        status="", proposed_status="", completion="", status_confirmed_at=None
    )
    publish(plan, people.office, "mid_year")
    home = client.get(reverse("disclosure:home")).content.decode()
    page = client.get(reverse("disclosure:plan", args=[plan.id])).content.decode()
    dashboard = client.get(reverse("disclosure:dashboard", args=[plan.id])).content.decode()
    assert _count(home, "政府未报告") == 2
    assert _count(page, "政府未报告") == 2 and _count(dashboard, "政府未报告") == 2
    assert _count(page, "持续推进") == _count(home, "持续推进")
    unit = client.get(reverse("disclosure:unit", args=["区发展改革委"])).content.decode()
    assert _count(unit, "政府未报告") >= 1
