"""The targets chart of the public dashboard: a bar's colour is whether its target was met,
read with the comparator (a ceiling is met below 100 %), and its label says what the actual
is held against. dashboard.js only maps `judged` to a colour (tests/browser/
test_dashboard_targets_browser.py draws it)."""

from __future__ import annotations

from django.urls import reverse


def _bars(client, plan) -> dict[str, dict]:  # type: ignore[no-untyped-def,type-arg]
    data = client.get(reverse("disclosure:dashboard-data", args=[plan.id])).json()
    return {i["name"]: i for i in data["indicators"]}


def test_a_met_ceiling_is_judged_met_below_100_percent(client, plan) -> None:
    bar = _bars(client, plan)["4. 城镇登记失业率"]
    assert bar["ratio"] == 62.7 and bar["comparator"] == "<="
    assert (bar["met"], bar["judged"]) == (True, "met")
    assert bar["label"] == "0.94%（上限1.5%）"


def test_an_about_target_missed_is_not_met(client, plan) -> None:
    bar = _bars(client, plan)["1. 地区生产总值增速"]
    assert (bar["met"], bar["judged"], bar["label"]) == (False, "not_met", "-1.1%（目标约6%）")


def test_every_bar_is_judged_as_its_target_says_not_by_its_ratio(client, plan) -> None:
    bars = list(_bars(client, plan).values())
    assert any(b["judged"] == "met" and b["ratio"] < 100 for b in bars)  # the ceiling above
    for b in bars:
        assert b["judged"] == {True: "met", False: "not_met", None: "unknown"}[b["met"]]


def test_the_legend_says_what_the_colours_mean(client, plan) -> None:
    page = client.get(reverse("disclosure:dashboard", args=[plan.id])).content.decode()
    assert "达到目标（上限类指标：未超过上限）" in page and "未达到" in page
