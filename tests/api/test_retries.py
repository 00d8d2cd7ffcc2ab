"""A client that retries a POST it got no answer to sends the same Idempotency-Key: the change
is made once, and the retry answers with what the first made."""

from __future__ import annotations

from duban.disclosure.models import Publication
from duban.reporting.models import Instruction, Request
from tests.api.test_cycle_api import _client


def test_an_instruction_posted_twice_with_one_key_is_written_once(people, plan) -> None:
    leader = _client(people.leader)
    task = plan.tasks.get(number=2)
    body = {"task": task.id, "text": "请加快进度"}
    first = leader.post("/api/instructions/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = leader.post("/api/instructions/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Instruction.objects.filter(task=task).count() == 1
    other = leader.post("/api/instructions/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert other.json()["id"] != first.json()["id"]
    plain = leader.post("/api/instructions/", body, format="json")  # no key: each is a change
    assert plain.status_code == 201 and Instruction.objects.filter(task=task).count() == 3


def test_a_request_and_a_publication_retried_are_made_once(people, plan) -> None:
    reporter, office = _client(people.reporter), _client(people.office)
    task = plan.tasks.get(number=1)
    body = {"task": task.id, "kind": "extension", "reason": "疫情", "new_deadline": "2020-12-31"}
    ids = {
        reporter.post("/api/requests/", body, format="json", HTTP_IDEMPOTENCY_KEY="r").json()["id"]
        for _ in range(2)
    }
    assert len(ids) == 1 and Request.objects.filter(task=task).count() == 1
    before = Publication.objects.filter(plan=plan).count()
    url = f"/api/plans/{plan.id}/publish/"
    made = {
        office.post(url, {"kind": "mid_year"}, format="json", HTTP_IDEMPOTENCY_KEY="p").json()["id"]
        for _ in range(2)
    }
    assert len(made) == 1 and Publication.objects.filter(plan=plan).count() == before + 1


def test_a_key_too_long_is_refused_with_a_message(people, plan) -> None:
    leader = _client(people.leader)
    task = plan.tasks.get(number=2)
    refused = leader.post(
        "/api/instructions/",
        {"task": task.id, "text": "请加快进度"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="x" * 101,
    )
    assert refused.status_code == 400 and "Idempotency-Key" in refused.json()
    assert not Instruction.objects.filter(task=task).exists()
