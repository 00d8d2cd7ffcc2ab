"""The task page computes its light from what it read already (warnings.page_warning): the
same light, reasons and periods as the lists' task_warnings, task by task."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.demo import progress

TODAY = dt.date(2020, 10, 12)


@pytest.fixture
def demo(people, monkeypatch):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: TODAY)
    return progress.make(people.office, people.leader, TODAY)


def test_the_page_s_light_is_the_lists_light(demo, plan, people) -> None:
    from duban.plans.access import get_task_for_user
    from duban.reporting.models import ProgressReport
    from duban.reporting.warnings import page_warning, task_warnings

    compared = 0
    for p in (demo, plan):
        for number in p.tasks.order_by("number").values_list("number", flat=True)[:40]:
            task = get_task_for_user(people.office, p.id, number)
            reports = list(
                ProgressReport.objects.filter(task=task)
                .prefetch_related("values")
                .order_by("period", "-version")
            )
            expected = task_warnings([task], TODAY)[task.id]
            for given in (reports, None):
                shown = page_warning(
                    task,
                    task.milestones.all(),
                    given,
                    task.indicators.all(),
                    task.adjustments.all(),
                    TODAY,
                )
                assert shown == expected
            compared += 1
    assert compared > 40
