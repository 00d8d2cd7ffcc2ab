"""A re-import never deletes what a person entered (issue 21 finding 7, issue 13 item 5).

One owner per row: the document's rows are updated in place; the office's adjustments, a
unit's reported values and what an accepted report holds survive; a task anyone worked on
is never removed, nor one the reader may have skipped.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban.documents import parse_bytes
from duban.plans import services as plan_services
from duban.plans.importing import ImportRefused, import_bytes, import_document
from duban.plans.models import Indicator, Source, TargetAdjustment, Task, Unit
from duban.reporting import services
from duban.reporting.models import IndicatorValue
from tests.conftest import XICHENG

# Tasks 1 and 3 are led by 区发展改革委, the unit of the reporter persona: a later plan of the
# persona's government (a unit belongs to one government).
SMALL = (
    "北京市西城区人民政府\n2023年某某区政府工作报告重点工作完成情况\n"
    "类别序号重点督办内容牵头单位全年完成情况\n"
    "经济发展1新增就业岗位5000个。区发展改革委全年新增就业岗位5210个。\n"
    "经济发展2完成老旧小区改造10个。区住房城市建设委已完成10个。\n"
    "民生保障3建成社区食堂3个。区发展改革委已建成3个。\n"
)
WITHOUT_3 = SMALL.rsplit("民生保障3", 1)[0]


def _import(text: str = SMALL):  # type: ignore[no-untyped-def]
    return import_bytes(text.encode(), "small.txt")


def _task(result, number: int) -> Task:  # type: ignore[no-untyped-def]
    return result.plan.tasks.get(number=number)


def _year_end(task: Task, people, value: Decimal):  # type: ignore[no-untyped-def]
    indicator = task.indicators.get()
    report = services.save_draft(
        task, people.reporter, "2023-Y", "全年新增就业岗位5300个。", {indicator.id: value}
    )
    services.submit(report, people.reporter)
    return services.accept(report, people.office)


def test_the_same_file_reimported_keeps_the_adjustment_the_office_recorded(people) -> None:
    result = _import()
    task = _task(result, 2)
    services.record_adjustment(
        task, people.office, "10个", "8个", "区人大常委会", dt.date(2023, 9, 1), reason="拆迁延后"
    )
    again = _import()
    assert not again.changed
    adjustment = task.adjustments.get()
    assert (adjustment.to_text, adjustment.source) == ("8个", Source.OFFICE)


def test_a_granted_adjustment_request_survives_a_corrected_file(people) -> None:
    result = _import()
    task = _task(result, 1)
    request = services.request_change(
        task, people.reporter, "adjustment", "疫情影响", proposed_target="4000个"
    )
    services.decide_request(request, people.office, grant=True)
    _import(SMALL.replace("全年新增就业岗位5210个", "全年新增就业岗位5010个"))
    assert list(task.adjustments.values_list("to_text", flat=True)) == ["4000个"]


def test_a_corrected_target_keeps_the_unit_reported_value(people) -> None:
    result = _import()
    task = _task(result, 1)
    indicator = task.indicators.get()
    services.save_draft(
        task, people.reporter, "2023-03", "一季度新增1200个。", {indicator.id: Decimal(1200)}
    )
    again = _import(SMALL.replace("5000个", "6000个"))
    assert again.tasks_updated == 1
    after = task.indicators.get()
    assert after.id == indicator.id and after.target_value == 6000
    assert IndicatorValue.objects.get(indicator=after).value == 1200


def test_an_accepted_year_end_report_survives_a_reimport(people) -> None:
    result = _import()
    task = _task(result, 1)
    report = _year_end(task, people, Decimal(5300))
    for text in (SMALL, SMALL.replace("5000个", "6000个")):
        again = _import(text)
        indicator = task.indicators.get()
        assert report.values.get().indicator_id == indicator.id
        assert report.values.get().value == 5300
        assert (indicator.actual_value, indicator.actual_source) == (5300, Source.REPORT)
        task.refresh_from_db()
        assert task.completion == "全年新增就业岗位5300个。"
        assert any("accepted year-end report" in w and "1" in w for w in again.warnings)
    report.refresh_from_db()
    assert report.state == "accepted" and report.text == "全年新增就业岗位5300个。"


def test_a_target_the_file_drops_goes_unless_someone_reported_against_it(people) -> None:
    result = _import()
    _task(result, 2).indicators.get()
    reported = _task(result, 1).indicators.get()
    services.save_draft(
        _task(result, 1),
        people.reporter,
        "2023-03",
        "一季度新增1200个。",
        {reported.id: Decimal(1200)},
    )
    fewer = SMALL.replace("新增就业岗位5000个。", "做好就业工作。").replace(
        "完成老旧小区改造10个。", "推进老旧小区改造。"
    )
    again = _import(fewer)
    assert not _task(result, 2).indicators.exists()
    assert Indicator.objects.filter(pk=reported.pk).exists()
    assert any(w.startswith("task 1: the file no longer gives the target") for w in again.warnings)
    assert not any(w.startswith("task 2:") for w in again.warnings)


def test_indicator_ids_are_stable_across_an_identical_reimport(plan) -> None:
    before = list(Indicator.objects.filter(task__plan=plan).values_list("id", "task", "metric"))
    adjustments = list(TargetAdjustment.objects.filter(task__plan=plan).values_list("id"))
    assert len(before) > 40 and adjustments
    import_bytes(XICHENG.read_bytes(), XICHENG.name)
    assert (
        list(Indicator.objects.filter(task__plan=plan).values_list("id", "task", "metric"))
        == before
    )
    assert list(TargetAdjustment.objects.filter(task__plan=plan).values_list("id")) == adjustments


def _report(task: Task, people) -> None:  # type: ignore[no-untyped-def]
    services.save_draft(task, people.reporter, "2023-03", "进展")


def _request(task: Task, people) -> None:  # type: ignore[no-untyped-def]
    services.request_change(
        task, people.reporter, "extension", "工期", new_deadline=dt.date(2024, 3, 1)
    )


def _instruction(task: Task, people) -> None:  # type: ignore[no-untyped-def]
    Task.objects.filter(pk=task.pk).update(leader=people.leader)
    task.refresh_from_db()
    services.write_instruction(task, people.leader, "抓紧推进")
    Task.objects.filter(pk=task.pk).update(leader=None)  # only the instruction remains


def _confirmed(task: Task, people) -> None:  # type: ignore[no-untyped-def]
    plan_services.confirm_status(task, people.office, "completed")


def _adjusted(task: Task, people) -> None:  # type: ignore[no-untyped-def]
    services.record_adjustment(task, people.office, "3个", "2个", "", None)


@pytest.mark.parametrize("work", [_report, _request, _instruction, _confirmed, _adjusted])
def test_dropping_a_task_anyone_worked_on_is_refused(people, work) -> None:
    result = _import()
    work(_task(result, 3), people)
    with pytest.raises(ImportRefused, match=r"3 \("):
        _import(WITHOUT_3)
    assert result.plan.tasks.count() == 3


def test_a_task_the_office_added_is_not_the_documents_to_remove(people) -> None:
    result = _import()
    unit = Unit.objects.get(name="区发展改革委")
    plan_services.save_task(
        people.office, result.plan, None, {"number": 9, "content": "办公室补充的任务"}, [unit], []
    )
    again = _import()
    assert again.tasks_removed == 0 and result.plan.tasks.filter(number=9).exists()


def test_tasks_missing_while_the_reader_skipped_rows_are_kept(db) -> None:
    result = _import()
    doc = parse_bytes(WITHOUT_3.encode(), "small.txt")
    doc.skipped = [6]
    again = import_document(doc, source_name="small.txt")
    assert again.tasks_removed == 0 and result.plan.tasks.count() == 3
    assert any("tasks 3 are not in the file but were kept" in w for w in again.warnings)


def test_a_row_the_grid_reader_skipped_never_counts_as_removed(db) -> None:
    table = (
        "某某区人民政府\n2023年某某区重点工作完成情况\n"
        "序号 | 任务 | 牵头单位 | 完成情况\n"
        "1 | 新建公园3个 | 区发展改革委 | 已建成\n"
        "2 | 整治街巷10条 | 区城市管理委 | 已完成\n"
    )
    result = import_bytes(table.encode(), "t.txt")
    unreadable = table.replace("2 | 整治街巷10条 | 区城市管理委 | 已完成", "2 |  | 区城市管理委 | ")
    again = import_bytes(unreadable.encode(), "t.txt")
    assert any(w.endswith("skipped") for w in again.warnings)
    assert again.tasks_removed == 0 and result.plan.tasks.count() == 2


def _many(n: int, target: int) -> str:
    head = SMALL.split("经济发展1", 1)[0]
    return head + "".join(
        f"经济发展{i}新建便民网点{target + i}个。区商务局已建成{i}个。\n" for i in range(1, n + 1)
    )


def test_a_corrected_reimport_makes_no_query_per_task(db) -> None:
    counts = []
    for n in (10, 60):
        import_bytes(_many(n, 100).encode(), f"m{n}.txt", government=f"区{n}")
        with CaptureQueriesContext(connection) as ctx:
            again = import_bytes(_many(n, 200).encode(), f"m{n}.txt", government=f"区{n}")
        assert again.tasks_updated == n
        counts.append(len(ctx.captured_queries))
    # Bulk writes: only SQLite's 999-parameter limit splits a history insert into batches.
    assert counts[1] - counts[0] <= 4


def _edit(task: Task, people, content: str, units: list[str]) -> None:  # type: ignore[no-untyped-def]
    plan_services.save_task(
        people.office, task.plan, task, {"number": task.number, "content": content}, units, []
    )


def test_the_offices_edit_of_a_documents_task_survives_a_reimport(people) -> None:
    result = _import()
    task = _task(result, 2)
    _edit(task, people, "完成老旧小区改造10个（含加装电梯）。", ["区住房城市建设委", "区城管委"])
    task.refresh_from_db()
    assert task.source == Source.DOCUMENT and task.office_fields == ["content", "units"]
    again = _import()
    task.refresh_from_db()
    assert task.content == "完成老旧小区改造10个（含加装电梯）。"
    units = sorted(a.unit.name for a in task.assignments.all())
    assert units == ["区住房城市建设委", "区城市管理委"]
    assert task.completion == "已完成10个。"  # what the office did not touch stays the file's
    assert "tasks 2: the office's own edits are kept; the file reads otherwise" in again.warnings
    untouched = _task(again, 1)
    assert untouched.office_fields == [] and untouched.content == "新增就业岗位5000个。"


def test_rows_the_office_pastes_itself_change_its_own_tasks(people) -> None:
    plan = _import().plan
    header = "序号\t任务\t牵头单位\n"
    plan_services.add_rows(people.office, plan, header + "4\t建设口袋公园2个\t区园林局\n")
    plan_services.add_rows(people.office, plan, header + "4\t建设口袋公园3个\t区园林局\n")
    assert plan.tasks.get(number=4).content == "建设口袋公园3个"


def test_the_import_page_says_what_the_import_kept(office_client, people) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    task = _task(_import(), 2)
    _edit(task, people, "完成老旧小区改造12个。", ["区住房城市建设委"])
    upload = SimpleUploadedFile("small.txt", SMALL.encode())
    preview = office_client.post(reverse("plans:upload"), {"file": upload})["Location"]
    office_client.get(preview)
    from duban.plans.models import PendingUpload

    page = office_client.post(
        reverse("plans:confirm", args=[PendingUpload.objects.get().id]), follow=True
    ).content.decode()
    assert "第 2 项：保留督查室手工修改的内容，文件中的写法不同" in page


def _kunming(without_10: bool = False) -> bytes:
    from tests.documents.test_real_lists import REAL

    lines = (REAL / "kunming_2021_plan.txt").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("10．"))
    if without_10:  # the item and its two unit lines
        lines = lines[:start] + lines[start + 5 :]
    return "\n".join(lines).encode()


def test_a_report_short_of_the_count_it_states_removes_no_task(db) -> None:
    # "…办好以下10件实事" with item 10 gone: the reader says 9 of 10, and the import keeps
    # task 10 instead of deleting it (it did, found walking the upload as the office).
    first = import_bytes(_kunming(), "kunming.txt")
    assert first.plan.tasks.count() == 10
    again = import_bytes(_kunming(without_10=True), "kunming.txt")
    assert again.tasks_removed == 0 and first.plan.tasks.filter(number=10).exists()
    assert any("tasks 10 are not in the file but were kept" in str(w) for w in again.warnings)
