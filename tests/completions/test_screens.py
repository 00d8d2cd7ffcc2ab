"""The office's screens: the preview offers the plan a completion list reports on, the review
shows every pair with its score and reason, the import takes the office's pairing; the public
pages show promise beside result."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban.completions.models import Outcome
from duban.disclosure.services import publish
from duban.plans.models import PendingUpload, Plan, Task

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PLAN = FIXTURES / "reports" / "hubei_2004.md"
DONE = FIXTURES / "real" / "hubei_2005_done.txt"


def _upload(client, path: Path, **extra) -> PendingUpload:  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("plans:upload"), {"file": SimpleUploadedFile(path.name, path.read_bytes()), **extra}
    )
    assert response.status_code == 302
    return PendingUpload.objects.filter(name=path.name).latest("created_at")


@pytest.fixture
def hubei(office_client) -> Plan:  # type: ignore[no-untyped-def]
    pending = _upload(office_client, PLAN)
    office_client.post(reverse("plans:confirm", args=[pending.id]), {"list": "1"})
    return Plan.objects.get(government="湖北省人民政府", year=2004)


def test_the_preview_of_a_completion_list_preselects_the_plan_it_reports_on(office_client, hubei):
    pending = _upload(office_client, DONE)
    page = office_client.get(reverse("plans:preview", args=[pending.id])).content.decode()
    assert "本文件报告的是计划" in page
    assert f'<option value="{hubei.pk}" selected>' in page


def test_the_review_shows_every_pair_with_score_and_reason(office_client, hubei):
    pending = _upload(office_client, DONE)
    url = reverse("completions:review", args=[pending.id])
    page = office_client.get(url, {"plan": hubei.pk, "list": "1"}).content.decode()
    for seq in range(1, 9):
        assert f'name="item-{seq}"' in page
        assert f'<option value="{seq}" selected>' in page  # item n on task n
    assert "相同的序号" in page and "共同的词语" in page
    assert "0.46" in page
    assert not Outcome.objects.exists()  # nothing written before the office confirms


def test_the_office_repairs_leaves_unreported_and_adds_a_task_then_imports(office_client, hubei):
    pending = _upload(office_client, DONE)
    form = {"plan": hubei.pk, "list": "1", **{f"item-{i}": str(i) for i in range(1, 9)}}
    form |= {"item-6": "", "item-7": "8", "item-8": "new"}
    response = office_client.post(reverse("completions:confirm", args=[pending.id]), form)
    assert response.status_code == 302
    assert response["Location"] == reverse("completions:plan", args=[hubei.pk])
    states = dict(Outcome.objects.filter(task__plan=hubei).values_list("task__number", "state"))
    assert states[6] == states[7] == "not_reported" and states[8] == "reported"
    assert Task.objects.get(plan=hubei, number=9).outcome.text.startswith("筹措资金2.18亿元")
    assert not PendingUpload.objects.filter(pk=pending.pk).exists()
    page = office_client.get(response["Location"]).content.decode()
    assert "政府完成情况报告未提及" in page and "由督查室配对" in page


def test_promise_beside_result_on_the_public_pages(office_client, client, people, hubei):
    pending = _upload(office_client, DONE)
    office_client.post(
        reverse("completions:confirm", args=[pending.id]),
        {"plan": hubei.pk, "list": "1", **{f"item-{i}": str(i) for i in range(1, 8)}, "item-8": ""},
    )
    publish(hubei, people.office, "year_end")
    task = client.get(reverse("disclosure:task", args=[hubei.pk, 8])).content.decode()
    assert "承诺（计划事项）" in task and "政府完成情况报告未提及" in task and "未提及此项" in task
    task1 = client.get(reverse("disclosure:task", args=[hubei.pk, 1])).content.decode()
    assert "确保城镇新增就业45万人" in task1 and "城镇新增就业人数超过年初目标15万人" in task1
    plan = client.get(reverse("disclosure:plan", args=[hubei.pk])).content.decode()
    assert "承诺与结果" in plan and "政府未报告" in plan
    gov = client.get(reverse("disclosure:government", args=["湖北省人民政府"])).content.decode()
    assert "历年承诺与结果" in gov


@pytest.mark.parametrize("persona", ["reporter_client", "leader_client"])
def test_only_the_office_reviews_imports_and_chooses(request, office_client, hubei, persona):
    pending = _upload(office_client, DONE)
    other = request.getfixturevalue(persona)
    review = reverse("completions:review", args=[pending.id])
    assert other.get(review, {"plan": hubei.pk}).status_code == 403
    confirm = reverse("completions:confirm", args=[pending.id])
    assert other.post(confirm, {"plan": hubei.pk, "item-1": "1"}).status_code == 403
    assert other.get(reverse("completions:plan", args=[hubei.pk])).status_code == 403
    assert not Outcome.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, hubei):
    response = client.get(reverse("completions:plan", args=[hubei.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_pairing_naming_a_task_the_plan_lacks_writes_nothing(office_client, hubei):
    pending = _upload(office_client, DONE)
    response = office_client.post(
        reverse("completions:confirm", args=[pending.id]),
        {"plan": hubei.pk, "list": "1", "item-1": "99"},
        follow=True,
    )
    assert "未导入任何内容：计划中没有第 99 项任务" in response.content.decode()
    assert not Outcome.objects.exists()


def test_a_completion_list_paired_with_another_years_plan_is_said_first(office_client, hubei):
    # 湖北 2005's report of the 2004 list, paired with the plan of 2003 (walk: 景德镇 2016's
    # 2015 list against the 2016 plan proposed pairs, and nothing said the years differed).
    other = Plan.objects.create(government="湖北省人民政府", year=2003, title="2003年计划")
    Task.objects.create(plan=other, number=1, content="新增就业岗位5万个")
    pending = _upload(office_client, DONE)
    url = reverse("completions:review", args=[pending.id])
    page = office_client.get(url, {"plan": other.pk, "list": "1"}).content.decode()
    assert "本清单报告的是 2004 年的完成情况，所选计划为 2003 年" in page
    page = office_client.get(url, {"plan": hubei.pk, "list": "1"}).content.decode()
    assert "所选计划为" not in page
