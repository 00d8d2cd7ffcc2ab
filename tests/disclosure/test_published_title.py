"""Issue 21 finding 9: the public reads the plan's title and caption as published; an edit
shows only with the next publication."""

from __future__ import annotations

from duban.disclosure.services import publish


def test_a_title_edit_shows_the_public_only_when_published(client, plan, people) -> None:
    from django.core.cache import cache

    publish(plan, people.office, "mid_year")
    published_title = plan.title
    plan.title, plan.caption = "改过但未公开的标题", "改过但未公开的说明"
    plan.save()
    cache.clear()
    for url in (
        "/",
        f"/plans/{plan.id}/",
        f"/plans/{plan.id}/dashboard/",
        f"/plans/{plan.id}/tasks/1/",
    ):
        page = client.get(url).content.decode()
        assert "改过但未公开" not in page and published_title in page, url
    assert client.get(f"/api/plans/{plan.id}/open-data/").json()["plan"]["title"] == published_title
    publish(plan, people.office, "year_end")
    cache.clear()
    assert "改过但未公开的标题" in client.get(f"/plans/{plan.id}/").content.decode()
