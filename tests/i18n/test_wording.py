"""Our words, not Django's defaults: a form whose browser checks were bypassed, a NUL
character, full-width punctuation in Chinese text, the admin for staff only and the API's
introduction in Chinese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duban.plans.models import Indicator
from duban.reporting import services


@pytest.fixture
def task(plan):  # type: ignore[no-untyped-def]
    return plan.tasks.get(number=1)


def _errors(response, form: str, field: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(e) for e in response.context[form].errors[field]]


def test_a_nul_character_reads_in_our_chinese(reporter_client, task) -> None:
    response = reporter_client.post(
        reverse("reporting:request-new", args=[task.plan_id, task.number]),
        {"kind": "extension", "reason": "因疫情\x00延误", "new_deadline": "2021-01-31"},
    )
    (said,) = _errors(response, "request_form", "reason")
    assert "空字符" in said and "不允许是用空字符串" not in said


def test_too_many_digits_reads_in_our_chinese(reporter_client, task) -> None:
    indicator = Indicator.objects.create(task=task, metric="投资", target_value=150, unit="亿元")
    response = reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-Y", "text": "进展", f"ind_{indicator.id}": "1" * 21, "revision": 0},
    )
    (said,) = _errors(response, "report_form", f"ind_{indicator.id}")
    # The figure is read as typed (quantities.typed): too large for the field, said so.
    assert said == f"投资：“{'1' * 21}”数值过大，请核对。"


def test_djangos_own_length_message_is_ours_too(office_client, plan) -> None:
    # A single-line field has no maxlength either (a paste was cut at it without a word):
    # refused, it says so in our words, not "确保该变量包含不超过 200 字符 (目前字符数 201)。"
    task = plan.tasks.get(number=1)
    response = office_client.post(
        reverse("reporting:adjustment-new", args=[plan.id, task.number]),
        {"from_text": "6%左右", "to_text": "增" * 201},
    )
    (said,) = _errors(response, "adjustment_form", "to_text")
    assert (
        said
        == "最多 200 字，已输入 201 字：请删减 1 字后再提交（已输入的内容都还在，没有被截断）。"
    )


def test_figures_answers_and_counts_use_full_width_punctuation(
    task, people, reporter_client, leader_client
) -> None:
    indicator = Indicator.objects.create(
        task=task, metric="固定资产投资", target_value=150, unit="亿元"
    )
    services.save_draft(task, people.reporter, "2020-Y", "进展", {indicator.id: 150})
    instruction = services.write_instruction(task, people.leader, "请加快进度。")
    services.write_instruction(task, people.leader, "请按月报送。")
    services.answer_instruction(instruction, people.reporter, "已落实。")
    page = reporter_client.get(reverse("reporting:task", args=[task.plan_id, 1])).content.decode()
    assert "固定资产投资：150亿元" in page and "固定资产投资: " not in page
    assert "答复（" in page and "答复 (" not in page
    home = leader_client.get(reverse("reporting:home")).content.decode()
    assert "我的批示（2，1条尚未答复）" in home


def test_the_public_plan_page_brackets_its_publication_in_full_width(client, plan) -> None:
    page = client.get(reverse("disclosure:plan", args=[plan.id])).content.decode()
    assert "</time>（" in page and "</time> (" not in page


def test_the_admin_turns_away_who_is_not_staff_with_our_403(reporter_client) -> None:
    response = reporter_client.get("/admin/", follow=True)
    assert response.status_code == 403
    page = response.content.decode()
    assert "后台管理仅供系统管理员使用" in page and reverse("reporting:home") in page
    assert "Django" not in page


def test_staff_keep_the_admin(office_client, people) -> None:
    from duban.accounts.roles import grant_office_admin

    assert "/admin/" not in office_client.get(reverse("reporting:home")).content.decode()
    grant_office_admin(people.office)
    assert office_client.get("/admin/").status_code == 200
    assert "/admin/" in office_client.get(reverse("reporting:home")).content.decode()


def test_anonymous_visitors_still_get_the_admins_login(client) -> None:
    assert client.get("/admin/login/").status_code == 200


def test_the_api_schema_introduces_itself_in_chinese(client) -> None:
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "督办" in schema and "令牌" in schema
