"""The public site: the plan table, filters, search, task pages, and who sees what."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from duban.plans.models import Plan, Unit
from duban.reporting.models import ProgressReport


def _rows(response) -> list[str]:
    return re.findall(r'<tr id="task-(\d+)"', response.content.decode())


def test_home_lists_public_plans_only(client, plan, hidden_plan) -> None:
    body = client.get("/").content.decode()
    assert plan.title in body and hidden_plan.title not in body


def test_plan_page_shows_the_136_tasks_a_page_at_a_time_in_the_publications_columns(
    client, plan
) -> None:
    url = reverse("disclosure:plan", args=[plan.id])
    pages = [_rows(client.get(url, {"page": n})) for n in range(1, 6)]
    assert [len(p) for p in pages] == [30, 30, 30, 30, 16]
    assert [int(n) for p in pages for n in p] == list(range(1, 137))
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    table = body[body.index('<table class="tasks">') : body.index("</thead>")]
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table)
    assert headers == ["类别", "序号", "重点督办内容", "牵头单位", "全年完成情况", "完成状态"]
    assert '<html lang="zh-Hans">' in body


def test_english_is_available(client, plan) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get(reverse("disclosure:plan", args=[plan.id])).content.decode()
    assert "Completion for the year" in body and '<html lang="en">' in body


def test_filter_by_category(client, plan) -> None:
    category = plan.categories.get(name="政府自身建设")
    response = client.get(reverse("disclosure:plan", args=[plan.id]), {"category": category.id})
    assert _rows(response) == [str(n) for n in range(129, 137)]


def test_filter_by_unit(client, plan) -> None:
    response = client.get(reverse("disclosure:plan", args=[plan.id]), {"unit": "区体育局"})
    assert _rows(response) == ["113", "114", "115", "116"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("加装电梯", ["110"]),  # trigram index
        ("电梯", ["84", "109", "110"]),  # two characters: the fallback
        ("梯", ["84", "109", "110"]),  # one character
        ("区财政局 资产", ["55"]),  # every term must match; unit names are searchable
        ("no-such-thing", []),
    ],
)
def test_search(client, plan, query, expected) -> None:
    response = client.get(reverse("disclosure:plan", args=[plan.id]), {"q": query})
    assert _rows(response) == expected


def test_search_and_filters_combine(client, plan) -> None:
    unit = Unit.objects.get(name="区城市管理委")
    response = client.get(
        reverse("disclosure:plan", args=[plan.id]), {"q": "垃圾", "unit": unit.name}
    )
    expected = [
        str(t.number)
        for t in plan.tasks.filter(assignments__unit=unit).order_by("number")
        if "垃圾" in t.content + t.completion
    ]
    assert _rows(response) == expected and len(expected) >= 5


def test_bad_filter_values_are_ignored_not_errors(client, plan) -> None:
    response = client.get(reverse("disclosure:plan", args=[plan.id]), {"unit": "abc"})
    assert response.status_code == 200


def test_htmx_request_gets_only_the_table(client, plan) -> None:
    response = client.get(
        reverse("disclosure:plan", args=[plan.id]), {"q": "电梯"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body and len(_rows(response)) == 3


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_plan_page_query_count_does_not_grow_with_tasks(client, plan) -> None:
    """136 tasks with units, figures and summaries cost what 3 tasks cost."""
    from duban.plans.importing import import_bytes
    from tests.plans.test_import import SMALL

    small = import_bytes(SMALL.encode(), "small.txt", public=True).plan
    big = _queries(client, reverse("disclosure:plan", args=[plan.id]))
    assert big == _queries(client, reverse("disclosure:plan", args=[small.id]))
    assert big <= 10


def test_task_page(client, plan) -> None:
    response = client.get(reverse("disclosure:task", args=[plan.id, 110]))
    body = response.content.decode()
    assert "老楼加装电梯15部。" in body and "已完成22部电梯加装的审批工作,建成19部。" in body
    assert "区住房城市建设委(区重大办)" in body
    assert 'rel="prev"' in body and 'rel="next"' in body


def test_unknown_task_is_404(client, plan) -> None:
    assert client.get(reverse("disclosure:task", args=[plan.id, 999])).status_code == 404


# --- who sees what -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["client", "reporter_client", "outsider_client", "leader_client"]
)
def test_unpublished_plan_is_404_for_everyone_but_the_office(request, hidden_plan, persona):
    c = request.getfixturevalue(persona)
    assert c.get(reverse("disclosure:plan", args=[hidden_plan.id])).status_code == 404
    assert c.get(reverse("disclosure:task", args=[hidden_plan.id, 1])).status_code == 404
    assert hidden_plan.title not in c.get("/").content.decode()


def test_office_sees_unpublished_plan(office_client, hidden_plan) -> None:
    assert office_client.get(reverse("disclosure:plan", args=[hidden_plan.id])).status_code == 200
    assert "未公开" in office_client.get("/").content.decode()


def _report(plan: Plan, state: str, period: str = "2020-03") -> ProgressReport:
    return ProgressReport.objects.create(
        task=plan.tasks.get(number=1),
        unit=Unit.objects.get(name="区发展改革委"),
        period=period,
        text=f"报告内容-{state}",
        state=state,
    )


def _publish(plan: Plan) -> None:
    from duban.disclosure.services import publish

    publish(plan, None, "mid_year")


def test_public_sees_accepted_reports_once_published(client, plan) -> None:
    _report(plan, ProgressReport.State.ACCEPTED)
    _report(plan, ProgressReport.State.DRAFT, period="2020-04")
    url = reverse("disclosure:task", args=[plan.id, 1])
    assert "报告内容-accepted" not in client.get(url).content.decode()  # not yet published
    _publish(plan)
    body = client.get(url).content.decode()
    assert "报告内容-accepted" in body and "报告内容-draft" not in body


def test_unit_sees_its_own_drafts_in_the_workspace(reporter_client, outsider_client, plan):
    _report(plan, ProgressReport.State.DRAFT)
    url = reverse("reporting:task", args=[plan.id, 1])
    assert "报告内容-draft" in reporter_client.get(url).content.decode()
    assert outsider_client.get(url).status_code == 404  # not their unit's task


def test_later_edits_stay_invisible_until_the_next_publication(client, plan) -> None:
    task = plan.tasks.get(number=2)
    task.completion = "更正后的完成情况"
    task.save()
    url = reverse("disclosure:task", args=[plan.id, 2])
    assert "更正后的完成情况" not in client.get(url).content.decode()
    _publish(plan)
    assert "更正后的完成情况" in client.get(url).content.decode()


def test_typed_text_is_escaped(client, plan) -> None:
    task = plan.tasks.get(number=2)
    task.completion = '<script>alert("x")</script>'
    task.save()
    _publish(plan)
    body = client.get(reverse("disclosure:task", args=[plan.id, 2])).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;" in body


def test_login_page_renders(client) -> None:
    assert client.get("/login/").status_code == 200


def test_stylesheet_and_htmx_are_served(client) -> None:
    assert client.get("/static/duban/site.css").status_code == 200
    assert client.get("/static/django_htmx/htmx-2.min.js").status_code == 200
