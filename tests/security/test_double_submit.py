"""A form sent twice (a double click, a reload that posts again) makes one change: publish,
a request, an instruction. Each form carries a token new with each rendering."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from duban.disclosure.models import Publication
from duban.reporting.models import Instruction, Request
from tests.formdata import form_data


@pytest.fixture
def task(plan):  # type: ignore[no-untyped-def]
    return plan.tasks.get(number=1)  # led by 区发展改革委, the leader persona responsible


def _task_url(task) -> str:  # type: ignore[no-untyped-def]
    return reverse("reporting:task", args=[task.plan_id, task.number])


def test_a_double_clicked_publish_publishes_once(office_client, plan) -> None:
    token = [_publish_token(office_client, plan)]
    assert token[0]
    before = Publication.objects.filter(plan=plan).count()
    form = {"kind": "mid_year", "note": "", "once": token[0]}
    url = reverse("disclosure:publish", args=[plan.id])
    first, second = office_client.post(url, form), office_client.post(url, form)
    assert first.status_code == second.status_code == 302
    assert Publication.objects.filter(plan=plan).count() == before + 1
    # A page shown again carries a new token: publishing again on purpose still works.
    again = _publish_token(office_client, plan)
    assert again != token[0]
    office_client.post(url, {**form, "once": again})
    assert Publication.objects.filter(plan=plan).count() == before + 2


def test_a_double_clicked_request_makes_one_request(reporter_client, task) -> None:
    page = reporter_client.get(_task_url(task)).content.decode()
    form = form_data(page, "request-form")
    form |= {"kind": "extension", "reason": "疫情影响", "new_deadline": "2021-03-31"}
    url = reverse("reporting:request-new", args=[task.plan_id, task.number])
    assert reporter_client.post(url, form).status_code == 302
    assert reporter_client.post(url, form).status_code == 302
    assert Request.objects.filter(task=task).count() == 1


def test_a_double_clicked_instruction_is_written_once(leader_client, task) -> None:
    page = leader_client.get(_task_url(task)).content.decode()
    token = [v for k, v in _inputs(page) if k == "once"]
    assert token
    url = reverse("reporting:instruction-new", args=[task.plan_id, task.number])
    form = {"text": "请加强经济运行监测。", "once": token[0]}
    leader_client.post(url, form)
    leader_client.post(url, form)
    assert Instruction.objects.filter(task=task).count() == 1


def test_two_posts_racing_past_the_check_still_make_one_request(task, people, monkeypatch) -> None:
    """Both posts look before either has committed: the unique token lets one commit, and
    the other answers with its result."""
    from duban.audit import log
    from duban.reporting import services

    first = services.request_change(
        task,
        people.reporter,
        "extension",
        "疫情影响",
        new_deadline=dt.date(2021, 3, 31),
        once_token="tok-1",
    )
    looked = []
    real = log.earlier

    def blind_first_look(actor, key):  # type: ignore[no-untyped-def]
        looked.append(key)
        return None if len(looked) == 1 else real(actor, key)

    monkeypatch.setattr(log, "earlier", blind_first_look)
    second = services.request_change(
        task,
        people.reporter,
        "extension",
        "疫情影响",
        new_deadline=first.new_deadline,
        once_token="tok-1",
    )
    assert second.pk == first.pk and len(looked) == 2
    assert Request.objects.filter(task=task).count() == 1


def test_a_token_is_one_forms_not_anothers(task, people, plan) -> None:
    """The same token on two tasks' forms (or two plans' publish buttons) is two changes."""
    from duban.reporting import services

    other = plan.tasks.filter(assignments__unit=people.reporter.unit).exclude(pk=task.pk)[0]
    services.request_change(
        task, people.reporter, "extension", "一", dt.date(2021, 3, 31), once_token="same"
    )
    services.request_change(
        other, people.reporter, "extension", "二", dt.date(2021, 3, 31), once_token="same"
    )
    assert Request.objects.filter(task__in=[task, other]).count() == 2


def _publish_token(client, plan) -> str:  # type: ignore[no-untyped-def]
    # The form is on the preview the workspace leads to (publishing has a confirmation step).
    action = reverse("disclosure:publish", args=[plan.id])
    page = client.get(action).content.decode()
    form = page[page.index(f'action="{action}"') :]
    return dict(_inputs(form[: form.index("</form>")]))["once"]


def _inputs(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)
