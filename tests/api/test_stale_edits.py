"""A task edited through the API by two clients: the one that read an older revision is
refused (If-Match: 412, the body's revision: 409), told the current one, and changes nothing."""

from __future__ import annotations

import pytest

from tests.api.test_cycle_api import _client


@pytest.fixture
def two(people):  # type: ignore[no-untyped-def]
    from duban.accounts.models import User

    return _client(people.office), _client(User.objects.create(username="o2", role="office"))


def test_the_etag_names_the_revision_and_moves_with_each_edit(two, plan) -> None:
    first, _ = two
    task = plan.tasks.get(number=3)
    read = first.get(f"/api/tasks/{task.id}/")
    assert read["ETag"] == f'"r{task.revision}"' and read.json()["revision"] == task.revision
    saved = first.patch(
        f"/api/tasks/{task.id}/", {"content": "甲"}, format="json", HTTP_IF_MATCH=read["ETag"]
    )
    assert saved.status_code == 200
    assert saved["ETag"] == f'"r{task.revision + 1}"' == f'"r{saved.json()["revision"]}"'


def test_a_stale_if_match_is_412_and_changes_nothing(two, plan) -> None:
    first, second = two
    task = plan.tasks.get(number=3)
    tag = first.get(f"/api/tasks/{task.id}/")["ETag"]
    assert (
        second.patch(f"/api/tasks/{task.id}/", {"content": "乙先存"}, format="json").status_code
        == 200
    )
    stale = first.patch(
        f"/api/tasks/{task.id}/", {"content": "甲"}, format="json", HTTP_IF_MATCH=tag
    )
    assert stale.status_code == 412
    body = stale.json()
    assert body["revision"] == task.revision + 1 and "其他人" in body["detail"]
    assert stale["ETag"] == f'"r{task.revision + 1}"'
    task.refresh_from_db()
    assert task.content == "乙先存"


def test_a_stale_revision_in_the_body_is_409(two, plan) -> None:
    first, second = two
    task = plan.tasks.get(number=4)
    seen = first.get(f"/api/tasks/{task.id}/").json()["revision"]
    assert (
        second.patch(
            f"/api/tasks/{task.id}/", {"deadline": "2020-09-30"}, format="json"
        ).status_code
        == 200
    )
    stale = first.patch(
        f"/api/tasks/{task.id}/", {"deadline": None, "revision": seen}, format="json"
    )
    assert stale.status_code == 409 and stale.json()["revision"] == seen + 1
    task.refresh_from_db()
    assert str(task.deadline) == "2020-09-30"
    # A current If-Match does not excuse a stale body, nor a current body a stale If-Match.
    current = f'"r{seen + 1}"'
    both = {"content": "x", "revision": seen}
    assert (
        first.patch(
            f"/api/tasks/{task.id}/", both, format="json", HTTP_IF_MATCH=current
        ).status_code
        == 409
    )
    both = {"content": "x", "revision": seen + 1}
    assert (
        first.patch(
            f"/api/tasks/{task.id}/", both, format="json", HTTP_IF_MATCH=f'"r{seen}"'
        ).status_code
        == 412
    )
    assert (
        first.patch(
            f"/api/tasks/{task.id}/", both, format="json", HTTP_IF_MATCH="garbage"
        ).status_code
        == 412
    )
    assert (
        first.patch(f"/api/tasks/{task.id}/", both, format="json", HTTP_IF_MATCH="*").status_code
        == 200
    )


def test_the_schema_documents_if_match_and_the_refusals(client, db) -> None:
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    patch = schema["paths"]["/api/tasks/{id}/"]["patch"]
    assert {"412", "409", "200"} <= set(patch["responses"])
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch["parameters"])
    assert "ETag" in patch["responses"]["200"].get("headers", {})
    assert "revision" in schema["components"]["schemas"]["PatchedTaskWriteRequest"]["properties"]
