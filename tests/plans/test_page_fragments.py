"""Cached fragments of signed-in pages (duban/fragments.py): every change a page shows is
there on the next view, whichever service (or bulk write) made it, and no fragment reaches a
person who may not see the page it belongs to."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse
from django.utils.safestring import mark_safe

from duban import fragments


def _table(client, plan) -> str:  # type: ignore[no-untyped-def]
    body = client.get(f"/office/plans/{plan.id}/").content.decode()
    return body.split('<table class="tasks">')[1].split("</table>")[0]


def _task(plan):  # type: ignore[no-untyped-def]
    return plan.tasks.order_by("number").first()


def _leads(task) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.unit.name for a in task.assignments.filter(role="lead")]


def test_a_task_saved_by_the_office_shows_in_the_plan_table(office_client, plan, people) -> None:
    from duban.plans import services

    task = _task(plan)
    assert task.content[:20] in _table(office_client, plan)  # cached now
    fields = {"content": "改过的任务内容，缓存之后", "number": task.number}
    services.save_task(people.office, plan, task, fields, ["区新设的牵头单位"], ["区配合局"])
    table = _table(office_client, plan)
    assert "改过的任务内容，缓存之后" in table and task.content[:20] not in table
    assert "区新设的牵头单位" in table and "区配合局" in table


def test_a_renamed_unit_shows_in_the_plan_table(office_client, plan, people) -> None:
    from duban.plans.units import change_unit

    unit = _task(plan).assignments.filter(role="lead").first().unit
    assert unit.name in _table(office_client, plan)
    change_unit(people.office, unit, "区改了名字的局", [])
    table = _table(office_client, plan)
    assert "区改了名字的局" in table


def test_rows_written_in_bulk_show_in_the_plan_table(office_client, plan) -> None:
    import datetime

    from duban.plans.models import Task

    task = _task(plan)
    _table(office_client, plan)
    Task.objects.filter(pk=task.pk).update(  # no signal, no history: what a bulk writer does
        content="批量写入的内容", deadline=datetime.date(2020, 9, 30), reporting_cycle="quarter"
    )
    row = _table(office_client, plan).split(f"/tasks/{task.id}/")[1].split("</tr>")[0]
    assert "批量写入的内容" in row and "2020-09-30" in row and "每季度" in row
    Task.objects.filter(pk=task.pk).delete()
    assert f"/tasks/{task.id}/" not in _table(office_client, plan)


def test_pasted_rows_show_in_the_plan_table(office_client, plan, people) -> None:
    from duban.plans import services

    _table(office_client, plan)
    rows = "序号\t重点督办内容\t牵头单位\n900\t粘贴进来的新任务。\t区教委\n"
    services.add_rows(people.office, plan, rows)
    assert "粘贴进来的新任务" in _table(office_client, plan)


def test_the_plan_table_follows_the_language(office_client, plan) -> None:
    assert "每月" in _table(office_client, plan)
    office_client.cookies["django_language"] = "en"
    table = _table(office_client, plan)
    assert "Monthly" in table and "每月" not in table


def _public(client, plan, **extra) -> str:  # type: ignore[no-untyped-def]
    response = client.get(f"/plans/{plan.id}/", **extra)
    assert response.status_code == 200
    return response.content.decode().split('<main id="main"')[1]


def test_a_new_publication_shows_to_a_signed_in_reader_at_once(
    office_client, reporter_client, plan, people
) -> None:
    from duban.disclosure.services import publish
    from duban.plans import services

    task = _task(plan)
    before = _public(reporter_client, plan)
    assert _public(reporter_client, plan) == before  # from the fragments now
    fields = {"content": "发布之后公众看到的新内容", "number": task.number}
    services.save_task(people.office, plan, task, fields, _leads(task), [])
    assert "发布之后公众看到的新内容" not in _public(reporter_client, plan)  # not published yet
    publish(plan, people.office, "update")
    for client in (reporter_client, office_client):
        assert "发布之后公众看到的新内容" in _public(client, plan)


def test_a_plan_change_shows_on_its_signed_in_public_page(reporter_client, plan) -> None:
    from duban.plans.models import Plan

    _public(reporter_client, plan)
    fresh = Plan.objects.get(pk=plan.pk)
    fresh.government = "改过名字的区政府"
    fresh.save()  # the plan's own fields show beside the publication's
    assert "改过名字的区政府" in _public(reporter_client, plan)


def test_signed_in_readers_are_shown_their_own_page_around_the_fragments(
    office_client, reporter_client, plan, people
) -> None:
    mine = reporter_client.get(f"/plans/{plan.id}/").content.decode()
    office = office_client.get(f"/plans/{plan.id}/").content.decode()
    assert people.reporter.username in mine or people.reporter.get_full_name() in mine
    upload = reverse("plans:upload")
    assert upload not in mine and upload in office  # each their own masthead
    assert mine.split('<main id="main"')[1] == office.split('<main id="main"')[1]


def test_a_page_cached_for_the_office_is_no_way_into_an_unpublished_plan(
    office_client, outsider_client, reporter_client, hidden_plan, people
) -> None:
    from duban.disclosure.services import publish

    publish(hidden_plan, people.office, "update")  # published, but not public
    assert office_client.get(f"/plans/{hidden_plan.id}/").status_code == 200  # fragments made
    from duban.plans.access import visible_plans

    for client, user in ((outsider_client, people.outsider), (reporter_client, people.reporter)):
        response = client.get(f"/plans/{hidden_plan.id}/")
        if visible_plans(user).filter(pk=hidden_plan.pk).exists():
            assert response.status_code == 200
        else:
            assert response.status_code == 404 and hidden_plan.title not in response.text
    assert reporter_client.get(f"/office/plans/{hidden_plan.id}/").status_code in (403, 404)


def test_the_office_plan_table_is_the_office_s_alone(office_client, reporter_client, plan) -> None:
    _table(office_client, plan)
    response = reporter_client.get(f"/office/plans/{plan.id}/")
    assert response.status_code == 403 and b'<table class="tasks">' not in response.content


def test_a_fragment_cannot_hold_a_csrf_token() -> None:
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}{% fragment k %}{% csrf_token %}{% endfragment %}")
    leaky = Template("{% load fragments %}{% fragment k %}{{ form }}{% endfragment %}")
    form = mark_safe('<input type="hidden" name="csrfmiddlewaretoken" value="secret">')
    with pytest.raises(fragments.CsrfInFragment):
        leaky.render(Context({"k": fragments.key("test-leak"), "form": form}))
    assert fragments.get(fragments.key("test-leak")) is None


def test_an_empty_key_renders_uncached() -> None:
    page = Template("{% load fragments %}{% fragment k %}{{ n }}{% endfragment %}")
    assert page.render(Context({"k": "", "n": 1})) == "1"
    assert page.render(Context({"k": "", "n": 2})) == "2"
    key = fragments.key("test-once")
    assert page.render(Context({"k": key, "n": 3})) == "3"
    # One key, one content: that a key names all its fragment shows is the caller's rule.
    assert page.render(Context({"k": key, "n": 4})) == "3"
