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


def test_an_actual_in_another_unit_of_the_measure_is_drawn_in_the_targets(plan, people) -> None:  # type: ignore[no-untyped-def]
    """ "新建绿地10万平方米" reported as "111876.67平方米" is 111.9 % of its target; a
    figure in a unit that does not compare (个 against 万平方米) is left out, not drawn."""
    from decimal import Decimal

    from django.test import Client

    from duban.disclosure.services import publish
    from duban.plans.models import Indicator

    task = plan.tasks.order_by("number").first()
    common = {"task": task, "comparator": ">=", "target_value": Decimal(10), "unit": "万平方米"}
    Indicator.objects.create(
        metric="新建绿地", actual_value=Decimal("111876.67"), actual_unit="平方米", **common
    )
    Indicator.objects.create(metric="绿地个数", actual_value=Decimal(3), actual_unit="个", **common)
    publish(plan, people.office, "year_end")
    bars = _bars(Client(), plan)
    assert bars[f"{task.number}. 新建绿地"]["ratio"] == 111.9
    assert f"{task.number}. 绿地个数" not in bars
