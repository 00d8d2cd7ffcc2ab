"""The 督办台账 (XLSX) and the monthly 督查通报 (DOCX) of the demo plans, read back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse

from duban.demo import progress
from duban.reporting import ledger

TODAY = dt.date(2020, 10, 12)


@pytest.fixture
def demo(people, monkeypatch):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: TODAY)
    return progress.make(people.office, people.leader, TODAY)


def test_the_ledger_has_a_row_per_task_with_light_and_progress(office_client, demo) -> None:
    import openpyxl

    response = office_client.get(reverse("reporting:ledger", args=[demo.id]))
    from urllib.parse import unquote

    assert response.status_code == 200
    assert "督办台账" in unquote(response["Content-Disposition"])
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == f"{demo.title}督办台账（截至2020-10-12）"
    assert list(rows[1]) == [
        "序号",
        "类别",
        "重点督办内容",
        "牵头单位",
        "配合单位",
        "分管领导",
        "完成时限",
        "节点",
        "最新进展",
        "预警",
        "原因",
        "完成状态",
    ]
    body = rows[2:]
    assert [r[0] for r in body] == list(range(1, 11))
    by_number = {r[0]: r for r in body}
    assert by_number[9][9] == "红灯" and by_number[9][10] == "未分配牵头单位"
    assert by_number[4][7] == "2020-06-30 完成招标\n2020-12-31 建成"
    assert by_number[1][8].startswith("2020年9月：") and by_number[7][9] == "已完成"
    assert sheet.freeze_panes == "A3" and sheet.print_title_rows == "$2:$2"
    assert sheet.page_setup.orientation == "landscape"


def test_the_bulletin_counts_lights_and_names_the_units(office_client, demo) -> None:
    from docx import Document

    response = office_client.get(
        reverse("reporting:bulletin", args=[demo.id]), {"month": "2020-09"}
    )
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = [p.text for p in doc.paragraphs]
    assert text[0] == "督查通报" and text[1] == f"2020年9月 · {demo.title}"
    assert text[2].startswith("截至2020年9月30日，10项任务中，红灯")
    for heading in (
        "一、预警情况",
        "二、各牵头单位情况",
        "三、逾期和进度滞后的任务（按单位）",
        "四、报告被退回或逾期报送的单位",
    ):
        assert heading in text
    lights, units, trouble = doc.tables
    counts = {row.cells[0].text: int(row.cells[1].text) for row in lights.rows[1:]}
    assert sum(counts.values()) == 10 and counts["红灯"] >= 2 and counts["已完成"] == 1
    assert len(units.rows) - 1 == len({n for n in progress.UNITS}) + 1  # and 未分配牵头单位
    assert "区卫生健康委" in [row.cells[0].text for row in trouble.rows[1:]]
    assert any(t.startswith("9. 开展垃圾分类示范片区创建") for t in text)
    from duban.audit.models import AuditEntry

    assert AuditEntry.objects.filter(
        action="duban.bulletin.generated", data__month="2020-09"
    ).exists()


def test_a_month_of_another_year_or_the_future_is_not_found(office_client, demo) -> None:
    url = reverse("reporting:bulletin", args=[demo.id])
    assert office_client.get(url, {"month": "2019-12"}).status_code == 404
    assert office_client.get(url, {"month": "2020-11"}).status_code == 404
    assert office_client.get(url, {"month": "x"}).status_code == 404


def test_only_the_office_downloads_them(reporter_client, leader_client, client, demo) -> None:
    for c in (reporter_client, leader_client):
        assert c.get(reverse("reporting:ledger", args=[demo.id])).status_code in (403, 404)
    assert client.get(reverse("reporting:ledger", args=[demo.id])).status_code == 302


def test_the_xicheng_ledger_reads_136_rows_done(plan) -> None:
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(ledger.ledger_xlsx(plan))).active
    body = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(body) == 136 and sum(r[9] == "已完成" for r in body) > 120
