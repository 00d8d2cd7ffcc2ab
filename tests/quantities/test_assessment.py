"""Targets, actuals, adjustments and the proposed status, on the texts of real tasks."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from duban.evaluate import evaluate
from duban.quantities import annotate, assess
from tests.conftest import LABELS


def test_gdp_missed_even_the_adjusted_target() -> None:
    r = assess(
        "地区生产总值增长6%左右。",
        "西城区地区生产总值增速由年初设定的6%左右调整为正增长(此调整方案已于2020年12月22日经"
        "区第十六届人大常委会第42次会议审议通过)。2020年度地区生产总值初步核算数50610595万元,"
        "增幅-1.1%。",
    )
    assert [(t.value, t.unit, t.comparator) for t in r.targets] == [(Decimal(6), "%", "approx")]
    matched = [a for a in r.actuals if a.matches_target]
    assert [(a.value, a.unit) for a in matched] == [(Decimal("-1.1"), "%")]
    assert r.adjusted_target_json() == {
        "from": "6%左右",
        "to": "正增长",
        "approved_by": "区第十六届人大常委会第42次会议",
        "date": "2020-12-22",
    }
    assert r.status == "not_met_after_adjustment" and r.evidence == "增幅-1.1%"
    assert "target_missed_after_adjustment" in r.flags


def test_built_not_approved_is_the_actual() -> None:
    r = assess("老楼加装电梯15部。", "已完成22部电梯加装的审批工作,建成19部。")
    (matched,) = [a for a in r.actuals if a.matches_target]
    assert matched.value == 19 and r.status == "exceeded"


def test_area_compared_in_the_targets_unit() -> None:
    r = assess(
        "拆除违法建设10万平方米以上。",
        "截至目前,已拆除违法建筑1559处111876.67平方米,已完成市、区两级拆违任务。",
    )
    (matched,) = [a for a in r.actuals if a.matches_target]
    assert matched.value_in_target_unit == Decimal("11.187667")
    assert r.status == "exceeded"


def test_several_targets_each_find_their_figure() -> None:
    r = assess(
        "新建和提升便民商业服务网点40个、百姓生活服务中心5个。",
        "已完成42个新建网点的工作任务,其中蔬菜零售12家,早餐5家;"
        "已完成新建和提升百姓生活服务中心5家。",
    )
    pairs = {a.target_index: (a.value, a.unit) for a in r.actuals if a.matches_target}
    assert pairs == {0: (Decimal(42), "个"), 1: (Decimal(5), "家")}
    assert r.status == "exceeded"


def test_ceiling_met_is_completed() -> None:
    r = assess(
        "城镇登记失业率控制在1.5%以内。",
        "按原统计口径,城镇登记失业率0.94%;按新统计口径,登记失业率为1.51%。",
    )
    assert r.status == "completed"
    assert [a.value for a in r.actuals if a.matches_target] == [Decimal("0.94")]


def test_figures_under_way_are_not_results() -> None:
    r = assess(
        "完成13个片区电力架空线入地工程。", "截至目前,10个片区正在施工,另外4个片区计划2021年实施。"
    )
    assert not any(a.matches_target for a in r.actuals)
    assert "no_figure_reported" in r.flags


def test_numbers_short_of_target() -> None:
    r = assess("新增义务教育学位5000个。", "全年新增义务教育学位3200个。")
    assert r.status == "not_completed"


def test_one_target_met_one_missed_is_partial() -> None:
    r = assess("新建停车楼2个、新增绿地7000平方米。", "已建成停车楼2个;新增绿地5000平方米。")
    assert r.status == "partial"


def test_claimed_done_but_numbers_short_is_flagged() -> None:
    r = assess("新增绿地7000平方米。", "新增绿地5000平方米,圆满完成全年任务。")
    assert r.status == "not_completed" and "claimed_done_but_numbers_short" in r.flags


@pytest.mark.parametrize(
    ("completion", "status"),
    [
        ("受疫情影响,因此此项任务今年无法完成。", "not_completed"),
        ("受疫情影响,故项目将计划延期至明年上半年举办。", "delayed"),
        ("2020年各街道占道经营动态清零全部达标。", "completed"),
        ("已超额完成年度巡河任务。", "exceeded"),
        ("一是积极推进,二是加强协调。", "ongoing"),
        ("截至12月31日,全年收入413.84亿元,完成调整后方案目标。", "ongoing"),
        # "已完成" ending its clause says the whole is done; counting on, it is a part.
        ("各项工作（已完成）", "completed"),
        ("该项目目前已完成。", "completed"),
        ("12件信访积案已办结，群众满意。", "completed"),
        ("已完成总工程量的80%。", "ongoing"),
        ("已完成投资5亿元，主体施工中。", "ongoing"),
    ],
)
def test_words_decide_when_there_are_no_numbers(completion: str, status: str) -> None:
    assert assess("持续推进相关工作。", completion).status == status


def test_deliverable_echoed_as_done() -> None:
    r = assess("推动北京金融街论坛升级为国家级论坛。", "2020金融街论坛年会升级为国家级论坛。")
    assert r.status == "completed" and "升级为国家级论坛" in r.evidence


def test_labelled_rows_agree(xicheng_doc) -> None:
    """The acceptance gate of the numbers issue, on the 30 hand-labelled rows."""
    import copy

    labels = json.loads(LABELS.read_text("utf-8"))
    report = evaluate(labels, annotate(copy.deepcopy(xicheng_doc)))
    assert report.targets.precision == report.targets.recall == 1.0
    assert report.actuals.precision == report.actuals.recall == 1.0
    assert report.adjustments.tp == report.adjustments.gold == 2
    assert all(report.status_high), report.misses


def test_spans_are_exact_substrings(xicheng_doc) -> None:
    import copy

    doc = annotate(copy.deepcopy(xicheng_doc))
    for task in doc.tasks:
        for t in task.targets:
            assert t["span"] in (task.completion if t.get("stated_in") else task.content)
        for a in task.actuals:
            assert a["span"] in task.completion
        assert task.status in {
            "exceeded",
            "completed",
            "completed_after_adjustment",
            "not_met_after_adjustment",
            "partial",
            "not_completed",
            "delayed",
            "ongoing",
        }


def test_completion_that_opens_with_a_deliverable_done() -> None:
    r = assess("持续深化街区更新工作。", "已完成《西城区街区更新三年行动计划》的编制并印发。")
    assert (r.status, r.confidence) == ("completed", "low")
    r = assess("持续深化街区更新工作。", "一是完成方案编制，二是推进项目实施。")
    assert r.status == "ongoing"


def test_a_count_of_one_thing_is_not_measured_by_a_count_of_another() -> None:
    # 景德镇 2016: the task "在中心城区建设3个汽车加气站", paired (weakly) with the outcome
    # "中心城区新建和改造公厕15座，改造农村旱厕1000座", was proposed 超额完成: only the place
    # is shared. The counted objects must share words.
    r = assess("在中心城区建设3个汽车加气站", "中心城区新建和改造公厕15座，改造农村旱厕1000座")
    assert r.status != "exceeded"
    assert not any(a.matches_target for a in r.actuals)
    assert assess("新建3个停车场", "建成停车场3个").status == "completed"
    assert assess("建设500个温饱村和安居村", "建设了500个温饱村和安居村").status == "completed"


def test_a_bare_wan_after_the_people_it_counts_is_a_target() -> None:
    # "新增受益人口40万" (杭州 2019, labelled unit 万); "培训人数达到40万" (江西 2008). A bare
    # 万 after no such noun stays a number ("投资41.9亿").
    from duban.quantities.matching import targets_of

    assert [(t.value, t.unit) for t in targets_of("新增受益人口40万")] == [(40, "万")]
    assert [(t.value, t.unit, t.comparator) for t in targets_of("培训人数达到40万")] == [
        (40, "万", ">=")
    ]
    assert targets_of("投资41.9亿") == []


def test_a_count_in_the_targets_counter_measures_it_before_one_in_another() -> None:
    # 昆明 2006, 6: the plan "建设30000个家庭和公共生态卫生旱厕"; the outcome "建成家庭式生态卫生
    # 旱厕5.3万多个、公共生态卫生旱厕180多座". The 180座 shares more words, the 5.3万个 the counter.
    r = assess(
        "在滇池周边、饮用水源区农村推广和普及生态卫生旱厕，建设30000个家庭和公共生态卫生旱厕",
        "在滇池周边、饮用水源区农村建成家庭式生态卫生旱厕5.3万多个、公共生态卫生旱厕180多座",
    )
    assert (r.status, r.evidence) == ("exceeded", "5.3万多个")


def test_a_targets_name_leaves_out_words_of_aim_and_time() -> None:
    # What a citizen reads beside the figure: "参保人数 ≥260万", not "力争参保人数"; and the
    # subject of the clause before when the clause names none ("争取今年达到15亿元", 江西 2008).
    from duban.quantities.matching import targets_of

    assert [t.metric for t in targets_of("力争参保人数达到260万")] == ["参保人数"]
    assert [t.metric for t in targets_of("用于支持全民创业的小额贷款增加50%，争取今年达到15亿元")][
        1
    ] == "用于支持全民创业的小额贷款"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # 吉林 2014, 22: two old standards, two new ones; the old are baselines, not targets.
        (
            "城乡低保标准由3400元、2400元提高到4200元、2800元",
            [("城乡低保标准", 4200), ("城乡低保标准", 2800)],
        ),
        ("农村低保人数由100万扩大到150万", [("农村低保人数", 150)]),  # 江西 2008
        ("覆盖率分别达98.5%和96%", [("覆盖率", Decimal("98.5")), ("覆盖率", 96)]),  # 昆明 2006
        ("实现14类230项涉税事项全城办", [("实现涉税事项全城办", 14), ("实现涉税事项全城办", 230)]),
        ("新建X波段相控阵雷达3部", [("新建X波段相控阵雷达", 3)]),  # 成都 2023, 74: not "达3部"
        # Examples named before the figure, what is counted after it: not "轨道交通资阳线等".
        (
            "推动轨道交通加速成网，续建地铁10号线三期、30号线一期及轨道交通资阳线等9个项目",
            [("续建项目", 9)],
        ),  # 成都 2021, 1
        ("改造黄泥头、中华北路等3个农贸市场", [("改造农贸市场", 3)]),  # 景德镇 2016
        ("建成中和、大弯、禾丰、赵镇、竹篙等5座生活垃圾压缩站", [("建成生活垃圾压缩站", 5)]),
    ],
)
def test_what_a_target_measures_is_named_from_its_subject(
    text: str, named: list[tuple[str, object]]
) -> None:
    # What the walk as a citizen read on the public task pages: the old value of "由A提高到B"
    # as a target, "2400元" or "元" as a target's name, "雷达" read as "达 (at least)".
    from duban.quantities.matching import targets_of

    assert [(t.metric, t.value) for t in targets_of(text)] == named


@pytest.mark.parametrize(
    "completion",
    [
        "2003年已完成42万人，剩余18万人到今年3月底可全部完成",  # 云南 2004, item 7
        "化学需氧量、二氧化硫排放量可全部完成预期目标",
        "正在抓紧推进，确保全面完成任务",
    ],
)
def test_a_done_word_in_a_forecast_or_a_pledge_is_no_result(completion: str) -> None:
    assert assess("", completion).status != "completed"
    assert assess("", "年度任务全部完成").status == "completed"
