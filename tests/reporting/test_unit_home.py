"""A unit's part of the workspace (unit_home.py): what was returned to it, what awaits its
head, the instructions it has to answer — its own only, each as it is now."""

from __future__ import annotations

from django.urls import reverse


def _home(client) -> str:  # type: ignore[no-untyped-def]
    response = client.get(reverse("reporting:home"))
    assert response.status_code == 200
    return response.content.decode()


def _section(body: str, heading_id: str) -> str:
    assert f'id="{heading_id}"' in body, heading_id
    return body.split(f'id="{heading_id}"')[1].split("</section>")[0]


def _led_by(unit, plan):  # type: ignore[no-untyped-def]
    return plan.tasks.filter(assignments__unit=unit, assignments__role="lead").order_by("number")


def test_returned_and_pending_reports_are_the_units_own(
    reporter_client, head_client, outsider_client, plan, people
) -> None:
    from duban.reporting.models import ProgressReport

    unit = people.reporter.unit
    first, second = _led_by(unit, plan)[:2]
    ProgressReport.objects.create(
        task=first,
        unit=unit,
        period="2020-09",
        text="进展",
        state="returned",
        review_comment="请补充投资完成额",
    )
    ProgressReport.objects.create(
        task=second, unit=unit, period="2020-09", text="进展", state="pending"
    )
    mine = _section(_home(reporter_client), "ret-h")
    assert f"/work/plans/{plan.id}/tasks/{first.number}/" in mine and "请补充投资完成额" in mine
    assert f"{first.number}. {first.content[:10]}" in mine
    assert 'id="appr-h"' not in _home(reporter_client)  # the head approves, not the reporter
    approve = _section(_home(head_client), "appr-h")
    assert f"/tasks/{second.number}/" in approve and f"/tasks/{first.number}/" not in approve
    other = _home(outsider_client)
    assert 'id="ret-h"' not in other and "请补充投资完成额" not in other
    ProgressReport.objects.filter(task=first).update(state="draft")  # written without a signal
    assert 'id="ret-h"' not in _home(reporter_client)


def test_instructions_to_answer_name_their_leader_and_go_once_answered(
    reporter_client, outsider_client, plan, people
) -> None:
    from django.utils import timezone

    from duban.reporting.models import Instruction

    leader = people.leader
    leader.first_name, leader.last_name = "王", "局长"
    leader.save()
    task = _led_by(people.reporter.unit, plan).first()
    older = Instruction.objects.create(task=task, leader=leader, text="抓紧推进，月底前报进度")
    newer = Instruction.objects.create(task=task, leader=leader, text="抓紧推进，月底前报进度")
    listed = _section(_home(reporter_client), "ins-h")
    assert listed.count("抓紧推进，月底前报进度") == 2  # two instructions alike: both shown
    assert "王 局长" in listed and f"/tasks/{task.number}/" in listed
    assert 'id="ins-h"' not in _home(outsider_client)
    Instruction.objects.filter(pk=older.pk).update(answered_at=timezone.now(), answer="已推进")
    assert _section(_home(reporter_client), "ins-h").count("抓紧推进") == 1
    Instruction.objects.filter(pk=newer.pk).update(answered_at=timezone.now(), answer="已推进")
    assert 'id="ins-h"' not in _home(reporter_client)


def test_the_page_names_the_units_name_as_it_is(reporter_client, people) -> None:
    from duban.plans.models import Unit

    assert f"· {people.reporter.unit.name} ·" in _home(reporter_client)
    Unit.objects.filter(pk=people.reporter.unit_id).update(name="改了名的发展改革委")
    body = _home(reporter_client)
    assert "· 改了名的发展改革委 ·" in body and "本单位的任务" in body


def test_the_reporters_workspace_reads_eight_queries(
    reporter_client, plan, django_assert_num_queries
) -> None:
    # The session, the account, returned reports, instructions, tasks, their lead units, the
    # unit's name, the unread count.
    _home(reporter_client)  # the lights stored
    with django_assert_num_queries(8):
        _home(reporter_client)
