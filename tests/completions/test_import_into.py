"""`duban import COMPLETION --into PLAN`: the government's completion list lands on the plan it
completes, each item on the task it reports on, in one transaction, once."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from duban.audit.models import AuditEntry
from duban.completions.models import CompletionImport, Outcome
from duban.completions.services import choose_completion, import_completion
from duban.pairing.evaluate import PAIRS
from duban.plans.models import Assignment, Plan, Source, Task
from duban.reporting import services as reporting

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REAL, REPORTS = FIXTURES / "real", FIXTURES / "reports"
# The list of each plan report that is the plan (as `duban parse --all` numbers them), and
# whether the reader takes it for the plan (云南 2003's reads as a completion list).
PLAN_LIST = {
    "hangzhou_2018.md": (1, False),
    "hubei_2004.md": (1, False),
    "jingdezhen_2022.md": (2, False),
    "kunming_2005.md": (2, False),
    "yunnan_2003.md": (2, True),
}


def _run(*args: str) -> dict:
    out = StringIO()
    call_command("import", *args, "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def _plan(report: str) -> int:
    number, as_plan = PLAN_LIST[report]
    args = [str(REPORTS / report), "--list", str(number)] + (["--as-plan"] if as_plan else [])
    return _run(*args)["plan"]


def _labelled(name: str) -> list[int]:
    labels = json.loads((REAL / f"{name}.labels.json").read_text(encoding="utf-8"))
    return [t["plan_reference"]["number"] for t in labels["tasks"]]


@pytest.mark.parametrize(("name", "report"), PAIRS)
def test_each_real_completion_pairs_every_item_with_its_labelled_plan_item(db, name, report):
    plan = _plan(report)
    out = _run(str(REAL / f"{name}.txt"), "--into", str(plan))
    labelled = _labelled(name)
    by_item = {}
    for p in out["pairs"]:
        by_item.setdefault(p["item"], []).append(p["task"])
    assert out["unmatched_items"] == [] and out["unmatched_tasks"] == []
    assert by_item == {i: [n] for i, n in enumerate(labelled, 1)}
    assert Outcome.objects.filter(task__plan=plan, state="reported").count() == len(set(labelled))


def test_targets_are_assessed_against_the_completions_figures(db):
    plan = _plan("hangzhou_2018.md")
    _run(str(REAL / "hangzhou_2019_done.txt"), "--into", str(plan))
    task = Task.objects.get(plan=plan, number=1)
    assert task.completion.startswith("按照“四好农村路”要求，完成农村公路提升改造978.6公里")
    assert task.completion_source == Source.COMPLETION
    assert task.proposed_status == "exceeded"
    road = task.indicators.get(metric="提升改造农村公路")
    assert (road.target_text, road.actual_text, road.met) == ("380公里", "978.6公里", True)
    assert road.actual_source == Source.COMPLETION


def test_one_item_in_two_clauses_is_one_completion_and_partly_kept(db):
    plan = _plan("yunnan_2003.md")
    _run(str(REAL / "yunnan_2004_done.txt"), "--into", str(plan))
    task = Task.objects.get(plan=plan, number=7)
    assert task.completion == (
        "解决了农村107.6万人口的饮水困难；计划新增的60万农村人口用电，"
        "2003年已完成42万人，剩余18万人到今年3月底可全部完成。"
    )
    assert task.proposed_status == "partial"
    assert [i["seq"] for i in task.outcome.items] == [7]


def test_importing_the_same_completion_again_changes_nothing(db):
    plan = _plan("kunming_2005.md")
    done = str(REAL / "kunming_2006_done.txt")
    assert _run(done, "--into", str(plan))["changed"] is True
    entries = AuditEntry.objects.count()
    history = Task.history.count()
    again = _run(done, "--into", str(plan))
    assert again["changed"] is False
    assert (AuditEntry.objects.count(), Task.history.count()) == (entries, history)
    assert CompletionImport.objects.filter(plan=plan).count() == 1


def test_a_dry_run_prints_the_pairing_and_writes_nothing(db):
    plan = _plan("hubei_2004.md")
    out = _run(str(REAL / "hubei_2005_done.txt"), "--into", str(plan), "--dry-run")
    assert out["dry_run"] is True and len(out["pairs"]) == 8
    assert {"task", "item", "score"} <= set(out["pairs"][0])
    assert not Outcome.objects.exists() and not CompletionImport.objects.exists()
    assert not Task.objects.filter(plan=plan).exclude(completion="").exists()


def test_a_reimport_of_the_plan_keeps_the_completion_and_its_figures(db):
    plan = _plan("hangzhou_2018.md")
    _run(str(REAL / "hangzhou_2019_done.txt"), "--into", str(plan))
    again = _run(str(REPORTS / "hangzhou_2018.md"))
    assert again["tasks_updated"] == 0
    task = Task.objects.get(plan=plan, number=9)
    assert task.completion.startswith("全市新增城镇就业39.86万人")
    assert task.proposed_status == "exceeded"
    assert task.indicators.get(metric="全市新增城镇就业").actual_text == "39.86万人"


def test_tasks_no_item_reports_on_are_marked_not_reported(db):
    plan = Plan.objects.get(pk=_plan("hubei_2004.md"))
    data = (REAL / "hubei_2005_done.txt").read_bytes()
    result = import_completion(plan, data, "hubei.txt", pairs={1: [1], 2: [2]})
    assert result.unmatched_tasks == [3, 4, 5, 6, 7, 8]
    assert result.unmatched_items == [3, 4, 5, 6, 7, 8]
    outcome = Outcome.objects.get(task__plan=plan, task__number=5)
    assert outcome.state == Outcome.State.NOT_REPORTED and outcome.paired_by_office
    record = CompletionImport.objects.get(plan=plan)
    assert [i["seq"] for i in record.left_over] == [3, 4, 5, 6, 7, 8]


def test_the_office_repairs_and_adds_a_left_over_item_as_a_task(db, people):
    plan = Plan.objects.get(pk=_plan("hubei_2004.md"))
    data = (REAL / "hubei_2005_done.txt").read_bytes()
    pairs = {i: [i] for i in range(1, 8)}
    pairs[7] = [8]  # by hand, against the machine
    result = import_completion(
        plan, data, "hubei.txt", actor=people.office, pairs=pairs, new_tasks=[8]
    )
    assert result.tasks_added == [9]
    assert Task.objects.get(plan=plan, number=9).content.startswith("筹措资金2.18亿元")
    assert Task.objects.get(plan=plan, number=8).outcome.paired_by_office
    assert result.unmatched_tasks == [7]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"duban.completion.imported", "duban.completion.task_added"} <= actions


def test_a_units_accepted_year_end_report_is_kept_and_the_office_chooses(db, people):
    plan = Plan.objects.get(pk=_plan("hubei_2004.md"))
    task = Task.objects.get(plan=plan, number=1)
    Assignment.objects.create(task=task, unit=people.reporter.unit, role="lead")
    report = reporting.save_draft(task, people.reporter, "2004-Y", "全年城镇新增就业60万人。")
    reporting.submit(report, people.reporter)
    reporting.accept(report, people.office)
    result = import_completion(plan, (REAL / "hubei_2005_done.txt").read_bytes(), "h.txt")
    task.refresh_from_db()
    assert task.completion == "全年城镇新增就业60万人。" and task.completion_source == Source.REPORT
    assert result.conflicts == [1]
    outcome = task.outcome
    assert outcome.choice == Outcome.Choice.PENDING
    assert outcome.text == "城镇新增就业人数超过年初目标15万人。"
    choose_completion(outcome, "document", people.office)
    task.refresh_from_db()
    assert task.completion == "城镇新增就业人数超过年初目标15万人。"
    choose_completion(outcome, "report", people.office)
    task.refresh_from_db()
    assert task.completion == "全年城镇新增就业60万人。" and task.completion_source == Source.REPORT
    assert AuditEntry.objects.filter(action="duban.completion.chosen").count() == 2


def test_only_the_office_imports_or_chooses(db, people):
    from django.core.exceptions import PermissionDenied

    plan = Plan.objects.get(pk=_plan("hubei_2004.md"))
    with pytest.raises(PermissionDenied):
        import_completion(
            plan, (REAL / "hubei_2005_done.txt").read_bytes(), "h.txt", actor=people.reporter
        )
    assert not CompletionImport.objects.exists()


def test_bad_input_is_one_line_and_nothing_is_written(db, tmp_path):
    plan = _plan("hubei_2004.md")
    empty = tmp_path / "empty.txt"
    empty.write_text("没有任何清单。\n", encoding="utf-8")
    with pytest.raises(CommandError) as err:
        _run(str(empty), "--into", str(plan))
    assert "\n" not in str(err.value) and "nothing was imported" in str(err.value)
    with pytest.raises(CommandError, match="there is no plan 999"):
        _run(str(REAL / "hubei_2005_done.txt"), "--into", "999")
    data = (REAL / "hubei_2005_done.txt").read_bytes()
    from duban.plans.importing import ImportRefused

    with pytest.raises(ImportRefused, match="42"):
        import_completion(Plan.objects.get(pk=plan), data, "h.txt", pairs={1: [42]})
    assert not Outcome.objects.exists() and not CompletionImport.objects.exists()
