"""The locator on single paragraphs of real reports (tests/fixtures/snippets, sources listed
in SOURCES.md): which enumerations are task lists and which are work areas."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.documents import ParseError, parse_tables_all

SNIPPETS = Path(__file__).resolve().parent.parent / "fixtures" / "snippets"


def _lists(name: str) -> list:  # type: ignore[type-arg]
    try:
        return parse_tables_all((SNIPPETS / name).read_bytes(), name)
    except ParseError:
        return []


def test_a_run_in_heading_that_names_the_list_opens_it() -> None:
    # "认真办好民生重点实事。一是新增城镇就业11.4万人…十是…": no colon, no count, ten items.
    (doc,) = _lists("zhengzhou_2020_l158.txt")
    assert len(doc.tasks) == 10
    assert doc.tasks[0].content.startswith("新增城镇就业11.4万人")


@pytest.mark.parametrize("name", ["suzhou_2021_l96.txt", "gansu_1997_l72.txt"])
def test_work_areas_after_a_sentence_mentioning_shishi_are_not_a_list(name: str) -> None:
    # 苏州 2021 "扎实办好各项民生实事，不断提高…安全感。一是实施就业优先政策。…";
    # 甘肃 1997 "为群众多办实事，办好实事。一是要集中精力抓好经济建设…" (four areas).
    assert _lists(name) == []
