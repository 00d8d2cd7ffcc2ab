"""Publications, downloads (read back and re-imported), dashboards and pages across years."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest
from django.urls import reverse

from duban.disclosure.services import latest, publish
from duban.plans.importing import import_bytes


def _get(client, plan, fmt: str):  # type: ignore[no-untyped-def]
    response = client.get(reverse("disclosure:export", args=[plan.id, fmt]))
    assert response.status_code == 200, fmt
    assert "attachment" in response["Content-Disposition"]
    return response.content


def _same_plan(original, copy) -> None:  # type: ignore[no-untyped-def]
    def rows(plan):  # type: ignore[no-untyped-def]
        return [
            (
                t.number,
                t.category.name if t.category else None,
                t.content,
                t.completion,
                sorted((a.unit.name, a.role) for a in t.assignments.all()),
            )
            for t in plan.tasks.order_by("number")
            .select_related("category")
            .prefetch_related("assignments__unit")
        ]

    assert rows(copy) == rows(original)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_gives_the_same_plan(client, plan, fmt: str) -> None:
    data = _get(client, plan, fmt)
    result = import_bytes(data, f"export.{fmt}", government="导出测试区人民政府")
    assert result.rows == 136 and result.plan.year == 2020
    if fmt == "xlsx":  # the CSV's header is its first line: the title is in the JSON
        assert result.plan.title == plan.title
    _same_plan(plan, result.plan)


def test_xlsx_reads_back(client, plan) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(_get(client, plan, "xlsx")))
    sheet = book.active
    assert [c.value for c in sheet[4]][:9] == [
        "类别",
        "序号",
        "重点督办内容",
        "牵头单位",
        "配合单位",
        "全年完成情况",
        "完成状态",
        "状态依据",
        "初判置信度",
    ]
    assert sheet["C5"].value == "地区生产总值增长6%左右。" and sheet.max_row == 140


def test_json_open_data_follows_its_schema(client, plan) -> None:
    data = json.loads(_get(client, plan, "json"))
    assert set(data) == {"$schema", "plan", "publication", "summary", "tasks"}
    assert data["plan"]["year"] == 2020 and len(data["tasks"]) == 136
    first = data["tasks"][0]
    assert first["status"] == "not_met_after_adjustment"
    assert first["adjustments"][0]["to"] == "正增长"
    assert {"metric", "target_text", "actual_text", "met"} <= set(first["indicators"][0])


def test_docx_is_an_official_document(client, plan) -> None:
    import docx

    document = docx.Document(io.BytesIO(_get(client, plan, "docx")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert round(section.bottom_margin.mm) == 35 and round(section.right_margin.mm) == 26
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == plan.title
    assert "1. 地区生产总值增长6%左右。（牵头单位：区发展改革委）" in texts
    assert "PAGE" in section.footer.paragraphs[0]._element.xml
    title_run = document.paragraphs[0].runs[0]
    assert title_run.font.size.pt == 22


@pytest.mark.slow
def test_pdf_renders_with_chinese_text(client, plan, tmp_path) -> None:
    pdf = _get(client, plan, "pdf")
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    (tmp_path / "plan.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "plan.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    page = next(tmp_path.glob("page*.png"))
    assert page.stat().st_size > 10_000  # a page with text, not a blank one
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(tmp_path / "plan.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = "".join(text.split())  # table cells wrap, so text comes out in pieces
    assert plan.title in flat and "区发展改革委" in flat and "调整后仍未" in flat


def test_nothing_published_nothing_to_download(office_client, hidden_plan) -> None:
    response = office_client.get(reverse("disclosure:export", args=[hidden_plan.id, "csv"]))
    assert response.status_code == 404


def test_second_publication_shows_its_differences(client, plan, people) -> None:
    first = latest(plan)
    task = plan.tasks.get(number=22)
    task.completion = "全部13个片区已完工。"
    task.save()
    second = publish(plan, people.office, "year_end", "年终更新")
    page = client.get(reverse("disclosure:publications", args=[plan.id])).content.decode()
    assert "年终更新" in page
    url = reverse("disclosure:compare", args=[plan.id, first.id, second.id])
    body = client.get(url).content.decode()
    assert "22. 完成13个片区电力架空线入地工程。" in body
    assert "全部13个片区已完工。" in body and "<del>" in body
    assert body.count('class="report"') == 1  # only the task that changed


def test_only_the_office_publishes(reporter_client, plan) -> None:
    response = reporter_client.post(
        reverse("disclosure:publish", args=[plan.id]), {"kind": "mid_year"}
    )
    assert response.status_code == 403


def test_dashboard_and_its_data(client, plan) -> None:
    page = client.get(reverse("disclosure:dashboard", args=[plan.id])).content.decode()
    assert "vendor/echarts/echarts.custom.min.js" in page and "区发展改革委" in page
    data = client.get(reverse("disclosure:dashboard-data", args=[plan.id])).json()
    assert len(data["by_category"]["categories"]) == 8
    assert sum(sum(s["data"]) for s in data["by_category"]["series"]) == 136
    assert any(i["ratio"] > 100 for i in data["indicators"])  # e.g. 12482 of 5000 school places
    assert data["years"]["years"] == [2020]
    assert (
        "wall"
        in client.get(
            reverse("disclosure:dashboard", args=[plan.id]), {"wall": "1"}
        ).content.decode()
    )


def test_government_across_years_and_unit_across_plans(client, plan) -> None:
    page = client.get(reverse("disclosure:government", args=[plan.government])).content.decode()
    assert plan.title in page and "2020" in page
    page = client.get(reverse("disclosure:unit", args=["区体育局"])).content.decode()
    assert "健走步道" in page
    assert client.get(reverse("disclosure:unit", args=["不存在的单位"])).status_code == 404


def test_open_graph_tags(client, plan) -> None:
    body = client.get(reverse("disclosure:plan", args=[plan.id])).content.decode()
    assert 'property="og:title"' in body and plan.title in body
    body = client.get(reverse("disclosure:task", args=[plan.id, 110])).content.decode()
    assert 'property="og:title" content="110. 老楼加装电梯15部。"' in body


def test_sorting(client, plan) -> None:
    import re

    response = client.get(reverse("disclosure:plan", args=[plan.id]), {"sort": "status"})
    rows = re.findall(r'<tr id="task-(\d+)"', response.content.decode())
    assert len(rows) == 30 and rows[0] != "1"  # the first page of the plan so sorted


def test_unit_scorecards_are_as_of_the_publication(plan, people) -> None:
    """Late and returned reports on the public dashboard are counted when the plan is
    published; a report returned afterwards shows only after the next publication."""
    from duban.disclosure.dashboards import scorecards
    from duban.reporting import services

    def card(publication):  # type: ignore[no-untyped-def]
        rows = list(publication.tasks.all())
        return next(c for c in scorecards(plan, publication, rows) if c["unit"] == "区发展改革委")

    nothing_yet = publish(plan, people.office, "mid_year")
    assert nothing_yet.unit_reports == {}
    task = plan.tasks.get(number=1)
    report = services.save_draft(task, people.reporter, "2020-01", "一月进展", {}, [], None)
    services.submit(report, people.reporter)  # in 2026: long after its due date
    assert card(nothing_yet)["late"] == 0  # a publication with nothing late stays so
    first = publish(plan, people.office, "mid_year")
    assert first.unit_reports["区发展改革委"] == {"late": 1, "returned": 0}
    services.return_report(report, people.office, "请补充数据")
    assert card(first)["returned"] == 0 and card(first)["late"] == 1  # still as published
    second = publish(plan, people.office, "year_end")
    assert card(second)["returned"] == 1


def test_returns_are_counted_by_action_code_not_by_history_text(plan, people) -> None:
    """The office's returns count, by duban.report.returned; a unit head's sending back
    within the unit does not; a history reason reworded changes nothing."""
    from duban.disclosure.services import unit_report_counts
    from duban.reporting import services
    from duban.reporting.models import ProgressReport

    task = plan.tasks.get(number=1)
    report = services.save_draft(task, people.reporter, "2020-02", "二月进展", {}, [], None)
    services.submit(report, people.reporter)
    services.return_report(report, people.office, "请补充数据")
    ProgressReport.history.filter(id=report.id).update(history_change_reason="改过的说明")
    assert unit_report_counts(plan)["区发展改革委"]["returned"] == 1
