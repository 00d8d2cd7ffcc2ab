"""The workspace's task rows are cached under a digest of what they show (workspace.rows_key):
a change shows at once, even one written in bulk without signals, and no one is shown rows
that are another person's."""

from __future__ import annotations

import re

from django.urls import reverse


def _rows(client, **params) -> str:  # type: ignore[no-untyped-def]
    body = client.get(reverse("reporting:home"), params).content.decode()
    return body.split('<table class="tasks">')[1].split("</table>")[0]


def _numbers(rows: str) -> set[int]:
    return {int(n) for n in re.findall(r'<th scope="row">(\d+)</th>', rows)}


def test_a_task_changed_in_bulk_shows_at_once(office_client, plan) -> None:
    from duban.plans.models import Task

    task = plan.tasks.order_by("number").first()
    assert task.content[:20] in _rows(office_client, plan=plan.id)
    Task.objects.filter(pk=task.pk).update(content="缓存之后改写的任务内容")  # no signal sent
    rows = _rows(office_client, plan=plan.id)
    assert "缓存之后改写的任务内容" in rows and task.content[:20] not in rows


def test_a_changed_light_shows_at_once(office_client, plan) -> None:
    from duban.reporting.models import TaskLight

    _rows(office_client, plan=plan.id)  # the lights stored, the rows cached
    light = TaskLight.objects.filter(task__plan=plan).exclude(colour="red").first()
    TaskLight.objects.filter(pk=light.pk).update(colour="red", reasons=[])
    rows = _rows(office_client, plan=plan.id)
    row = rows.split(f'value="{light.task_id}"')[1].split("</tr>")[0]
    assert "light-red" in row


def test_each_unit_sees_its_own_rows_from_one_cache(
    reporter_client, outsider_client, people
) -> None:
    from duban.plans.models import Task

    def own(user) -> set[int]:  # type: ignore[no-untyped-def]
        tasks = Task.objects.filter(
            assignments__unit=user.unit, closed_at__isnull=True, plan__is_public=True
        )
        return set(tasks.values_list("number", flat=True))

    mine = _numbers(_rows(reporter_client))
    theirs = _numbers(_rows(outsider_client))
    assert mine and theirs and mine != theirs
    assert mine <= own(people.reporter) and theirs <= own(people.outsider)
    assert _numbers(_rows(reporter_client)) == mine  # and from the cache, still their own
