"""Fuzzing the readers and the quantity parser with generated inputs. `make test` runs a few
hundred; `make fuzz` (and CI) runs DUBAN_FUZZ_EXAMPLES of each of the three tests (35,000:
over 100,000 inputs in all)."""

from __future__ import annotations

import contextlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.documents import ParseError, parse_bytes
from duban.quantities import assess, quantities

EXAMPLES = int(os.environ.get("DUBAN_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)

WORDS = st.sampled_from(
    [
        "类别序号重点督办内容牵头单位全年完成情况\n",
        "| 序号 | 任务 | 牵头单位 | 完成情况 |\n",
        "|---|---|\n",
        "序号,任务,牵头单位,完成情况\n",
        "<table><tr><td>",
        "</td><td>",
        "</tr>",
        "<br>",
        'rowspan="3"',
        "一、",
        "（市某局负责）",
        "区发展改革委",
        "完成情况：",
        "1",
        "12",
        "。",
        "，",
        "\n",
        "\xa0",
        "|",
        "万平方米",
        "%左右",
        "以上",
        "由6%调整为正增长",
        "超额完成",
        "无法完成",
        "第七次",
        "12号线",
    ]
)
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=30).map("".join)
NAMES = st.sampled_from(["a.txt", "a.csv", "a.html", "a.md", "a.xlsx", "a.docx", "a"])


@FUZZ
@given(TEXT, NAMES)
def test_readers_raise_only_parse_error(text: str, name: str) -> None:
    try:
        doc = parse_bytes(text.encode("utf-8"), name)
    except ParseError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for task in doc.tasks:
        assert isinstance(task.number, int)


@FUZZ
@given(st.binary(max_size=600), NAMES)
def test_readers_on_bytes(data: bytes, name: str) -> None:
    with contextlib.suppress(ParseError):
        parse_bytes(data, name)


@FUZZ
@given(TEXT, TEXT)
def test_quantity_parser_and_assessment_never_fail(content: str, completion: str) -> None:
    for q in quantities(content + completion):
        assert q.span in content + completion
    result = assess(content, completion)
    assert result.status in {
        "exceeded",
        "completed",
        "completed_after_adjustment",
        "not_met_after_adjustment",
        "partial",
        "not_completed",
        "delayed",
        "ongoing",
    }
    for target in result.targets:
        assert target.span in content
