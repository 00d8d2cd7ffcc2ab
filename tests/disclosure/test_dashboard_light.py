"""The dashboard for a phone and a hall display (issue 18): ECharts built from the modules it
uses, its data in the page, ?wall=1 one dark screen that reloads itself."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "duban" / "static" / "vendor" / "echarts" / "echarts.custom.min.js"


def test_the_dashboard_loads_the_custom_build_only(client, plan) -> None:
    page = client.get(reverse("disclosure:dashboard", args=[plan.id])).content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert "/static/vendor/echarts/echarts.custom.min.js" in scripts
    assert not any(s.endswith("echarts.min.js") for s in scripts)
    assert BUILD.stat().st_size < 600_000  # the full build was 1,034,102 bytes
    assert (ROOT / "tools" / "echarts" / "build.sh").exists()


def test_the_dashboard_shares_no_bandwidth_with_htmx_which_it_does_not_use(client, plan) -> None:
    page = client.get(reverse("disclosure:dashboard", args=[plan.id])).content.decode()
    assert "htmx" not in page and "hx-" not in page
    plan_page = client.get(reverse("disclosure:plan", args=[plan.id])).content.decode()
    assert re.search(r'<script src="[^"]*htmx[^"]*"', plan_page)  # the plan page's filters do


def test_chart_data_is_in_the_page_as_a_data_block(client, plan) -> None:
    page = client.get(reverse("disclosure:dashboard", args=[plan.id])).content.decode()
    block = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', page, re.S)
    assert block is not None
    inline = json.loads(block.group(1))
    assert inline == client.get(reverse("disclosure:dashboard-data", args=[plan.id])).json()


def test_wall_is_one_screen_that_reloads_itself(client, plan) -> None:
    url = reverse("disclosure:dashboard", args=[plan.id])
    wall = client.get(url, {"wall": "1"}).content.decode()
    assert '<body class="wall">' in wall and 'data-refresh="300"' in wall
    plain = client.get(url).content.decode()
    assert "<body>" in plain and "data-refresh" not in plain


def test_dashboard_queries_do_not_grow_with_tasks(client, plan) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("disclosure:dashboard", args=[plan.id])).status_code == 200
    assert len(ctx.captured_queries) <= 12


def test_the_chart_library_is_announced_before_the_page_is_read_on_a_cache_hit_too(
    client, plan
) -> None:
    from django.core.cache import cache

    cache.clear()
    url = reverse("disclosure:dashboard", args=[plan.id])
    link = "</static/vendor/echarts/echarts.custom.min.js>; rel=preload; as=script"
    first, hit = client.get(url), client.get(url)
    assert first["Link"] == link and "X-Duban-Cache" not in first
    assert hit["Link"] == link and hit["X-Duban-Cache"] == "hit"
