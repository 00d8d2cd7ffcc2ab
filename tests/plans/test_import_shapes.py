"""Every shape imports into a plan and shows on the site."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from duban.plans.importing import import_all_tables, import_bytes
from tests.documents.conftest import make_docx_paragraphs, make_docx_table, make_xlsx
from tests.documents.test_shapes import SHAPES

FILES = sorted(p.name for p in SHAPES.iterdir())


def _rows(response) -> list[str]:
    return re.findall(r'<tr id="task-(\d+)"', response.content.decode())


@pytest.mark.parametrize("name", FILES)
def test_text_shapes_import_and_show(db, client, name: str) -> None:
    data = (SHAPES / name).read_bytes()
    result = import_bytes(data, name, public=True, government="某某测试区人民政府")
    assert result.tasks_created == result.rows > 0
    response = client.get(reverse("disclosure:plan", args=[result.plan.id]))
    assert len(_rows(response)) == result.rows
    again = import_bytes(data, name, public=True, government="某某测试区人民政府")
    assert not again.changed


@pytest.mark.parametrize("make", [make_xlsx, make_docx_table, make_docx_paragraphs])
def test_office_shapes_import(db, client, make) -> None:
    result = import_bytes(make(), "report.bin", public=True)
    assert result.tasks_created == result.rows > 0
    assert len(_rows(client.get(reverse("disclosure:plan", args=[result.plan.id])))) == result.rows


def test_markdown_report_plan_is_titled_by_its_table(db) -> None:
    result = import_bytes((SHAPES / "report.md").read_bytes(), "report.md")
    assert result.plan.title == "2023年市政府重点事项完成情况汇总表"
    assert result.plan.year == 2023


def test_all_tables_become_plans_at_once(db) -> None:
    results = import_all_tables((SHAPES / "report.md").read_bytes(), "report.md")
    assert [(r.plan.year, r.rows) for r in results] == [(2023, 4), (2024, 2)]
    assert all(r.warnings == [] for r in results)


def test_co_units_are_assigned_apart(db) -> None:
    from duban.plans.models import Assignment

    result = import_bytes((SHAPES / "page.html").read_bytes(), "page.html")
    task = result.plan.tasks.get(number=1)
    roles = [(a.unit.name, a.role) for a in task.assignments.order_by("role", "order")]
    assert roles == [
        ("区商务局", Assignment.Role.CO),
        ("区科信局", Assignment.Role.CO),
        ("区市场监管局", Assignment.Role.LEAD),
    ]


def test_extra_columns_are_kept_on_the_task(db) -> None:
    result = import_bytes((SHAPES / "two-level-header.txt").read_bytes(), "t.txt")
    assert result.plan.tasks.get(number=1).extra == {"备注": "计划年底竣工"}
