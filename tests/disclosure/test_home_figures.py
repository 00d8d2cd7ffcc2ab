"""The home page's headline figures per government and year (issue 18): kept, partly kept,
not kept, ongoing, not reported on, each a link to the plan page filtered by it."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duban.disclosure import summary
from duban.disclosure.services import latest


def _count(client, url: str) -> int:
    body = client.get(url).content.decode()
    return int(re.search(r'id="count">共 136 项任务，符合条件 (\d+) 项', body).group(1))


def test_home_shows_each_plans_figures_linking_to_the_filtered_plan(client, plan) -> None:
    body = client.get("/").content.decode()
    h = summary.headlines([latest(plan).id])[latest(plan).id]
    assert h.total == 136 and h.kept == 41
    government = reverse("disclosure:government", args=[plan.government])
    assert f'<h2 id="gov-1"><a href="{government}">' in body
    links = dict(
        re.findall(
            r'<a class="status s-[a-z_]+" href="(/plans/\d+/\?status=\w+)">'
            r"([^<]+)</a>",
            body,
        )
    )
    assert sorted(links.values()) == sorted(
        [
            f"已兑现 {h.kept}",
            f"部分兑现 {h.partly}",
            f"未兑现 {h.not_kept}",
            f"持续推进 {h.ongoing}",
        ]
    )
    for url, label in links.items():  # the plan page, so filtered, finds as many
        assert _count(client, url) == int(label.split()[-1]), url


def test_not_reported_counts_the_tasks_the_completion_report_left_out(plan, people) -> None:
    from duban.completions.models import Outcome, PublishedOutcome

    publication = latest(plan)
    PublishedOutcome.objects.create(publication=publication, number=1, state=Outcome.State.REPORTED)
    PublishedOutcome.objects.create(
        publication=publication, number=2, state=Outcome.State.NOT_REPORTED
    )
    h = summary.headlines([publication.id])[publication.id]
    assert h.not_reported == 1 and h.total == 136


def test_home_queries_do_not_grow_with_plans(client, plan) -> None:
    from duban.plans.importing import import_bytes
    from tests.plans.test_import import SMALL

    def queries() -> int:
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    one = queries()
    import_bytes(SMALL.encode(), "small.txt", public=True)
    assert queries() == one <= 10


def test_a_task_published_with_nothing_said_is_not_reported_mid_year_too(client, plan, people):
    # The home page said "政府未报告 9" of a plan published mid-year while its plan page said
    # "持续推进 9": both say 政府未报告 now (tests/disclosure/test_not_reported_tally.py), as
    # nothing the government published says the task is under way.
    from duban.disclosure.models import PublishedTask
    from duban.disclosure.services import publish

    for kind in ("mid_year", "year_end"):
        publication = publish(plan, people.office, kind)
        # Published before anything was reported: neither a completion text nor a status.
        PublishedTask.objects.filter(publication=publication).update(completion="", status="")
        h = summary.headlines([publication.id])[publication.id]
        assert (h.not_reported, h.ongoing, h.total) == (136, 0, 136), kind
