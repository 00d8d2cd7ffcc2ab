"""The status rule of docs/status-rules.md on real sentences, each rule with its examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from duban.quantities import assess, quantities


def _matched(r):  # type: ignore[no-untyped-def]
    return [(a.value, a.unit) for a in r.actuals if a.matches_target]


def test_task_76_never_compares_suo_with_jia() -> None:
    r = assess(
        "通过调整道路交通组织、完善交通标识标线、增加非现场处罚等形式,持续开展140家中小学和幼儿园、"
        "24家医院周边交通综合治理工作,缓解交通拥堵。",
        "对第一五六中学、志成小学等3所学校以及北京大学第一医院、积水潭医院等5所医院开展组织优化调整。",
    )
    assert _matched(r) == []
    assert r.status == "ongoing" and r.confidence == "low"


def test_ge_counts_the_same_object_as_jia() -> None:
    r = assess(
        "新建和提升便民商业服务网点40个、百姓生活服务中心5个",
        "已完成42个新建网点的工作任务;已完成新建和提升百姓生活服务中心5家",
    )
    assert _matched(r) == [(Decimal(42), "个"), (Decimal(5), "家")]


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("新增城镇就业人数超 1.74 万人", "1.74", "万人", ">"),
        ("收集提供有效就业岗位7.6万多个", "7.6", "万个", ">"),
        ("收到问卷3000余份", "3000", "份", ">"),
        ("城镇新增就业超过5万人", "5", "万人", ">"),
        ("住院补偿比例提高到55%", "55", "%", ">="),
        ("改造棚户区4801套（户）", "4801", "套（户）", "="),
        ("对30万农村特困人口实施了救助", "30", "万农村特困人口", "="),
        ("新建两所优质高中", "2", "所", "="),
        ("改造百个以上重点自然村", "100", "个", ">="),
        ("举办一场招聘会", "1", "场", "="),
    ],
)
def test_numbers_as_printed(text: str, value: str, unit: str, comparator: str) -> None:
    (q,) = quantities(text)
    assert (q.value, q.unit, q.comparator) == (Decimal(value), unit, comparator)


def test_slogans_with_chinese_numerals_are_not_counts() -> None:
    assert [q.counted for q in quantities("打造六个高地")] == [False]
    assert quantities("新增两个千亿级产业") == []


def test_a_target_printed_only_in_the_completion() -> None:
    r = assess(
        "聚焦扬尘、油烟、柴油车等主要污染源,加大监管处罚力度",
        "查处排放超标车5584辆,超额完成5165辆任务指标",
    )
    assert [(t.value, t.stated_in) for t in r.targets] == [(Decimal(5165), "completion")]
    assert _matched(r) == [(Decimal(5584), "辆")] and r.status == "exceeded"
    r = assess("做好就业工作", "完成年度任务（6万名）的195.5%。")
    assert r.status == "exceeded"
    (a,) = [a for a in r.actuals if a.matches_target]
    assert a.value_in_target_unit == Decimal("11.7300")
    r = assess("新建一批养老服务驿站", "新建养老服务驿站96个，超额完成80个的目标任务。")
    assert r.targets[0].value == 80 and r.status == "exceeded"


def test_the_margin_over_the_target_is_not_the_result() -> None:
    r = assess("确保城镇新增就业45万人", "城镇新增就业人数超过年初目标15万人。")
    assert _matched(r) == [] and r.status == "exceeded" and r.confidence == "high"


def test_a_baseline_is_neither_target_nor_result() -> None:
    r = assess(
        "使参加新型合作医疗的农民由去年240万人增加到440万人",
        "参加新型农村合作医疗的农民由上年240万人增加到467万多人",
    )
    assert [(t.value, t.comparator) for t in r.targets] == [(Decimal(440), ">=")]
    assert _matched(r) == [(Decimal(467), "万人")] and r.status == "exceeded"


def test_the_target_restated_before_its_result() -> None:
    r = assess("新建（改造）100座公交候车亭", "新建（改造）100座公交候车亭已完成25座")
    assert _matched(r) == [(Decimal(25), "座")] and r.status == "not_completed"


def test_values_after_fenbie_go_in_order() -> None:
    r = assess(
        "完成农村住房改造1.2万户、农村困难家庭危房改造1150户、农村C级危房治理3000户。",
        "农村住房改造、农村困难家庭危房改造、农村C级危房治理项目分别完成12423户、1150户、3061户。",
    )
    assert [a.target_index for a in r.actuals] == [0, 1, 2]
    assert r.status == "exceeded"


def test_a_total_is_met_by_the_sum_of_its_parts() -> None:
    r = assess(
        "新建改造提升750座公共厕所（其中：城区公厕100座、涉旅游厕所150座、农村公厕500座）。",
        "完成新建改造提升城区公厕250座、涉旅厕所159座、农村公厕690座。",
    )
    assert r.targets[0].parts == [1, 2, 3]
    assert r.status == "exceeded"


def test_the_only_figure_left_is_matched_with_low_confidence() -> None:
    r = assess(
        "实施卫星直播户户通工程，让7.2万户边远群众接收到广播电视", "完成16886户，进度全省第二"
    )
    assert _matched(r) == [(Decimal(16886), "户")]
    assert r.status == "not_completed" and r.confidence == "low"


def test_a_shortfall_with_the_rest_under_way_is_ongoing() -> None:
    r = assess("完成20万平方米绿地建设", "绿地建设完成12万平方米，朱家村立交绿地建设正在抓紧进行")
    assert r.status == "ongoing" and r.confidence == "low"


def test_one_sub_goal_short_while_another_is_done_is_partial() -> None:
    r = assess(
        "新增城乡用电人口60万人，解决和改善农村100万人的饮水困难",
        "解决了农村107.6万人口的饮水困难；计划新增的60万农村人口用电，2003年已完成42万人，"
        "剩余18万人到今年3月底可全部完成",
    )
    assert sorted(_matched(r)) == [(Decimal(42), "万人"), (Decimal("107.6"), "万人口")]
    assert r.status == "partial"


def test_a_threshold_defining_who_is_covered_is_not_a_target() -> None:
    r = assess(
        "对医保个人账户每月低于40元的市属国有企业退休人员实行补助，使近10万名退休人员得到保障", ""
    )
    assert [t.value for t in r.targets] == [Decimal(10)]


def test_a_rate_compares_only_with_a_rate_on_its_basis() -> None:
    r = assess("城市低保每人每月提高50元，安排资金2亿元", "全年发放低保资金2.3亿元")
    assert [(a.value, a.target_index) for a in r.actuals if a.matches_target] == [
        (Decimal("2.3"), 1)
    ]
