"""The public plan page for a phone and a desktop (issue 18): compressed, a page at a time,
the filters folded, badges that follow the filters, units in pinyin order, search hits marked."""

from __future__ import annotations

import gzip
import json
import re

from django.urls import reverse
from pypinyin import lazy_pinyin

from duban.disclosure import summary
from duban.disclosure.models import PublishedTask


def _rows(body: str) -> list[str]:
    return re.findall(r'<tr id="task-(\d+)"', body)


def test_html_json_and_static_files_are_gzipped_for_a_client_that_asks(client, plan) -> None:
    for url in (
        reverse("disclosure:plan", args=[plan.id]),
        reverse("disclosure:dashboard-data", args=[plan.id]),
        "/static/duban/site.css",
    ):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")  # no brotli
        assert response["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in response["Vary"]
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert gzip.decompress(body)
    # The page cache's hit is compressed too, and the page is a fifth or less of its size.
    url = reverse("disclosure:plan", args=[plan.id])
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["X-Duban-Cache"] == "hit" and "Content-Encoding" not in plain
    assert len(packed.content) * 3 < len(plain.content)


def test_the_filters_are_folded_and_the_count_comes_before_the_cards(client, plan) -> None:
    body = client.get(reverse("disclosure:plan", args=[plan.id])).content.decode()
    folded = body[body.index('<details class="more-filters">') : body.index("</details>")]
    assert 'name="unit"' in folded and 'name="status"' in folded and 'name="q"' not in folded
    assert body.index('id="count"') < body.index('id="task-1"')
    assert "<summary>筛选与排序</summary>" in body


def test_a_set_filter_shows_on_the_folded_button(client, plan) -> None:
    body = client.get(
        reverse("disclosure:plan", args=[plan.id]), {"unit": "区体育局", "flagged": "on"}
    ).content.decode()
    assert "已选 2 项" in body


def test_cards_lead_with_number_task_units_and_status_and_fold_the_completion(client, plan) -> None:
    body = client.get(reverse("disclosure:plan", args=[plan.id])).content.decode()
    row = body[body.index('id="task-1"') : body.index('id="task-2"')]
    assert re.search(r'<details class="fold"><summary>全年完成情况</summary>', row)
    assert row.index("c-status") < row.index("</tr>")


def test_badges_follow_the_filters(client, plan) -> None:
    url = reverse("disclosure:plan", args=[plan.id])
    rows = [
        r
        for r in PublishedTask.objects.filter(publication__plan=plan)
        if "区体育局" in r.lead_units + r.co_units
    ]
    tally = summary.overall(rows)
    body = client.get(url, {"unit": "区体育局"}).content.decode()
    line = body[body.index('<p class="kept-line"') :]
    assert f"已兑现 {tally.kept}<" in line and f"持续推进 {tally.ongoing}<" in line
    assert tally.total == 4
    everything = client.get(url).content.decode()
    assert "已兑现 41<" in everything
    # The htmx answer to the filter carries the badges too.
    partial = client.get(url, {"unit": "区体育局"}, HTTP_HX_REQUEST="true").content.decode()
    assert f"已兑现 {tally.kept}<" in partial and "<html" not in partial


def test_units_are_in_pinyin_order(client, plan) -> None:
    body = client.get(reverse("disclosure:plan", args=[plan.id])).content.decode()
    select = body[body.index('name="unit"') :]
    select = select[: select.index("</select>")]
    units = re.findall(r'<option value="([^"]+)"', select)
    assert len(units) > 20
    assert units == sorted(units, key=lambda u: lazy_pinyin(u))
    assert units[0].startswith("北京") or lazy_pinyin(units[0])[0] <= lazy_pinyin(units[1])[0]


def test_search_hits_are_marked_and_the_rest_stays_escaped(client, plan) -> None:
    body = client.get(reverse("disclosure:plan", args=[plan.id]), {"q": "电梯"}).content.decode()
    assert _rows(body) == ["84", "109", "110"]
    assert "<mark>电梯</mark>" in body
    row = body[body.index('id="task-110"') :]
    assert '<details class="fold" open>' in row  # the hit in the completion is in view


def test_highlight_escapes_what_it_does_not_mark() -> None:
    from duban.disclosure.templatetags.duban_tags import highlight

    assert highlight("<b>电梯</b> & 电梯", ["电梯"]) == (
        "&lt;b&gt;<mark>电梯</mark>&lt;/b&gt; &amp; <mark>电梯</mark>"
    )
    assert highlight("<i>", []) == "&lt;i&gt;"


def test_the_next_page_keeps_the_filters_in_its_address(client, plan) -> None:
    url = reverse("disclosure:plan", args=[plan.id])
    body = client.get(url, {"status": "ongoing"}).content.decode()
    assert len(_rows(body)) == 30
    nav = body[body.index('<nav class="pager" id="more"') :]
    assert 'href="?status=ongoing&amp;page=2"' in nav and 'hx-push-url="true"' in nav
    ongoing = PublishedTask.objects.filter(publication__plan=plan, status="ongoing").count()
    assert ongoing > 60 and f"再显示 30 项（还有 {ongoing - 30} 项）" in nav
    page2 = client.get(url, {"status": "ongoing", "page": 2}).content.decode()
    assert set(_rows(page2)).isdisjoint(_rows(body)) and "上一页" in page2


def test_a_later_page_costs_the_queries_of_the_first(client, plan) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("disclosure:plan", args=[plan.id])
    counts = []
    for page in (1, 5):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"page": page}).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 10


def test_json_stays_json(client, plan) -> None:
    response = client.get(reverse("disclosure:dashboard-data", args=[plan.id]))
    assert json.loads(response.content)["by_category"]["categories"]
