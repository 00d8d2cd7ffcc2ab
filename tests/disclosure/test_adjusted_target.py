"""A target the office adjusted (the People's Congress's approval recorded) is the one a
figure is held against: on the public page, in the open data, in the lights."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from django.urls import reverse

from duban.disclosure.services import publish
from duban.quantities.assessment import adjusted_target, met_adjusted
from duban.reporting.services.requests import record_adjustment
from duban.reporting.warnings import _as_adjusted


def test_an_adjusted_target_is_read_as_a_figure_in_the_targets_unit() -> None:
    assert adjusted_target("调整为300万元", "亿元") == ("=", Decimal("0.03"))
    assert adjusted_target("不少于20部", "部") == (">=", Decimal("20"))
    assert adjusted_target("正增长", "%") is None  # no figure: the lights keep the first
    assert met_adjusted("正增长", Decimal("-1.1"), "%") is False
    assert met_adjusted("20部", Decimal("19"), "部") is False
    assert met_adjusted("20部", Decimal("2"), "万元") is None  # not the same measure


def test_the_public_sees_the_adjusted_target_and_the_verdict_against_it(
    client, plan, people
) -> None:
    # 西城 2020 task 110: "15部" promised, "19部" done — met. Adjusted to 20部, it is not.
    task = plan.tasks.get(number=110)
    record_adjustment(task, people.office, "15部", "20部", "区人大常委会", dt.date(2020, 9, 1))
    (lift,) = task.indicators.all()
    assert (lift.adjusted_to, lift.met) == ("20部", False)
    # The status, judged again: 19 of 20 is not 超额完成 (it was, against 15).
    task.refresh_from_db()
    assert task.proposed_status == "not_met_after_adjustment"
    assert "target_missed_after_adjustment" in task.flags
    publish(plan, people.office, "final")
    page = client.get(reverse("disclosure:task", args=[plan.id, 110])).content.decode()
    assert "20部" in page and "已调整，原定 15部" in page
    text = client.get(reverse("disclosure:export", args=[plan.id, "csv"])).content
    row = next(
        r for r in csv.DictReader(io.StringIO(text.decode("utf-8-sig"))) if r["序号"] == "110"
    )
    assert (row["目标1"], row["调整后目标1"], row["实际值1"], row["是否达标1"]) == (
        "15部",
        "20部",
        "19",
        "否",
    )


def test_the_lights_hold_a_reported_figure_against_the_adjusted_target() -> None:
    ind = {
        "id": 1,
        "metric": "资金",
        "target_value": Decimal("1"),
        "comparator": ">=",
        "unit": "亿元",
    }
    assert _as_adjusted(ind, "调整为8000万元")["target_value"] == Decimal("0.8")
    assert _as_adjusted(ind, "正增长")["target_value"] == Decimal("1")
    assert ind["target_value"] == Decimal("1")  # the indicator itself is not changed


def test_a_reimport_keeps_judging_against_the_adjusted_target(plan, people) -> None:
    from duban.plans.importing import import_bytes
    from tests.conftest import XICHENG

    task = plan.tasks.get(number=110)
    assert task.proposed_status == "exceeded"  # 19部 done of 15部
    record_adjustment(task, people.office, "15部", "18部", "区人大常委会", dt.date(2020, 9, 1))
    task.refresh_from_db()
    assert task.proposed_status == "completed_after_adjustment"  # 19 of 18
    result = import_bytes(XICHENG.read_bytes(), XICHENG.name)
    assert not result.changed  # the same file: the status read again is the one stored
    task.refresh_from_db()
    assert task.proposed_status == "completed_after_adjustment"


def test_the_next_adjustment_starts_from_the_target_as_adjusted(
    office_client, plan, people
) -> None:
    task = plan.tasks.get(number=110)
    record_adjustment(task, people.office, "15部", "20部", "区人大常委会", dt.date(2020, 9, 1))
    page = office_client.get(reverse("reporting:task", args=[plan.id, 110])).content.decode()
    assert 'name="from_text" value="20部"' in page
