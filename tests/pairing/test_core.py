"""The pairing core: completion items with the plan tasks they report on."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from duban.documents import parse_tables_all
from duban.pairing import Outcome, Promise, pair
from duban.pairing.assign import best_assignment
from duban.pairing.core import shared_phrases
from duban.pairing.evaluate import PAIRS, evaluate
from duban.pairing.reading import outcomes_of, promises_of, read_report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REAL, REPORTS = FIXTURES / "real", FIXTURES / "reports"


@pytest.mark.parametrize(("name", "plan"), PAIRS)
def test_every_item_of_the_five_real_pairs_pairs_with_its_labelled_plan_item(name, plan):
    score, pairing = evaluate(REAL, REPORTS, name, plan)
    assert (score.right, score.wrong, score.left_over) == (score.items, 0, 0), score.mistakes
    assert score.tasks_left_over == 0
    assert all(p.reasons for p in pairing.pairs)


@pytest.mark.parametrize(("name", "plan"), PAIRS)
def test_by_content_alone_every_item_pairs_right_too(name, plan):
    score, pairing = evaluate(REAL, REPORTS, name, plan, use_numbers=False)
    assert not pairing.by_number
    assert (score.right, score.wrong, score.left_over) == (score.items, 0, 0), score.mistakes


def test_numbered_lists_pair_by_number_and_unnumbered_clauses_by_content():
    numbered = {name: evaluate(REAL, REPORTS, name, plan)[1].by_number for name, plan in PAIRS}
    assert numbered == {
        "hangzhou_2019_done": True,
        "hubei_2005_done": True,
        "jingdezhen_2023_done": True,
        "kunming_2006_done": False,
        "yunnan_2004_done": False,
    }


def test_one_plan_item_reported_in_two_adjacent_clauses_pairs_both_with_it():
    # 云南 2004 tells the 2003 plan's item 7 (water and power) in two clauses. The reader
    # reads them as one there, for the text counts eight; a list that states no count (本溪
    # 2023) keeps both, and the pairing puts both on the plan's task.
    plans = parse_tables_all(read_report(REPORTS / "yunnan_2003.md"), "yunnan_2003.md")
    plan = next(d for d in plans if d.kind == "plan" and len(d.tasks) == 8)
    done = parse_tables_all(read_report(REAL / "yunnan_2004_done.txt"), "yunnan_2004_done.txt")
    told = next(d for d in done if d.kind == "completion")
    clauses = [c for t in told.tasks for c in (t.completion or "").split("；")]
    assert len(clauses) == 9
    pairing = pair(promises_of(plan), [Outcome(i, c) for i, c in enumerate(clauses, 1)])
    assert [(p.outcome, p.how) for p in pairing.for_promise(7)] == [(7, "content"), (8, "split")]
    assert "continues item 7" in pairing.for_outcome(8)[0].reason
    assert pairing.unmatched_outcomes == [] and pairing.unmatched_promises == []


def test_two_items_reported_in_one_clause_pair_with_both_tasks():
    # 云南 2003's review of the 2002 list: water and biogas in one clause.
    promises = [
        Promise(1, "解决和改善农村100万人口的饮水困难"),
        Promise(2, "扶持农户兴建沼气池15万户"),
        Promise(3, "新增农村人口用电60万人"),
    ]
    outcomes = [
        Outcome(1, "解决了100多万人口的饮水困难，扶持18万农户兴建了沼气池"),
        Outcome(2, "新增60多万农村人口用电"),
    ]
    pairing = pair(promises, outcomes)
    assert {(p.promise, p.outcome) for p in pairing.pairs} == {(1, 1), (2, 1), (3, 2)}
    joint = next(p for p in pairing.pairs if p.how == "joint")
    assert "沼气池" in joint.reason


def test_an_outcome_only_clause_pairs_by_its_nouns_and_its_measure():
    promises = [
        Promise(1, "改造农村公路1万公里"),
        Promise(2, "新建公共厕所500座"),
        Promise(3, "新增城镇就业10万人"),
    ]
    pairing = pair(promises, [Outcome(1, "新改建农村公路1.2万公里")])
    assert [(p.promise, p.how) for p in pairing.pairs] == [(1, "content")]
    assert "1.2万公里" in pairing.pairs[0].reason and "1万公里" in pairing.pairs[0].reason
    assert pairing.unmatched_promises == [2, 3]


def test_numbers_that_disagree_with_the_text_are_not_trusted():
    promises = [
        Promise(1, "改造农村公路1万公里"),
        Promise(2, "新建公共厕所500座"),
        Promise(3, "新增城镇就业10万人"),
    ]
    outcomes = [
        Outcome(1, "新建改造公厕620座", number=1),
        Outcome(2, "城镇新增就业12万人", number=2),
        Outcome(3, "完成农村公路改造1.1万公里", number=3),
    ]
    pairing = pair(promises, outcomes)
    assert not pairing.by_number
    assert {(p.outcome, p.promise) for p in pairing.pairs} == {(1, 2), (2, 3), (3, 1)}


def test_an_item_about_something_else_is_left_over():
    promises = [Promise(1, "改造农村公路1万公里"), Promise(2, "新建公共厕所500座")]
    outcomes = [Outcome(1, "农村公路改造1.1万公里"), Outcome(2, "举办国际马拉松赛事")]
    pairing = pair(promises, outcomes)
    assert [(p.outcome, p.promise) for p in pairing.pairs] == [(1, 1)]
    assert pairing.unmatched_outcomes == [2] and pairing.unmatched_promises == [2]


def test_a_document_about_another_plan_warns():
    promises = [
        Promise(i, text)
        for i, text in enumerate(
            ["改造农村公路1万公里", "新建公共厕所500座", "新增城镇就业10万人", "建设城市书房10个"],
            1,
        )
    ]
    outcomes = [
        Outcome(i, text)
        for i, text in enumerate(
            ["举办国际马拉松赛事", "发射气象卫星", "引进外资企业", "修缮古建筑"], 1
        )
    ]
    assert pair(promises, outcomes).warnings


def test_the_pairing_does_not_depend_on_the_order_of_the_items():
    _score, pairing = evaluate(REAL, REPORTS, "kunming_2006_done", "kunming_2005.md")
    plan = parse_tables_all(read_report(REPORTS / "kunming_2005.md"), "k.md")[1]
    done = parse_tables_all(read_report(REAL / "kunming_2006_done.txt"), "k.txt")[0]
    outcomes = outcomes_of(done)
    random.Random(4).shuffle(outcomes)
    again = pair(promises_of(plan), outcomes)
    assert {(p.outcome, p.promise) for p in again.pairs} == {
        (p.outcome, p.promise) for p in pairing.pairs
    }


def test_empty_lists_leave_everything_over():
    pairing = pair([Promise(1, "改造农村公路1万公里")], [])
    assert pairing.pairs == [] and pairing.unmatched_promises == [1]


def test_best_assignment_maximises_the_total_on_rectangular_matrices():
    assert best_assignment([[0.9, 0.8], [0.85, 0.1]]) == [(0, 1), (1, 0)]
    assert best_assignment([[0.1], [0.7], [0.2]]) == [(1, 0)]
    assert best_assignment([[0.1, 0.7, 0.2]]) == [(0, 1)]
    assert best_assignment([]) == []


def test_shared_phrases_are_the_longest_runs_without_leading_measure_words():
    found = shared_phrases("完成68个重点社区微型消防站升级完善", "升级完善68个重点社区微型消防站")
    assert found == ["重点社区微型消防站", "升级完善"]
