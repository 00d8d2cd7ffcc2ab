"""Encodings, broken files and the command line."""

from __future__ import annotations

import codecs
import json

import pytest

from duban.cli import main
from duban.documents import MAX_BYTES, ParseError, parse_bytes
from tests.conftest import XICHENG

SMALL = (
    "某某区人民政府\n发布时间：2024-01-15\n2023年某某区政府工作报告重点工作完成情况\n"
    "类别序号重点督办内容牵头单位全年完成情况\n"
    "经济发展1新增就业岗位5000个。区人力社保局全年新增就业岗位5210个。\n"
    "经济发展2完成老旧小区改造10个。区住房城市建设委已完成10个。\n"
    "回到顶部\n"
)


def test_gbk_and_utf8_with_bom_read_the_same() -> None:
    plain = parse_bytes(SMALL.encode("utf-8"))
    gbk = parse_bytes(SMALL.encode("gbk"))
    bom = parse_bytes(codecs.BOM_UTF8 + SMALL.encode("utf-8"))
    assert gbk.encoding == "gb18030" and bom.encoding == "utf-8-sig"
    for doc in (gbk, bom):
        assert [t.to_json() for t in doc.tasks] == [t.to_json() for t in plain.tasks]
    assert plain.tasks[1].lead_units == ["区住房城市建设委"]
    assert plain.published == "2024-01-15" and plain.year == 2023


def test_windows_line_endings() -> None:
    doc = parse_bytes(SMALL.replace("\n", "\r\n").encode("utf-8"))
    assert len(doc.tasks) == 2 and doc.tasks[0].completion == "全年新增就业岗位5210个。"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary\x00" * 100, "binary"),
        (b"PK\x03\x04" + b"\x00" * 200, "zip"),
        ("只是一段文字，没有表格。".encode(), "no table"),
        ("类别序号重点督办内容牵头单位全年完成情况\n没有编号的行\n".encode(), "no numbered rows"),
        (b"\xff\xfe\xfd" * 10 + b"\x81", "neither UTF-8"),
    ],
)
def test_bad_input_is_refused_with_a_message(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_bytes(data)


def test_huge_input_is_refused_before_reading() -> None:
    with pytest.raises(ParseError, match="limit"):
        parse_bytes(b"a" * (MAX_BYTES + 1))


def test_cli_parse_json_follows_the_contract(capsys) -> None:
    assert main(["parse", str(XICHENG), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"title", "published", "year", "tasks", "warnings"} <= out.keys()
    task = out["tasks"][0]
    for key in (
        "category",
        "number",
        "content",
        "lead_units_raw",
        "lead_units",
        "completion",
        "targets",
        "actuals",
        "adjusted_target",
        "status",
        "status_evidence",
    ):
        assert key in task
    assert len(out["tasks"]) == 136


def test_cli_parse_error_is_one_line_and_non_zero(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"\x00garbage" * 50)
    assert main(["parse", str(bad), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "binary" in captured.err


def test_cli_parse_missing_file(capsys) -> None:
    assert main(["parse", "/nonexistent/file.txt"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_file_named_tsv_is_read_as_a_tab_table() -> None:
    # Before, its header row passed for the flattened shape and each row became one task text.
    from duban.documents import parse_bytes

    data = "序号\t任务\t牵头单位\t完成情况\n1\t建设公园3个\t区园林局\t已建成3个\n".encode()
    doc = parse_bytes(data, "pasted.tsv")
    assert doc.format == "tsv"
    (task,) = doc.tasks
    assert (task.content, task.lead_units, task.completion) == (
        "建设公园3个",
        ["区园林局"],
        "已建成3个",
    )


def test_unit_names_split_outside_brackets_only_in_every_reader() -> None:
    from duban.documents.grid import split_units
    from duban.documents.lists.items import split_names

    cell = "各县（市、区）人民政府、区财政局"
    assert split_units(cell) == (["各县（市、区）人民政府", "区财政局"], [])
    assert split_names(cell) == ["各县（市、区）人民政府", "区财政局"]
    assert split_units("区发改委/区财政局\n区教委") == (["区发改委", "区财政局", "区教委"], [])


def test_a_deadline_column_or_line_is_the_tasks_deadline_as_printed() -> None:
    from duban.documents import parse_bytes

    table = "序号,任务,牵头单位,完成时限,完成情况\n1,建设公园3个,区园林局,2024年6月底,已建成3个\n"
    (task,) = parse_bytes(table.encode(), "plan.csv").tasks
    assert task.deadline == "2024年6月底" and task.extra == {"完成时限": "2024年6月底"}
    report = (
        "2024年十件民生实事\n\n一、建设口袋公园\n\n目标任务：新建口袋公园10个。\n\n"
        "牵头单位：市园林局\n\n完成时限：2024年底\n\n二、改造老旧小区\n\n目标任务：改造老旧小区"
        "20个。\n\n牵头单位：市住建局\n\n三、新增停车位\n\n目标任务：新增停车位2000个。\n\n"
        "牵头单位：市交通局\n"
    )
    first = parse_bytes(report.encode(), "report.txt").tasks[0]
    assert first.deadline == "2024年底" and first.co_units == []  # not a co-unit "2024年底"
