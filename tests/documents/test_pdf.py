"""A report published as PDF: its text taken out by pypdf as laid out on the pages, then read
as any report. The PDFs are made here by WeasyPrint (Noto CJK) from the real reports' text,
set as governments set theirs: A4, paragraphs indented two characters, justified, the page
number at the foot."""

from __future__ import annotations

import html
import json
import zlib
from pathlib import Path

import pytest

from duban.documents import ParseError, parse_bytes, parse_tables_all
from duban.evaluate_lists import score

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"
PAGE = """<html><head><style>
@page { size: A4; margin: 2.5cm; @bottom-center { content: "— " counter(page) " —"; } }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC"; font-size: 16pt; }
p { text-indent: 2em; margin: 0; text-align: justify; }
</style></head><body>%s</body></html>"""


def as_pdf(text: str) -> bytes:
    from weasyprint import HTML

    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line.strip())
    return HTML(string=PAGE % paragraphs).write_pdf()  # type: ignore[no-any-return]


def _list_part(name: str) -> str:
    """The report's title lines and the list with what follows it: a short PDF to make."""
    lines = (REAL / f"{name}.txt").read_text("utf-8").split("\n")
    labels = json.loads((REAL / f"{name}.labels.json").read_text("utf-8"))
    start = (labels.get("title_line") or labels["tasks"][0]["source_line"]) - 6
    return "\n".join([*lines[:12], *lines[start : labels["tasks"][-1]["source_line"] + 6]])


def test_a_report_printed_to_pdf_reads_its_list_with_units() -> None:
    doc = parse_bytes(as_pdf(_list_part("kunming_2021_plan")), "昆明.pdf")
    assert doc.format == "pdf" and len(doc.tasks) == 10
    assert doc.tasks[6].content == (
        "开展公共法律服务工作，全市公共法律服务实体、网络、热线平台为人民群众提供法律服务事项"
        "20万件以上，“12348”法律服务咨询热线24小时在线提供服务，全市办理法律援助案件8000件以上。"
    )
    assert doc.tasks[6].lead_units == ["市司法局"]
    assert doc.tasks[6].co_units == ["各县（市）区人民政府", "开发（度假）区管委会"]
    assert doc.government == "昆明市人民政府" and doc.year == 2021


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", sorted(p.name.removesuffix(".labels.json") for p in REAL.glob("*.labels.json"))
)
def test_every_labelled_list_reads_exact_from_its_pdf(name: str) -> None:
    labels = json.loads((REAL / f"{name}.labels.json").read_text("utf-8"))
    docs = parse_tables_all(as_pdf((REAL / f"{name}.txt").read_text("utf-8")), f"{name}.pdf")
    result = score(name, labels, docs)
    assert result.misses == [] and result.exact == result.rows


def test_a_scan_without_text_is_refused_with_a_message() -> None:
    from weasyprint import HTML

    blank = HTML(string="<html><body><div style='height:20cm'></div></body></html>").write_pdf()
    with pytest.raises(ParseError) as exc:
        parse_bytes(blank, "扫描件.pdf")
    assert str(exc.value).startswith("a PDF without text (a scan?)")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n" + b"x" * 100, b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF"],
    ids=["garbage", "no pages"],
)
def test_a_damaged_pdf_is_a_one_line_error(data: bytes) -> None:
    with pytest.raises(ParseError) as exc:
        parse_bytes(data, "坏文件.pdf")
    assert "\n" not in str(exc.value) and "PDF" in str(exc.value)


def _pdf(stream: bytes, pages: int = 1) -> bytes:
    """A PDF of `pages` pages that all draw the one Flate stream given."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[%s]/Count %d>>"
        % (b" ".join(b"%d 0 R" % (3 + i) for i in range(pages)), pages),
        *[b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents %d 0 R>>" % (3 + pages)]
        * pages,
        b"<</Length %d/Filter/FlateDecode>>stream\n%s\nendstream" % (len(stream), stream),
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # 80 MB of zeros in 80 KB: past what pypdf lets a stream decompress to.
        (lambda: _pdf(zlib.compress(bytes(80 << 20), 9)), "a PDF that cannot be read"),
        (lambda: _pdf(zlib.compress(b"BT ET"), pages=501), "a PDF of 501 pages; the limit is 500"),
        # A text operator 200,000 times: seconds of extraction for 11 KB, refused unread.
        (
            lambda: _pdf(zlib.compress(b"BT /F1 12 Tf (a) Tj ET\n" * 200_000)),
            "a PDF with a page too heavy to read",
        ),
    ],
    ids=["flate bomb", "too many pages", "heavy page"],
)
def test_a_hostile_pdf_is_refused_with_a_message(data, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ParseError) as exc:
        parse_bytes(data(), "恶意.pdf")
    assert str(exc.value).startswith(message)
