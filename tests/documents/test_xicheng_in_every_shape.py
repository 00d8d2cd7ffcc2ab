"""The 136 Xicheng rows, written in each shape and read back, come out the same."""

from __future__ import annotations

import re

import pytest

from duban.documents import parse_bytes
from tests.shape_writers import WRITERS


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_shape_reads_the_136_rows_back(xicheng_doc, name: str) -> None:
    data = WRITERS[name](xicheng_doc)
    doc = parse_bytes(data, name)
    assert len(doc.tasks) == 136, doc.warnings[:3]
    for want, got in zip(xicheng_doc.tasks, doc.tasks, strict=True):
        assert (got.number, got.category, got.lead_units) == (
            want.number,
            want.category,
            want.lead_units,
        ), want.number
        assert got.content == want.content, want.number
        expected = want.completion.replace("\n", " ") if name == "rows.txt" else want.completion
        if name.endswith(".html"):  # a browser shows runs of spaces as one, and so do we
            expected = re.sub(r"[ \xa0]+", " ", expected)
        assert got.completion == expected.strip(), want.number
