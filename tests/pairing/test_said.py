"""An item that prints its task beside its progress is paired on both (景德镇 2016 "3件正在
办理：（1）开工建设1座老城区跨江大桥（签订了…）"); the outcome stored stays the progress."""

from __future__ import annotations

from duban.pairing.core import Outcome, Promise, pair


def test_the_task_text_an_item_prints_is_read_for_the_pairing() -> None:
    promises = [
        Promise(1, "开工建设1座老城区跨江大桥"),
        Promise(2, "新建城区公办幼儿园10所"),
        Promise(3, "改造农村公路300公里"),
    ]
    progress = "签订了施工合同，完成主桥桩基"
    outcomes = [Outcome(1, progress, said="开工建设1座老城区跨江大桥")]
    pairing = pair(promises, outcomes)
    assert [p.promise for p in pairing.for_outcome(1)] == [1]
    assert outcomes[0].text == progress
    # Without it, the progress alone names no task.
    assert not pair(promises, [Outcome(1, progress)]).for_outcome(1)
