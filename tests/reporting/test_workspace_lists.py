"""The workspace's task list filters by light, unit, leader and category, sorts, and counts
each light with a link to the list it counts; reading it costs the same queries whatever the
number of tasks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from duban.demo import progress

TODAY = dt.date(2020, 10, 12)


@pytest.fixture
def demo(people, monkeypatch):  # type: ignore[no-untyped-def]
    """The demo plan in progress, read on the day it was made."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: TODAY)
    return progress.make(people.office, people.leader, TODAY)


def _numbers(body: str) -> list[int]:
    table = body.split('<table class="tasks">')[1].split("</table>")[0]
    return [int(n) for n in re.findall(r'<th scope="row">(\d+)</th>', table)]


def _get(client, plan, **params):  # type: ignore[no-untyped-def]
    return client.get(reverse("reporting:home"), {"plan": plan.id, **params}).content.decode()


def test_counts_link_to_the_lists_they_count(office_client, demo) -> None:
    body = _get(office_client, demo)
    for colour in ("red", "yellow", "green", "done"):
        count = int(re.search(rf"warning={colour}[^>]*>[^<]*? (\d+)</a>", body)[1])
        listed = _numbers(_get(office_client, demo, warning=colour))
        assert count == len(listed) > 0, colour


def test_filter_by_unit_category_and_leader(office_client, demo, people) -> None:
    from duban.plans.models import Unit

    unit = Unit.objects.get(government=demo.government, name="区商务局")
    assert _numbers(_get(office_client, demo, unit=unit.id)) == [2, 3]
    category = demo.categories.get(name="城市治理")
    assert sorted(_numbers(_get(office_client, demo, category=category.id))) == [7, 8, 9]
    assert len(_numbers(_get(office_client, demo, leader=people.leader.id))) == 10
    assert "没有未办结的任务" in _get(
        office_client, demo, leader=people.leader2.id
    ) or '<table class="tasks">' not in _get(office_client, demo, leader=people.leader2.id)


def test_sorted_by_light_then_number_by_default_and_by_number_on_request(
    office_client, demo
) -> None:
    by_light = _numbers(_get(office_client, demo))
    assert by_light[-1] == 7 and by_light[0] in (2, 5, 9)  # the done task last, red first
    assert _numbers(_get(office_client, demo, sort="number")) == list(range(1, 11))


def test_the_unit_sees_its_own_tasks_with_lights(demo) -> None:
    # The demo government's 区发展改革委 (a unit belongs to one government: Xicheng's
    # reporter persona is another unit's).
    from django.test import Client

    from duban.accounts.models import User

    reporter = User.objects.get(unit__government=demo.government, unit__name="区发展改革委")
    client = Client()
    client.force_login(reporter)
    body = client.get(reverse("reporting:home")).content.decode()
    assert "推进重大项目建设" in body and "优化营商环境" in body and "新增市场主体" not in body


def test_the_list_reads_the_same_queries_for_a_plan_of_136(
    office_client, plan, demo, django_assert_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for p in (plan, demo):
        _get(office_client, p)  # lights computed and stored
        with CaptureQueriesContext(connection) as queries:
            _get(office_client, p)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 17  # 136 tasks or 10: the same queries
