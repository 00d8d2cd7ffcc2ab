"""The targets chart as Chromium draws it: a met ceiling ("≤1.5%", actual 0.94%) is a green
bar labelled with its ceiling, a missed "约6%" a red one."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BARS = """() => {
  const c = echarts.getInstanceByDom(document.getElementById('chart-indicators'));
  const o = c.getOption();
  const out = {};
  o.yAxis[0].data.forEach((name, k) => { out[name] = o.series[0].data[k].itemStyle.color; });
  return out;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_a_met_ceiling_is_drawn_green_with_its_ceiling(live_server, browser, public_plan, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="zh-CN", bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/plans/{public_plan.id}/dashboard/")
    page.wait_for_selector("#charts[data-ready='1']")
    colours = page.evaluate(BARS)
    assert colours["4. 城镇登记失业率"] == "#1a7f37"
    assert colours["1. 地区生产总值增速"] == "#cf222e"
    labels = page.evaluate(
        "() => [...document.querySelectorAll('#chart-indicators svg text')].map(t => t.textContent)"
    )
    assert "0.94%（上限1.5%）" in labels
    SHOTS.mkdir(exist_ok=True)
    page.locator("#chart-indicators").screenshot(path=str(SHOTS / f"dashboard-targets-{width}.png"))
    context.close()
