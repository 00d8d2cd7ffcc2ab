"""Publishing in two steps: the preview shows what the public will see change since the last
publication; only the confirmation on it publishes."""

from __future__ import annotations

from django.urls import reverse

from duban.disclosure.models import Publication
from duban.disclosure.services import publish
from tests.formdata import form_data


def test_the_preview_shows_what_changed_and_publishes_nothing(office_client, plan, people) -> None:
    publish(plan, people.office, "mid_year")
    task = plan.tasks.get(number=22)
    task.completion = "全部13个片区已完工。"
    task.save()
    before = Publication.objects.filter(plan=plan).count()
    response = office_client.get(
        reverse("disclosure:publish", args=[plan.id]), {"kind": "year_end"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert Publication.objects.filter(plan=plan).count() == before
    assert "上次公开于" in page and "新增 0 项" in page and "修改 1 项" in page
    assert page.count('class="report"') == 1
    assert "22. " in page and "<ins>全部13个片区已完工。</ins>" in page
    assert '<option value="year_end" selected>' in page  # the kind chosen in the workspace


def test_confirming_on_the_preview_publishes_once(office_client, plan) -> None:
    url = reverse("disclosure:publish", args=[plan.id])
    data = form_data(office_client.get(url).content.decode(), "publish-form")
    data |= {"note": ["年中公开"], "kind": ["mid_year"]}
    before = Publication.objects.filter(plan=plan).count()
    assert office_client.post(url, data).status_code == 302
    assert office_client.post(url, data).status_code == 302  # a double click
    assert Publication.objects.filter(plan=plan).count() == before + 1
    assert Publication.objects.filter(plan=plan).latest("id").note == "年中公开"


def test_a_plan_never_published_lists_every_task_as_new(office_client, hidden_plan) -> None:
    page = office_client.get(reverse("disclosure:publish", args=[hidden_plan.id])).content
    page = page.decode()
    assert "本计划尚未公开过" in page and "新增 1 项" in page and "尚未公开的任务内容" in page


def test_nothing_to_publish_says_so(office_client, plan, people) -> None:
    publish(plan, people.office, "mid_year")
    page = office_client.get(reverse("disclosure:publish", args=[plan.id])).content.decode()
    assert "自上次公开以来没有变化" in page


def test_the_workspace_leads_to_the_preview(office_client, plan) -> None:
    page = office_client.get(reverse("reporting:home"), {"plan": plan.id}).content.decode()
    action = reverse("disclosure:publish", args=[plan.id])
    form = page[page.index(f'<form method="get" action="{action}"') :]
    assert "预览变化并公开" in form[: form.index("</form>")]


def test_only_the_office_previews(reporter_client, leader_client, client, plan) -> None:
    url = reverse("disclosure:publish", args=[plan.id])
    assert reporter_client.get(url).status_code == 403
    assert leader_client.get(url).status_code == 403
    assert client.get(url).status_code == 302  # to the login page


def test_an_odd_kind_in_the_query_is_ignored(office_client, plan) -> None:
    response = office_client.get(
        reverse("disclosure:publish", args=[plan.id]), {"kind": ["x", "<b>"]}
    )
    assert response.status_code == 200


def test_a_publication_note_of_several_lines_keeps_them(office_client, client, plan) -> None:
    url = reverse("disclosure:publish", args=[plan.id])
    page = office_client.get(url).content.decode()
    assert '<textarea name="note"' in page  # a one-line input joined a pasted note's lines
    data = form_data(page, "publish-form")
    data |= {"note": ["年中进展公开。\r\n已采纳的进展均已公开。"], "kind": ["mid_year"]}
    assert office_client.post(url, data).status_code == 302
    assert Publication.objects.filter(plan=plan).latest("id").note == (
        "年中进展公开。\n已采纳的进展均已公开。"
    )
    shown = client.get(reverse("disclosure:publications", args=[plan.id])).content.decode()
    assert "年中进展公开。<br>已采纳的进展均已公开。" in shown


def test_the_workspace_publish_line_keeps_its_colon_by_the_title(office_client, plan) -> None:
    # The form is a flex row: a colon of its own stood apart between two gaps ("公开 计划 ：").
    page = office_client.get(reverse("reporting:home"), {"plan": plan.id}).content.decode()
    assert f"<span>公开 <strong>{plan.title}</strong>：</span>" in page
