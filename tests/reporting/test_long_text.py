"""Nothing typed is cut silently: a text over its limit is refused by the server, with the
count, the field named and every word still in its box; the browser has no maxlength to
cut a paste with, only a live count (static/duban/limits.js). And what was written on
several lines is shown on several lines."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from duban.reporting import services
from duban.reporting.models import Instruction, ProgressReport


@pytest.fixture
def task(plan):  # type: ignore[no-untyped-def]
    return plan.tasks.get(number=1)


def _url(task) -> str:  # type: ignore[no-untyped-def]
    return reverse("reporting:task", args=[task.plan_id, task.number])


def _textareas(page: str) -> list[str]:
    return re.findall(r"<textarea[^>]*>", page)


def _box(page: str, name: str, box_id: str = "") -> str:
    """The content of the (first) textarea called name (with that id)."""
    ident = f'id="{box_id}"[^>]*' if box_id else ""
    found = re.search(rf'<textarea {ident}[^>]*name="{name}"[^>]*>\n?(.*?)</textarea>', page, re.S)
    assert found, f"no textarea {name}"
    return found.group(1)


def test_no_textarea_has_a_maxlength_and_each_limited_one_counts(
    task, reporter_client, leader_client, office_client, people
) -> None:
    report = services.save_draft(task, people.reporter, "2020-Y", "初稿")
    services.submit(report, people.reporter)
    services.write_instruction(task, people.leader, "请加快进度。")
    pages = [c.get(_url(task)).content.decode() for c in (reporter_client, leader_client)]
    pages.append(office_client.get(_url(task)).content.decode())
    boxes = [box for page in pages for box in _textareas(page)]
    names = {re.search(r'name="(\w+)"', b).group(1) for b in boxes}  # type: ignore[union-attr]
    # The report, the answer, the instruction, the request's reason, the return, the note.
    assert {"text", "reason", "comment", "note"} <= names
    assert not [b for b in boxes if "maxlength" in b]
    limits = {re.search(r'data-limit="(\d+)"', b).group(1) for b in boxes if "data-limit" in b}  # type: ignore[union-attr]
    assert {"20000", "4000", "2000"} <= limits
    assert "字以内，已输入" in pages[0]  # the count's words, for the script
    assert "duban/limits.js" in pages[0]


def test_a_report_over_the_limit_is_refused_with_the_text_kept(task, reporter_client) -> None:
    text = "一、项目进展情况。\n" + "推" * 20_000
    response = reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-Y", "text": text, "revision": 0},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "最多 20,000 字，已输入 20,010 字" in page and "请删减 10 字" in page
    assert _box(page, "text") == text
    assert not ProgressReport.objects.filter(task=task).exists()


def test_a_line_break_counts_as_one_character_as_the_browser_counts_it(
    task, reporter_client
) -> None:
    lines = ["推进" * 9] * 1000  # 18 characters and a line break, a thousand times
    text = "\r\n".join(lines)  # what a browser sends: 19,998 characters as the box counts them
    response = reporter_client.post(
        reverse("reporting:report-save", args=[task.plan_id, task.number]),
        {"period": "2020-Y", "text": text, "revision": 0, "save": "1"},
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get(task=task).text == "\n".join(lines)


def test_an_instruction_of_5600_characters_is_refused_not_cut(task, leader_client) -> None:
    text = "请" * 5600
    response = leader_client.post(
        reverse("reporting:instruction-new", args=[task.plan_id, task.number]), {"text": text}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "最多 4,000 字，已输入 5,600 字" in page
    assert _box(page, "text") == text
    assert not Instruction.objects.filter(task=task).exists()


def test_an_answer_over_the_limit_comes_back_in_its_box(task, people, reporter_client) -> None:
    instruction = services.write_instruction(task, people.leader, "请加快进度。")
    text = "答" * 4001
    response = reporter_client.post(
        reverse("reporting:instruction-answer", args=[instruction.id]), {"text": text}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "最多 4,000 字，已输入 4,001 字" in page
    assert _box(page, "text", f"answer-{instruction.id}") == text
    instruction.refresh_from_db()
    assert instruction.answer == ""


@pytest.mark.parametrize("action", ["return", "send-back"])
def test_a_review_comment_over_the_limit_is_refused_and_kept(
    action, task, plan, people, office_client, head_client
) -> None:
    plan.requires_unit_approval = action == "send-back"
    plan.save()
    report = services.submit(
        services.save_draft(task, people.reporter, "2020-Y", "初稿"), people.reporter
    )
    client = head_client if action == "send-back" else office_client
    text = "改" * 2001
    response = client.post(
        reverse("reporting:report-action", args=[report.id, action]), {"comment": text}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "最多 2,000 字，已输入 2,001 字" in page
    assert _box(page, "comment") == text
    report.refresh_from_db()
    assert report.state in ("pending", "submitted") and report.review_comment == ""


def test_the_services_refuse_what_they_cut_before(task, people) -> None:
    plan = task.plan
    plan.requires_unit_approval = True
    plan.save()
    report = services.submit(
        services.save_draft(task, people.reporter, "2020-Y", "初稿"), people.reporter
    )
    with pytest.raises(ValidationError) as refused:
        services.send_back(report, people.head, "改" * 2001)  # was cut to 2,000, silently
    assert "comment" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.write_instruction(task, people.leader, "请" * 4001)


def test_instructions_and_answers_keep_their_lines(task, people, reporter_client) -> None:
    instruction = services.write_instruction(task, people.leader, "一、抓紧推进。\n二、按月报送。")
    services.answer_instruction(instruction, people.reporter, "答复：\n一、已部署。\n二、已报送。")
    page = reporter_client.get(_url(task)).content.decode()
    assert "<p>一、抓紧推进。<br>二、按月报送。</p>" in page
    assert "<p>答复：<br>一、已部署。<br>二、已报送。</p>" in page
    assert "答复（" in page and "答复 (" not in page


def test_the_leaders_workspace_shows_the_opening_of_a_long_instruction(
    task, people, leader_client
) -> None:
    long = "\n".join(f"{n}、" + "要" * 60 for n in "一二三四五六")
    instruction = services.write_instruction(task, people.leader, long)
    page = leader_client.get(reverse("reporting:home")).content.decode()
    assert "一、" in page and "四、" not in page  # its first lines only
    assert f"#instruction-{instruction.id}" in page and "阅读全文" in page
    assert f'id="instruction-{instruction.id}"' in leader_client.get(_url(task)).content.decode()


def test_empty_facts_are_not_labelled(task, reporter_client) -> None:
    from duban.plans.models import Assignment

    assert not task.assignments.filter(role=Assignment.Role.CO).exists()
    task.status = task.proposed_status = ""
    task.save()
    page = reporter_client.get(_url(task)).content.decode()
    facts = page[page.index('<dl class="facts">') : page.index("</dl>")]
    assert "牵头单位" in facts and "配合单位" not in facts and "完成状态" not in facts
    assert '<td class="word">' in page  # the periods table's report column reads from the left


def test_an_adjustment_reason_pasted_from_word_keeps_its_paragraphs(
    task, office_client, reporter_client
) -> None:
    # Pasted into a one-line input, a browser joins the lines: the reason must be a box.
    page = office_client.get(_url(task)).content.decode()
    box = re.search(r'<textarea name="reason"[^>]*id="id_reason"[^>]*>', page)
    assert box and 'data-limit="2000"' in box.group(0)
    reason = (
        "根据区人大常委会审议意见：\r\n一、受疫情影响，投资进度放缓；\r\n二、调整后目标为正增长。"
    )
    office_client.post(
        reverse("reporting:adjustment-new", args=[task.plan_id, task.number]),
        {"from_text": "6%左右", "to_text": "正增长", "reason": reason},
    )
    stored = task.adjustments.order_by("-id").first().reason
    assert stored == reason.replace("\r\n", "\n")
    shown = (
        "根据区人大常委会审议意见：<br>一、受疫情影响，投资进度放缓；<br>二、调整后目标为正增长。"
    )
    assert shown in office_client.get(_url(task)).content.decode()
    assert shown in reporter_client.get(_url(task)).content.decode()
