"""A plan is public once it is published, and only then: its "public" box, the demo
command and a visitor's guess publish nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from duban.disclosure.services import publish

GOVERNMENT = "某某县人民政府"
CAPTION = "尚未公开的表格说明-9KX"


@pytest.fixture
def ticked(db):  # type: ignore[no-untyped-def]
    """A plan the office saved with the public box ticked, never published."""
    from duban.plans.models import Plan

    plan = Plan.objects.create(
        government=GOVERNMENT,
        year=2024,
        title="勾选公开但未发布的计划",
        caption=CAPTION,
        is_public=True,
    )
    plan.tasks.create(number=1, content="尚未公开的任务", completion="")
    return plan


def _public_urls(plan) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"/plans/{plan.id}/",
        f"/plans/{plan.id}/tasks/1/",
        f"/plans/{plan.id}/publications/",
        f"/plans/{plan.id}/dashboard/",
        f"/plans/{plan.id}/download.csv",
        f"/governments/{GOVERNMENT}/",
        f"/api/plans/{plan.id}/",
        f"/api/plans/{plan.id}/open-data/",
    ]


@pytest.mark.parametrize("who", [None, "outsider", "leader2"])
def test_a_ticked_but_unpublished_plan_is_not_public(ticked, people, who) -> None:
    client = Client()
    if who:
        client.force_login(getattr(people, who))
    for url in _public_urls(ticked):
        assert client.get(url).status_code == 404, url
    for url in ["/", "/api/plans/", "/api/publications/"]:
        body = client.get(url).content.decode()
        assert ticked.title not in body and CAPTION not in body, url


def test_the_demo_command_publishes_no_office_plan(ticked) -> None:
    from io import StringIO

    from django.core.management import call_command

    call_command("demo", stdout=StringIO())
    assert not ticked.publications.exists()
    assert Client().get(f"/plans/{ticked.id}/").status_code == 404


def test_publishing_makes_it_public(ticked, people) -> None:
    publish(ticked, people.office, "mid_year")
    client = Client()
    assert client.get(f"/plans/{ticked.id}/").status_code == 200
    assert ticked.title in client.get("/").content.decode()
    assert ticked.id in [p["id"] for p in client.get("/api/plans/").json()["results"]]


def test_the_home_page_counts_the_published_tasks_not_the_live_ones(client, plan) -> None:
    plan.tasks.create(number=999, content="发布之后新增的任务", completion="")
    page = client.get(reverse("disclosure:home")).content.decode()
    assert "136" in page and "137" not in page
