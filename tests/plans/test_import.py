"""Importing: all or nothing, the same file twice changes nothing, corrections leave history."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from duban.documents import ParseError
from duban.plans.importing import ImportRefused, import_bytes
from duban.plans.models import Assignment, Plan, Task, Unit
from duban.reporting.models import ProgressReport
from tests.conftest import XICHENG

SMALL = (
    "某某区人民政府\n2023年某某区政府工作报告重点工作完成情况\n"
    "类别序号重点督办内容牵头单位全年完成情况\n"
    "经济发展1新增就业岗位5000个。区人力社保局全年新增就业岗位5210个。\n"
    "经济发展2完成老旧小区改造10个。区住房城市建设委已完成10个。\n"
    "民生保障3建成社区食堂3个。区民政局已建成3个。\n"
)


def _counts() -> tuple[int, ...]:
    return (
        Plan.objects.count(),
        Task.objects.count(),
        Unit.objects.count(),
        Assignment.objects.count(),
        Task.history.count(),
        Unit.history.count(),
    )


def test_new_plan_from_a_file(db) -> None:
    result = import_bytes(SMALL.encode(), "small.txt")
    assert result.plan_created and result.tasks_created == 3
    plan = result.plan
    assert plan.government == "某某区人民政府" and plan.year == 2023 and not plan.is_public
    assert [c.name for c in plan.categories.all()] == ["经济发展", "民生保障"]
    task = plan.tasks.get(number=2)
    assert [a.unit.name for a in task.assignments.all()] == ["区住房城市建设委"]
    assert task.history.count() == 1


def test_same_file_twice_changes_nothing(db) -> None:
    before = _counts()
    result = import_bytes(XICHENG.read_bytes(), XICHENG.name)
    assert not result.changed
    assert result.tasks_unchanged == 136 and result.units_created == 0
    assert _counts() == before


def test_corrected_file_updates_the_changed_task_and_its_history(db) -> None:
    import_bytes(SMALL.encode(), "small.txt")
    corrected = SMALL.replace("已完成10个。", "已完成12个，超额完成。").replace(
        "区民政局已建成", "区民政局区残联已建成"
    )
    corrected = corrected.replace("建成社区食堂3个。区民政局", "建成社区食堂3个。区民政局 区残联")
    result = import_bytes(corrected.encode(), "small-v2.txt")
    assert result.tasks_updated == 2 and result.tasks_unchanged == 1
    task = Task.objects.get(plan=result.plan, number=2)
    assert task.completion == "已完成12个，超额完成。"
    latest, previous = task.history.all()[:2]
    delta = latest.diff_against(previous)
    assert "completion" in delta.changed_fields
    old = {c.field: c.old for c in delta.changes}
    assert old["completion"] == "已完成10个。"
    three = Task.objects.get(plan=result.plan, number=3)
    assert [a.unit.name for a in three.assignments.all()] == ["区民政局", "区残联"]


def test_a_file_that_cannot_be_read_leaves_nothing(db) -> None:
    before = _counts()
    with pytest.raises(ParseError):
        import_bytes("没有表格".encode(), "x.txt")
    assert _counts() == before


def test_failure_mid_import_rolls_everything_back(db, monkeypatch) -> None:
    from duban.plans import import_units

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(import_units, "assignments", explode)
    before = _counts()
    with pytest.raises(RuntimeError):
        import_bytes(SMALL.encode(), "small.txt")
    assert _counts() == before


def test_dropping_a_task_that_has_reports_is_refused(db) -> None:
    result = import_bytes(SMALL.encode(), "small.txt")
    task = result.plan.tasks.get(number=3)
    ProgressReport.objects.create(
        task=task, unit=Unit.objects.get(name="区民政局"), period="2023-03", text="进展"
    )
    shorter = SMALL.rsplit("民生保障3", 1)[0]
    with pytest.raises(ImportRefused, match="3"):
        import_bytes(shorter.encode(), "small.txt")
    assert result.plan.tasks.count() == 3


def test_dropping_a_task_without_reports_removes_it(db) -> None:
    result = import_bytes(SMALL.encode(), "small.txt")
    shorter = SMALL.rsplit("民生保障3", 1)[0]
    again = import_bytes(shorter.encode(), "small.txt")
    assert again.tasks_removed == 1
    assert list(result.plan.categories.values_list("name", flat=True)) == ["经济发展"]


def test_units_are_shared_between_a_governments_plans_and_kinds_guessed(db) -> None:
    import_bytes(SMALL.encode(), "small.txt")
    import_bytes(SMALL.replace("2023年", "2024年").encode(), "small-2024.txt")
    theirs = Unit.objects.filter(government="某某区人民政府")
    assert theirs.filter(name="区人力社保局").count() == 1  # one unit for both years
    # Xicheng's 区人力社保局 (the session's plan) is another government's, another unit.
    assert Unit.objects.filter(name="区人力社保局").count() == 2
    xicheng = Unit.objects.filter(government="北京市西城区人民政府")
    assert xicheng.get(name="各街道办事处").kind == Unit.Kind.COLLECTIVE
    assert xicheng.get(name="和谐宜居示范区建设指挥部").kind == Unit.Kind.COMMAND


def test_truncated_name_is_kept_as_an_alias(db) -> None:
    assert "区园林绿化" in Unit.objects.get(name="区园林绿化局").aliases


def test_search_text_holds_units_and_category(plan) -> None:
    task = plan.tasks.get(number=110)
    assert "区住房城市建设委(区重大办)" in task.search_text
    assert "保障和改善民生" in task.search_text


def test_import_command_prints_a_summary(db, capsys) -> None:
    from django.core.management import call_command

    call_command("import", str(XICHENG))
    out = capsys.readouterr().out
    assert "unchanged" in out and "rows read: 136" in out


def test_import_command_refuses_bad_file_with_one_line(db, tmp_path) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"\x00\x01" * 100)
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", str(bad))


def test_short_forms_and_recorded_aliases_resolve_to_one_unit(db) -> None:
    assert Unit.objects.filter(name="区发展改革委").exists()  # from the Xicheng plan
    Unit.objects.filter(name="区城市管理委").update(aliases=["区城管委员会"])
    text = (  # a later plan of Xicheng's government, whose units those are
        "北京市西城区人民政府\n2023年某某区重点工作完成情况\n"
        "序号 | 任务 | 牵头单位 | 完成情况\n"
        "1 | 新建公园3个 | 区发改委 | 已建成\n"
        "2 | 整治街巷10条 | 区城管委员会（区城市管理委） | 已完成\n"
        "3 | 清理小广告 | 区城管委员会 | 已完成\n"
    )
    result = import_bytes(text.encode(), "t.txt")
    units = {t.number: [a.unit.name for a in t.assignments.all()] for t in result.plan.tasks.all()}
    assert units[1] == ["区发展改革委"] and units[3] == ["区城市管理委"]
    assert result.units_created == 1  # only the bracketed form is new


def test_new_tasks_carry_the_search_text_refresh_would_write(plan) -> None:
    """Import composes a new task's search text itself (no second pass); it must be exactly
    what plans.search.refresh computes from the stored task, units in the same order."""
    from duban.plans import search
    from duban.plans.models import Task

    before = dict(Task.objects.filter(plan=plan).values_list("id", "search_text"))
    assert all(before.values())
    search.refresh(list(before))
    assert dict(Task.objects.filter(plan=plan).values_list("id", "search_text")) == before


def test_an_items_own_title_line_is_imported_with_its_body(db) -> None:
    # 普洱 2022: "一、农村公路建设" over "目标任务：…" and "主办单位：…"; the reader keeps the
    # heading as the item's title, and the import keeps both, the title first.
    from pathlib import Path

    real = Path(__file__).resolve().parent.parent / "fixtures" / "real" / "puer_2022_plan.txt"
    result = import_bytes(real.read_bytes(), real.name, government="普洱市人民政府")
    first = Task.objects.get(plan=result.plan, number=1)
    title, body = first.content.split("\n")
    assert title and body and not body.startswith("目标任务")
    assert title in first.search_text


LIST = (
    "2023年某某市政府工作报告\n\n"
    "今年重点办好以下民生实事：新建学校5所；改造老旧小区30个；新增养老床位500张；"
    "建设口袋公园20个；改造农贸市场10个；新建公共充电桩1000个；"
    "改造农村公路300公里；筛查新生儿5万例；新建社区食堂50个；培训技能人才2万人次。\n"
)


def test_a_corrected_list_without_numbers_keeps_each_task_its_own(db) -> None:
    # A list of clauses is numbered by place: a corrected copy that drops item 3 must not move
    # items 4-10 onto tasks 3-9 (their reports and history would then answer another promise).
    first = import_bytes(LIST.encode(), "list.md", government="某某市人民政府")
    tasks = {t.number: t.id for t in Task.objects.filter(plan=first.plan)}
    corrected = LIST.replace("新增养老床位500张；", "")
    corrected = corrected.replace("建设口袋公园20个", "建设口袋公园25个")
    second = import_bytes(corrected.encode(), "list-v2.md", government="某某市人民政府")
    assert second.plan == first.plan
    assert (second.tasks_created, second.tasks_updated, second.tasks_removed) == (0, 1, 1)
    after = {t.number: (t.id, t.content) for t in Task.objects.filter(plan=first.plan)}
    assert 3 not in after
    assert after[4] == (tasks[4], "建设口袋公园25个")
    assert after[10] == (tasks[10], "培训技能人才2万人次")
    # An item added in the middle is a new task, numbered after the last.
    third = corrected.replace("新建学校5所；", "新建学校5所；新建体育公园2个；")
    result = import_bytes(third.encode(), "list-v3.md", government="某某市人民政府")
    assert result.tasks_created >= 1
    assert Task.objects.get(plan=first.plan, content="新建体育公园2个").number == 11
    assert Task.objects.get(plan=first.plan, content="改造老旧小区30个").id == tasks[2]


def test_a_tasks_assignments_list_its_lead_units_first(plan) -> None:  # type: ignore[no-untyped-def]
    """The model's own order (what a plain task.assignments.all() gives a template or an
    export): lead units, then co-units, each in the order printed — "co" sorts before
    "lead", so the role must not sort ascending."""
    from duban.plans.models import Assignment, Unit

    task = plan.tasks.get(number=1)
    Assignment.objects.create(task=task, unit=Unit.objects.create(name="区配合单位"), role="co")
    roles = [a.role for a in task.assignments.all()]
    assert roles == sorted(roles, key=lambda r: r != "lead")
    assert [a.order for a in task.assignments.all() if a.role == "lead"] == sorted(
        a.order for a in task.assignments.all() if a.role == "lead"
    )


def test_a_list_of_outcomes_only_imported_again_changes_nothing(db) -> None:
    # 云南 2004 prints no task text ("…8件实事完成情况如下：建设了500个温饱村和安居村；…"):
    # each row is known by its completion. Known by its empty text, every row answered every
    # task, and the same file moved six results onto other tasks.
    data = (Path(__file__).parents[1] / "fixtures" / "real" / "yunnan_2004_done.txt").read_bytes()
    first = import_bytes(data, "yunnan_2004_done.txt")
    before = dict(Task.objects.filter(plan=first.plan).values_list("number", "completion"))
    again = import_bytes(data, "yunnan_2004_done.txt")
    assert again.plan == first.plan
    assert (again.tasks_created, again.tasks_updated, again.tasks_removed) == (0, 0, 0)
    assert dict(Task.objects.filter(plan=first.plan).values_list("number", "completion")) == before
    assert before[1] == "建设了500个温饱村和安居村"


def test_a_task_of_a_list_of_outcomes_only_is_named_by_its_outcome(office_client, db) -> None:
    # No task text to link: the plan's table and the task's page say its outcome instead.
    data = (Path(__file__).parents[1] / "fixtures" / "real" / "yunnan_2004_done.txt").read_bytes()
    plan = import_bytes(data, "yunnan_2004_done.txt").plan
    table = office_client.get(reverse("plans:plan-edit", args=[plan.id])).content.decode()
    assert "建设了500个温饱村和安居村</a>" in table
    page = office_client.get(reverse("reporting:task", args=[plan.id, 1])).content.decode()
    assert "建设了500个温饱村和安居村" in page.split("</h1>")[0]


def test_a_plan_the_office_renamed_is_found_again_by_a_corrected_file(db) -> None:
    # 杭州 2019's list bears its lead-in as title ("年度十件实事项目全面完成"): the office renames
    # the plan; the corrected file, imported again, updates it instead of making a second.
    data = (Path(__file__).parents[1] / "fixtures" / "real" / "hangzhou_2019_plan.txt").read_bytes()
    first = import_bytes(data, "hangzhou_2019_plan.txt")
    Plan.objects.filter(pk=first.plan.pk).update(title="杭州市民生实事")
    again = import_bytes(data, "hangzhou_2019_plan.txt")
    assert again.plan.pk == first.plan.pk and not again.plan_created
    assert again.plan.title == "杭州市民生实事"  # the office's name stays
    assert Plan.objects.filter(government=first.plan.government).count() == 1
