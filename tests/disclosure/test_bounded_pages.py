"""Every anonymous page bounded and cached (issue 18): a unit's page a page at a time, the
home, government and unit pages served from the page cache until the next publication."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.disclosure.services import publish


def _queries(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response


def test_a_units_page_is_paged_and_its_tally_counts_every_task(client, plan, settings) -> None:
    settings.UNIT_PAGE_SIZE = 5
    url = f"/units/{quote('区发展改革委')}/"
    n, first = _queries(client, url)
    body = first.content.decode()
    rows = re.findall(r'<tr><td class="c-year" data-label="年度">2020</td>', body)
    assert len(rows) == 5 and "1 / " in body and "page=2" in body
    lead = [t for t in plan.tasks.all() if t.assignments.filter(unit__name="区发展改革委")]
    assert f"共 {len(lead)} 项任务" in body or f"{len(lead)} 项任务" in body
    m, _last = _queries(client, url + "?page=3")
    assert m == n <= 8  # a page costs the same wherever it is


@pytest.mark.parametrize("url", ["/", "/units/区体育局/", "/governments/北京市西城区人民政府/"])
def test_anonymous_site_pages_come_from_the_cache_until_the_next_publication(
    client, plan, people, url
) -> None:
    first = client.get(url)
    assert first.status_code == 200 and "X-Duban-Cache" not in first
    n, again = _queries(client, url)
    assert again["X-Duban-Cache"] == "hit" and n <= 1
    publish(plan, people.office, "year_end")
    assert "X-Duban-Cache" not in client.get(url)


def test_a_signed_in_person_gets_the_site_pages_rendered(office_client, plan) -> None:
    office_client.get("/")
    assert "X-Duban-Cache" not in office_client.get("/")
