"""The demo plan in progress shows every light, each with a one-line reason."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.demo import progress
from duban.reporting.reasons import text
from duban.reporting.warnings import current_lights


@pytest.mark.parametrize("today", [dt.date(2020, 10, 12), dt.date(2026, 12, 2)])
def test_every_light_with_a_reason(people, today) -> None:
    plan = progress.make(people.office, people.leader, today)
    lights = current_lights(list(plan.tasks.values_list("id", flat=True)), today)
    assert {lt.colour for lt in lights.values()} == {"red", "yellow", "green", "done"}
    lines = {t.number: [text(r) for r in lights[t.id].reasons] for t in plan.tasks.all()}
    assert all(lines.values())
    assert lines[9] == ["未分配牵头单位"]
    assert any("进度滞后" in line for line in lines[2])
    assert any("逾期" in line for line in lines[5])
    assert plan.tasks.get(number=10).instructions.filter(answered_at__isnull=True).exists()


def test_the_demo_command_makes_it_once(people) -> None:
    from io import StringIO

    from django.core.management import call_command

    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())
    from duban.plans.models import Plan

    assert Plan.objects.filter(government=progress.GOVERNMENT).count() == 1
