"""Downloads people use (issue 18): the status and indicator columns, numbers as numbers, the
CSV header on line 1, names from the government and the title, the publication's own date,
a schema the site serves; and the XLSX and CSV still re-import to the same plan."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.urls import reverse

from duban.disclosure.exports import file_name
from duban.plans.importing import import_bytes


def _get(client, plan, fmt: str):  # type: ignore[no-untyped-def]
    response = client.get(reverse("disclosure:export", args=[plan.id, fmt]))
    assert response.status_code == 200
    return response


def _csv(client, plan) -> list[dict[str, str]]:
    text = _get(client, plan, "csv").content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_header_is_line_1_with_status_and_indicator_columns(client, plan) -> None:
    rows = _csv(client, plan)
    assert len(rows) == 136
    first = rows[0]
    assert first["序号"] == "1" and first["完成状态"] == "调整后仍未完成"
    assert first["状态依据"] == "机器初判" and first["初判置信度"] == "高"
    assert (
        first["指标1"],
        first["目标值1"],
        first["实际值1"],
        first["计量单位1"],
        first["是否达标1"],
    ) == ("地区生产总值增速", "6", "-1.1", "%", "否")
    row110 = next(r for r in rows if r["序号"] == "110")
    assert (row110["目标值1"], row110["实际值1"], row110["计量单位1"], row110["是否达标1"]) == (
        "15",
        "19",
        "部",
        "是",
    )


def test_a_target_keeps_its_comparator_and_unit_next_to_its_number(client, plan) -> None:
    import openpyxl

    rows = {r["序号"]: r for r in _csv(client, plan)}
    columns = ("目标1", "比较1", "目标值1", "计量单位1")
    assert tuple(rows["4"][c] for c in columns) == ("≤1.5%", "≤", "1.5", "%")
    assert tuple(rows["1"][c] for c in columns) == ("约6%", "约", "6", "%")
    sheet = openpyxl.load_workbook(io.BytesIO(_get(client, plan, "xlsx").content)).active
    col = {c.value: i for i, c in enumerate(sheet[4])}
    fourth = next([c.value for c in r] for r in sheet.iter_rows(min_row=5) if r[1].value == 4)
    assert [fourth[col[c]] for c in columns] == ["≤1.5%", "≤", Decimal("1.5"), "%"]
    assert isinstance(fourth[col["目标值1"]], float | int | Decimal)  # a number to sum


def test_a_more_than_target_is_printed_with_its_comparator() -> None:
    from duban.plans.models import Indicator

    more = Indicator(
        metric="新增城镇就业", comparator=">", target_value=Decimal("1.74"), unit="万人"
    )
    assert more.target_text == ">1.74万人"  # "超1.74万人", not exactly 1.74万人


def test_a_status_the_office_confirmed_says_so(client, plan, people) -> None:
    from duban.disclosure.services import publish
    from duban.plans import services
    from duban.plans.models import Status

    task = plan.tasks.get(number=2)
    services.confirm_status(task, people.office, Status.PARTIAL)
    publish(plan, people.office, "year_end")
    row = _csv(client, plan)[1]
    assert (row["完成状态"], row["状态依据"], row["初判置信度"]) == ("部分完成", "督查室确认", "")


def test_xlsx_numbers_are_numbers_with_a_filter_on_the_header(client, plan) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(_get(client, plan, "xlsx").content))
    sheet = book.active
    header = [c.value for c in sheet[4]]
    col = {name: i for i, name in enumerate(header)}
    first = [c.value for c in sheet[5]]
    assert first[col["序号"]] == 1 and isinstance(first[col["序号"]], int)
    assert first[col["目标值1"]] == 6 and Decimal(str(first[col["实际值1"]])) == Decimal("-1.1")
    assert first[col["完成状态"]] == "调整后仍未完成"
    assert sheet.auto_filter.ref.startswith("A4:")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_new_columns_re_import_as_extras_to_the_same_plan(client, plan, fmt) -> None:
    data = _get(client, plan, fmt).content
    copy = import_bytes(data, file_name(plan, fmt), government="导出测试区人民政府").plan
    original = {t.number: (t.content, t.completion) for t in plan.tasks.all()}
    assert {t.number: (t.content, t.completion) for t in copy.tasks.all()} == original
    first = copy.tasks.get(number=1)
    assert first.extra["完成状态"] == "调整后仍未完成" and first.extra["目标值1"] == "6"
    assert (first.extra["目标1"], first.extra["比较1"]) == ("约6%", "约")
    again = import_bytes(data, file_name(plan, fmt), government="导出测试区人民政府")
    assert again.plan.pk == copy.pk and again.tasks_created == 0  # the same plan, unchanged


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json", "docx", "pdf"])
def test_file_names_say_government_year_and_title(client, plan, fmt) -> None:
    if fmt == "pdf":
        pytest.importorskip("weasyprint")
    header = _get(client, plan, fmt)["Content-Disposition"]
    assert header.startswith(f'attachment; filename="duban-2020-plan-{plan.id}.{fmt}"; ')
    name = unquote(header.split("filename*=UTF-8''")[1])
    assert name == f"北京市西城区人民政府-{plan.title}.{fmt}" and "2020" in name


def test_file_name_drops_what_a_file_system_refuses(plan) -> None:
    plan.title = '重点/工作:"清单"?'
    assert file_name(plan, "csv") == "北京市西城区人民政府-2020年重点工作清单.csv"


def test_docx_and_json_bear_the_publications_own_date(client, plan) -> None:
    import docx

    document = docx.Document(io.BytesIO(_get(client, plan, "docx").content))
    assert document.paragraphs[1].text == "（2021年3月8日）"  # the government's document
    data = json.loads(_get(client, plan, "json").content)
    assert data["publication"]["published_on"] == "2021-03-08"


def test_an_office_publication_is_dated_in_beijing(plan, people) -> None:
    import datetime as dt

    from duban.disclosure.exports import publication_day
    from duban.disclosure.services import publish

    publication = publish(plan, people.office, "year_end")
    publication.published_at = dt.datetime(2021, 1, 5, 17, 30, tzinfo=dt.UTC)  # 01:30 on the 6th
    assert publication_day(plan, publication) == dt.date(2021, 1, 6)


def test_schema_is_served_and_the_json_follows_it(client, plan) -> None:
    import jsonschema

    data = json.loads(_get(client, plan, "json").content)
    assert data["$schema"].endswith("/open-data/schema.json")
    response = client.get("/open-data/schema.json")
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/schema+json"
    )
    schema = json.loads(response.content)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_download_re_imports_into_its_own_plan_title_included(client, plan, fmt) -> None:
    # Nothing passed but the file and its name: the CSV, its header on line 1, has its
    # government and title in the name the site gave it (a browser's second copy too).
    data = _get(client, plan, fmt).content
    for name in (file_name(plan, fmt), file_name(plan, fmt).replace(f".{fmt}", f" (1).{fmt}")):
        result = import_bytes(data, name)
        assert (result.plan.pk, result.plan.title) == (plan.pk, plan.title)
        assert result.tasks_created == result.tasks_removed == 0


def test_a_csv_with_its_own_title_line_keeps_it_whatever_its_name() -> None:
    from duban.documents import parse_bytes

    text = (
        "2021年某县政府工作报告重点工作完成情况\n序号,重点督办内容,牵头单位,全年完成情况\n"
        "1,新建道路3公里,县交通局,已完成\n2,改造学校2所,县教育局,已完成\n"
    )
    doc = parse_bytes(text.encode(), "北京市西城区人民政府-别的标题.csv")
    assert doc.title == "2021年某县政府工作报告重点工作完成情况" and doc.year == 2021


def test_a_download_is_built_again_by_another_release(client, plan, monkeypatch) -> None:
    from duban.disclosure import exports, page_cache

    built = []
    to_csv, content_type = exports.FORMATS["csv"]

    def counting(p, pub):  # type: ignore[no-untyped-def]
        built.append(pub.pk)
        return to_csv(p, pub)

    monkeypatch.setitem(exports.FORMATS, "csv", (counting, content_type))
    monkeypatch.setattr(page_cache, "RELEASE", "one")
    _get(client, plan, "csv")
    _get(client, plan, "csv")
    assert len(built) == 1  # a publication's file is built once
    monkeypatch.setattr(page_cache, "RELEASE", "two")  # a deploy: the code may write it otherwise
    _get(client, plan, "csv")
    assert len(built) == 2


def test_the_plan_and_task_pages_bear_the_publications_own_date_too(client, plan) -> None:
    # The government's document, imported today, reads as of the day it was published, as
    # its DOCX and JSON do, not as of the import.
    for url, label in (
        (reverse("disclosure:plan", args=[plan.id]), "本页内容为"),
        (reverse("disclosure:task", args=[plan.id, 1]), "公开于"),
    ):
        page = client.get(url).content.decode()
        assert f'{label} <time datetime="2021-03-08">2021-03-08</time>' in page, url
