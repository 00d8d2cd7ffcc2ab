"""Writes in bulk (a queryset's update(), bulk_update(), bulk_create()) send no post_save,
yet retire a plan's cached public pages as save() does (plans.models.PlanRowsQuerySet):
for visitors (whole pages) and for signed-in readers (fragments under the plan's version)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _pages(client, reporter_client, plan) -> list[str]:  # type: ignore[no-untyped-def]
    url = reverse("disclosure:plan", args=[plan.id])
    return [c.get(url).content.decode() for c in (client, reporter_client)]


def _cached(client, reporter_client, plan) -> None:  # type: ignore[no-untyped-def]
    _pages(client, reporter_client, plan)
    url = reverse("disclosure:plan", args=[plan.id])
    assert client.get(url)["X-Duban-Cache"] == "hit"


def test_a_plan_updated_in_bulk_shows_at_once(client, reporter_client, plan) -> None:
    from duban.plans.models import Plan

    _cached(client, reporter_client, plan)
    Plan.objects.filter(pk=plan.pk).update(government="批量改名的区政府")
    assert all("批量改名的区政府" in page for page in _pages(client, reporter_client, plan))


def test_a_plan_withdrawn_in_bulk_is_gone_at_once(client, plan) -> None:
    from duban.plans.models import Plan

    url = reverse("disclosure:plan", args=[plan.id])
    client.get(url)
    Plan.objects.filter(pk=plan.pk).update(is_public=False)
    assert client.get(url).status_code == 404


def test_plans_bulk_updated_show_at_once(client, reporter_client, plan) -> None:
    from duban.plans.models import Plan

    _cached(client, reporter_client, plan)
    fresh = Plan.objects.get(pk=plan.pk)
    fresh.government = "逐个批量更新的区政府"
    Plan.objects.bulk_update([fresh], ["government"])
    assert all("逐个批量更新的区政府" in page for page in _pages(client, reporter_client, plan))


def test_a_publication_updated_in_bulk_shows_at_once(client, reporter_client, plan) -> None:
    from duban.disclosure.models import Publication

    _cached(client, reporter_client, plan)
    Publication.objects.filter(plan=plan).update(title="批量改过的公开标题")
    assert all("批量改过的公开标题" in page for page in _pages(client, reporter_client, plan))


def test_published_rows_updated_in_bulk_show_at_once(client, reporter_client, plan) -> None:
    from duban.disclosure.models import PublishedTask

    _cached(client, reporter_client, plan)
    rows = PublishedTask.objects.filter(publication__plan=plan, number=1)
    assert rows.update(content="批量改过的公开任务内容") >= 1
    assert all("批量改过的公开任务内容" in page for page in _pages(client, reporter_client, plan))


def test_a_publication_created_in_bulk_shows_at_once(client, reporter_client, plan) -> None:
    from duban.disclosure.models import Publication, PublishedTask

    _cached(client, reporter_client, plan)
    latest = plan.publications.order_by("-published_at", "-id").first()
    rows = list(PublishedTask.objects.filter(publication=latest))
    newer = Publication(
        plan=plan, kind=latest.kind, title="批量写入的新一次公开", task_count=len(rows)
    )
    (newer,) = Publication.objects.bulk_create([newer])
    for row in rows:
        row.pk, row.publication = None, newer
    PublishedTask.objects.bulk_create(rows)
    assert all("批量写入的新一次公开" in page for page in _pages(client, reporter_client, plan))
