"""Broken and hostile files: one clear error, never a traceback, never a partial read."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.documents import ParseError, parse_bytes
from tests.documents.conftest import make_docx_table, make_xlsx, zip_with


def test_zip_bomb_xlsx_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (210 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 1024 * 1024  # a small file …
    with pytest.raises(ParseError, match="zip bomb"):  # … that would inflate past 200 MB
        parse_bytes(data, "bomb.xlsx")


def _with_entities(original: bytes, part: str) -> bytes:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    src = zipfile.ZipFile(io.BytesIO(original))
    parts = {name: src.read(name) for name in src.namelist()}
    body = parts[part]
    if body.startswith(b"<?xml"):
        body = body.split(b"?>", 1)[1]
    parts[part] = laughs + body
    return zip_with(parts)


@pytest.mark.parametrize(
    ("make", "part", "name"),
    [(make_xlsx, "xl/workbook.xml", "a.xlsx"), (make_docx_table, "word/document.xml", "a.docx")],
)
def test_xml_entity_expansion_is_refused(make, part, name) -> None:
    with pytest.raises(ParseError, match="entities"):
        parse_bytes(_with_entities(make(), part), name)


def test_binary_named_xlsx_is_refused() -> None:
    with pytest.raises(ParseError, match="binary"):
        parse_bytes(bytes(range(256)) * 40, "report.xlsx")


def test_zip_that_is_not_office_is_refused() -> None:
    with pytest.raises(ParseError, match="neither XLSX nor DOCX"):
        parse_bytes(zip_with({"hello.txt": b"hi"}), "report.xlsx")


def test_truncated_xlsx_is_refused() -> None:
    data = make_xlsx()
    with pytest.raises(ParseError):
        parse_bytes(data[: len(data) // 2], "report.xlsx")


def test_old_office_and_pdf_get_advice() -> None:
    with pytest.raises(ParseError, match=r"\.xlsx or \.docx"):
        parse_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.xls")
    with pytest.raises(ParseError, match="PDF"):
        parse_bytes(b"%PDF-1.7\n" + b"x" * 100, "report.pdf")


def test_100_mb_text_is_refused(tmp_path) -> None:
    from duban.documents import parse_file

    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(100 * 1024 * 1024)
    with pytest.raises(ParseError, match="limit"):
        parse_file(big)


def test_gbk_page_labelled_utf8_is_read_by_its_bytes() -> None:
    html = (
        '<html><head><meta charset="utf-8"></head><body><table>'
        "<tr><td>序号</td><td>任务</td><td>牵头单位</td><td>完成情况</td></tr>"
        "<tr><td>1</td><td>新建公园3个</td><td>区园林局</td><td>已建成</td></tr>"
        "</table></body></html>"
    )
    doc = parse_bytes(html.encode("gbk"), "page.html")
    assert doc.encoding == "gb18030" and doc.tasks[0].content == "新建公园3个"


def test_script_in_html_is_not_read() -> None:
    html = (
        "<table><tr><th>序号</th><th>任务</th><th>牵头单位</th><th>完成情况</th></tr>"
        "<tr><td>1</td><td>任务<script>steal()</script>一</td><td>区某局</td>"
        "<td><img src=x onerror=alert(1)>完成</td></tr></table>"
    )
    doc = parse_bytes(html.encode(), "page.html")
    assert doc.tasks[0].content == "任务一" and doc.tasks[0].completion == "完成"


def test_hostile_spans_are_bounded() -> None:
    html = (
        "<table><tr><th>序号</th><th>任务</th><th>牵头单位</th><th>完成情况</th></tr>"
        '<tr><td rowspan="99999999">1</td><td colspan="99999999">x</td></tr></table>'
    )
    doc = parse_bytes(html.encode(), "page.html")  # read safely: spans capped at 200
    assert len(doc.tasks) == 1 and len(doc.tasks[0].extra) < 200


def test_deeply_nested_html_does_not_crash() -> None:
    html = "<div>" * 50_000 + "text" + "</div>" * 50_000
    with pytest.raises(ParseError):
        parse_bytes(html.encode(), "deep.html")


# Property: whatever the bytes, a reader raises ParseError or returns rows; nothing else.

HEADERS = [
    "类别序号重点督办内容牵头单位全年完成情况",
    "| 序号 | 任务 | 牵头单位 | 完成情况 |",
    "序号,任务,牵头单位,完成情况",
    "<table><tr><td>序号</td><td>任务</td>",
]
pieces = st.one_of(
    st.sampled_from(HEADERS),
    st.text(max_size=80),
    st.sampled_from(
        [
            "|",
            "||||",
            "\n",
            "1",
            "一、",
            "（区某局负责）",
            "<td>",
            "</tr>",
            "\xa0",
            "区发展改革委",
            "完成情况：",
            "---",
            "<br>",
            "rowspan=3",
        ]
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pieces, max_size=40), st.sampled_from(["a.txt", "a.csv", "a.html", "a.md"]))
def test_readers_raise_only_their_own_error_on_text(parts: list[str], name: str) -> None:
    data = "".join(parts).encode("utf-8")
    try:
        doc = parse_bytes(data, name)
    except ParseError as exc:
        assert "\n" not in str(exc)
        return
    for task in doc.tasks:
        assert isinstance(task.number, int) and isinstance(task.content, str)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_readers_raise_only_their_own_error_on_bytes(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        parse_bytes(data, "x.bin")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=4000), st.binary(min_size=1, max_size=64))
def test_corrupted_xlsx_raises_only_parse_error(position: int, junk: bytes) -> None:
    data = bytearray(make_xlsx())
    pos = position % len(data)
    data[pos : pos + len(junk)] = junk
    with contextlib.suppress(ParseError):
        parse_bytes(bytes(data), "x.xlsx")
