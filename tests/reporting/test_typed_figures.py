"""A reporter's figures as typed and pasted into the report form: read into the indicator's
unit, or refused with a message that names the field, the typed text kept."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from duban.plans.models import Indicator
from duban.reporting.models import IndicatorValue, ProgressReport


@pytest.fixture
def task(plan):  # type: ignore[no-untyped-def]
    return plan.tasks.get(number=1)  # 区发展改革委's, the reporter's unit


@pytest.fixture
def investment(task) -> Indicator:  # type: ignore[no-untyped-def]
    return task.indicators.create(
        metric="固定资产投资", comparator=">=", target_value=200, unit="亿元", order=5
    )


@pytest.fixture
def firms(task) -> Indicator:  # type: ignore[no-untyped-def]
    return task.indicators.create(
        metric="新增市场主体", comparator=">=", target_value=15000, unit="户", order=6
    )


def _save(client, task, figures: dict[Indicator, str]):  # type: ignore[no-untyped-def]
    data = {"period": "2020-03", "text": "一季度情况"}
    data |= {f"ind_{ind.id}": text for ind, text in figures.items()}
    return client.post(reverse("reporting:report-save", args=[task.plan_id, task.number]), data)


def _page(client, task) -> str:  # type: ignore[no-untyped-def]
    return client.get(reverse("reporting:task", args=[task.plan_id, task.number])).content.decode()


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, dict[str, str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and "name" in a:
            self.found[a["name"]] = a


def _field(page: str, ind: Indicator) -> dict[str, str]:
    """The attributes of the indicator's input."""
    parser = _Inputs()
    parser.feed(page)
    return parser.found[f"ind_{ind.id}"]


def _errors(page: str) -> list[str]:
    return [html.unescape(e) for e in re.findall(r'<p class="error" role="alert">(.*?)</p>', page)]


def _value(ind: Indicator) -> Decimal:
    return IndicatorValue.objects.get(indicator=ind).value


def test_the_field_is_a_text_input_with_the_unit_beside_it(reporter_client, task, investment):
    page = _page(reporter_client, task)
    field = _field(page, investment)
    assert field["type"] == "text" and field["inputmode"] == "decimal"
    unit = '<span class="figure-unit">亿元</span>'
    assert re.search(rf'name="ind_{investment.id}"[^>]*>{unit}', page)


def test_what_people_type_and_paste_is_read_into_the_unit(
    reporter_client, task, investment, firms
) -> None:
    response = _save(reporter_client, task, {investment: "约１５０亿元", firms: "1.5万"})
    assert response.status_code == 302
    assert (_value(investment), _value(firms)) == (Decimal(150), Decimal(15000))
    _save(reporter_client, task, {investment: "150", firms: "15,000"})
    assert (_value(investment), _value(firms)) == (Decimal(150), Decimal(15000))


def test_a_multiplier_that_does_not_fit_the_unit_is_refused_and_kept(
    reporter_client, task, investment
) -> None:
    response = _save(reporter_client, task, {investment: "1.5万"})
    assert response.status_code == 200
    assert not ProgressReport.objects.filter(task=task).exists()
    page = response.content.decode()
    assert _field(page, investment)["value"] == "1.5万"  # never emptied
    assert _errors(page) == ["固定资产投资以亿元填报：1.5万（元）即0.00015亿元，请核对。"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "固定资产投资：无法识别“abc”，请填写以亿元计的数字，如150。"),
        ("-5", "固定资产投资不能小于零：“-5”，请核对。"),
        ("150平方米", "固定资产投资以亿元填报：“150平方米”的单位不同，请换算为亿元后填写。"),
    ],
)
def test_what_cannot_be_read_is_refused_with_the_fields_name(
    reporter_client, task, investment, typed: str, message: str
) -> None:
    response = _save(reporter_client, task, {investment: typed})
    page = response.content.decode()
    assert _field(page, investment)["value"] == typed
    assert _errors(page) == [message]
    assert not ProgressReport.objects.filter(task=task).exists()


def test_a_growth_rate_may_fall_below_zero(reporter_client, task) -> None:
    growth = task.indicators.get(metric="地区生产总值增速")
    assert _save(reporter_client, task, {growth: "-1.1%"}).status_code == 302
    assert _value(growth) == Decimal("-1.1")


def test_the_service_refuses_a_negative_count_from_the_api_too(reporter_client, task, firms):
    report_url = reverse("api:report-list")
    body = {"task": task.id, "period": "2020-03", "text": "一季度", "values": {firms.id: "-5"}}
    response = reporter_client.post(report_url, body, content_type="application/json")
    assert response.status_code == 400
    assert not ProgressReport.objects.filter(task=task).exists()


def test_a_saved_figure_shows_as_typed(reporter_client, task, investment) -> None:
    _save(reporter_client, task, {investment: "150"})
    page = _page(reporter_client, task)
    assert _field(page, investment)["value"] == "150"
    assert '<p class="tva">固定资产投资：150亿元</p>' in page


def _summary(page: str) -> list[str]:
    """The lines of the refused form's summary at its top, as read."""
    block = re.search(r'<div class="error-summary".*?</ul>', page, re.S)
    assert block is not None
    items = re.findall(r"<li>(.*?)</li>", block.group(0), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", i)) for i in items]


def test_the_summary_names_a_refused_figure_once(reporter_client, task, investment) -> None:
    # The message already names the indicator; the summary's label prefix read
    # "固定资产投资（目标 ≥200亿元）：固定资产投资：无法识别…".
    page = _save(reporter_client, task, {investment: "abc"}).content.decode()
    assert _summary(page) == ["固定资产投资：无法识别“abc”，请填写以亿元计的数字，如150。"]
    page = _save(reporter_client, task, {investment: "1.5万"}).content.decode()
    assert _summary(page) == ["固定资产投资以亿元填报：1.5万（元）即0.00015亿元，请核对。"]
