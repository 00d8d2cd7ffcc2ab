"""Stage 3: choose, among the candidate lists, the task lists, saying why for each.

A candidate is taken when its surroundings say it is a task list: the units its items name,
a heading or lead-in with the list's words and count, short items after a sentence that
speaks of the list. Glossaries ("名词解释", entries "X：指…"), chapter and section headings,
the review by work area and work areas after a sentence that ends are refused. Where
candidates overlap, the one with the count the text states, then the longest, is kept.
"""

from __future__ import annotations

import re
from statistics import median

from .. import brackets
from .blocks import Block
from .locate import (
    CLAIM_RE,
    GLOSSARY_HEADING_RE,
    LABEL_RE,
    LIST_WORD_RE,
    TERM_RE,
    UNIT_LABELS,
    Candidate,
    Piece,
)
from .ordinals import list_count, list_counts, stated_count


# C901: a decision list. Each rule, in the order they apply, either decides with its reason or
# passes the candidate on; each is commented with the real reports it was written for.
def judge(c: Candidate, bs: list[Block]) -> None:  # noqa: C901
    """Accept a candidate whose surroundings say it is a task list; say why either way."""
    if c.shape == "groups":  # each paragraph counts its items: see groups.grouped_runs
        c.accepted = True
        return
    texts = [p.text for p in c.pieces]
    with_units = sum(1 for p in c.pieces if _has_units(p))
    context = c.lead + "".join(
        b.text for b in bs[max(0, c.first_index - 3) : c.first_index] if b.short
    )
    if c.shape == "paragraphs":
        heading = _nearest_heading(bs, c.first_index)
        if heading and GLOSSARY_HEADING_RE.search(heading):
            c.reasons.append(f"under the heading “{heading}”: a glossary")
            return
    terms = sum(
        1
        for t in texts
        if (TERM_RE.match(t) and "：指" in t) or re.match(r"^[^，。；：]{1,20}[：:]指", t)
    )
    if terms * 2 >= len(texts) or (
        c.shape == "paragraphs"
        and sum(1 for t in texts if TERM_RE.match(t)) * 4 >= len(texts) * 3
        and not (stated_count(c.lead) or LIST_WORD_RE.search(context))
    ):
        # Entries "X：…" with no 指 are a glossary too, unless the list is introduced: then
        # "X：" is each item's title ("市委、市政府为民办好的十件实事是：" then "1、关心困难群众：
        # （1）新增就业岗位3.8万个；…", 贵阳 2005; under "民生实事": "1.开工建设滨州黄河四桥：
        # 积极推进前期工作…", 滨州 2018).
        c.reasons.append("entries “X：…” define terms: a glossary")
        return
    size = median(len(t) for t in texts)
    if size > 400 and with_units == 0:
        c.reasons.append(f"items of {size:.0f} characters: review paragraphs, not tasks")
        return
    if with_units * 2 >= len(texts):
        c.reasons.append(f"{with_units} of {len(texts)} items name their units")
        c.accepted = True
        return
    if not LIST_WORD_RE.search(context):
        c.reasons.append("no heading or lead-in of a task list, no units")
        return
    c.reasons.append(f"introduced by “{_short(c.lead)}”")
    lead_sentence = _last_sentence(c.lead)
    stated = stated_count(lead_sentence) or stated_count(context)
    if stated and CLAIM_RE.search(lead_sentence) and len(texts) * 10 < stated[0] * 7:
        # A list reported item by item has the items its claim counts; fewer are the year's
        # work areas: 湛江 2021 "十件民生实事全部完成，经济实现了正增长…" then 一是…五是;
        # 黔西南 2020 "“十件民生实事”全面完成。" then 一是教育事业…五是.
        c.reasons.append(f"the claim counts {stated[1]}, the run has {len(texts)}: its review")
        return
    counts = list_counts(lead_sentence)
    own = stated_count(lead_sentence)
    if (
        own
        and own[1].rstrip("的").endswith("方面")
        and not counts
        and not LIST_WORD_RE.search(lead_sentence)
    ):
        # Areas counted with no list's noun open the review or the work by area, whatever list
        # a sentence before names: 甘肃 2023 "10件民生实事全部办结。一年工作中，三个方面倾心最重、
        # 用力最大：一是坚决有力防疫情…"; 湖南 2018 "着重抓了八个方面的工作".
        c.reasons.append(f"the lead-in counts {own[1]}, areas: not a list")
        return
    if (fields := _FIELDS_RE.search(lead_sentence)) and not LIST_WORD_RE.search(lead_sentence):
        # Fields (领域) counted in the lead-in are areas too, whatever list the heading names:
        # 深圳 2009 "（八）实现十大工作突破，办好十件民生实事" over "…确定了10个重点领域或关键
        # 环节，…" then "一是国家创新型城市建设要有新突破。…" (the 实事 follow); 淮安 2014 "今年，
        # 重点在三大领域取得突破：" then "全面深化各项改革。…" (three paragraphs).
        c.reasons.append(f"the lead-in counts {fields[0]}, areas: not a list")
        return
    if own and _areas_of_programmes(lead_sentence, own[1]):
        # Areas of a programme, not its projects: 南昌 2010 "…实施好八个方面的民生工程。" then
        # "一是千方百计扩大就业促进创业。落实…"; 鄂尔多斯 2015 "…重点实施六个方面民生工程：一是扎实
        # 推进创业就业，…二是全面推进“十个全覆盖”工程，…" (方面 of 实事 are a list's groups: "继续
        # 办好十方面民生实事", 浙江 2026).
        c.reasons.append(f"the lead-in counts {own[1]}of a programme: its areas, not a list")
        return
    if (
        counts
        and all(abs(len(texts) - n) > 1 for n in counts)
        and (len(texts) * 10 < min(counts) * 7)
    ):
        # A lead-in may count the groups and the items (甘肃 2012 "10项32件" over ten groups);
        # a run that is neither is another enumeration: 深圳 2018 "全年办好九大类40项民生实事"
        # then 一是…五是 by area, 深圳 2019 "十个方面40项民生实事" then 一是…六是.
        c.reasons.append(f"the text counts {counts}, the run has {len(texts)}: not that list")
        return
    if (
        stated
        and len(texts) * 10 < stated[0] * 7
        and not any(abs(len(texts) - n) <= 1 for n in counts)
    ):
        # 南京 2021 "50件…遴选时主要考虑：一是…四是"; 云浮 2014 "…“十件民生实事”…主要体现在：
        # 一是…六是": a run far short of the count stated is another enumeration. (A run of the
        # groups the lead-in counts with its items is not: 海口 2013 "继续办好8个方面20件民生实事。
        # 一是…八是".)
        c.reasons.append(f"the text states {stated[1]}, the run has {len(texts)}: not that list")
        return
    if (
        c.shape == "inline"
        and not c.pieces[0].status
        and not stated
        and not (
            lead_sentence.endswith(("：", ":"))
            and LIST_WORD_RE.search(last_clause := re.split(r"[，,；;]", lead_sentence)[-1])
            and "了" not in last_clause
        )
        and not (_names_the_list(lead_sentence) and len(texts) >= 5)
        and not _many_short_after_a_mention(lead_sentence, texts)
    ):
        # Work areas follow a sentence that ends: 苏州 2021 "扎实办好各项民生实事，不断提高…
        # 安全感。一是实施就业优先政策。…"; 哈尔滨 2018 "…推动城市管理提档升级。一是…".
        # Lists follow a sentence that states their count ("年度十件实事项目全面完成。①", 杭州
        # 2019; the run-in heading "办好十件民生实事。今年…一是", 太原 2025), or a lead-in that
        # opens them naming them ("办好以下民生实事：", 那曲 2023; "主要是：" alone opens areas,
        # as 太原 2006 "…今年市政府要着力解决人民群众反映强烈的热点、难点问题：一是…").
        c.reasons.append("the sentence before the run neither names a list nor states a count")
        return
    if (
        c.shape == "paragraphs"
        and not with_units
        and len(c.lead) > 40
        and lead_sentence.endswith("。")
        and not stated
        and not list_counts(lead_sentence)
        and not _names_the_list(lead_sentence)
        and not heading_then_lead_in(c.lead)
        and not any(
            LIST_WORD_RE.search(b.text.replace("完成情况", ""))
            for b in _headings_above(bs, c.first_index)
        )
    ):
        # Paragraphs after a paragraph of prose that ends without opening them are the
        # report's own sections: 浙江 2023 "…奋力谱写中国式现代化浙江篇章。" then "（一）建设浙江
        # 特色现代化产业体系…"; 陕西 2013 "…分别削减2.1%、1.5%、2.3%和1%。" then "（一）切实加大
        # 经济运行调节力度…", under "一、五次会议确定任务的完成情况和五年工作回顾" (完成情况
        # alone names the review's chapter). A list is opened by its lead-in, heading or count.
        c.reasons.append("the paragraph before the run is prose that does not open a list")
        return
    headlines = sum(1 for t in texts if _headline(t))
    announced = (
        list_count(lead_sentence)
        or list_count(context, grand=False)
        or heading_then_lead_in(c.lead)
        or (len(c.lead) <= 40 and "。" not in c.lead and LIST_WORD_RE.search(c.lead))
    )
    named = announced or _names_the_list(lead_sentence)
    counted = list_count(lead_sentence) or list_count(context, grand=False)
    if (
        headlines * 2 > len(texts)
        and counted
        and counted != len(texts)
        and (abs(counted - len(texts)) > 1 or len(_ITEM_COUNT_RE.findall(lead_sentence)) > 1)
        and len(texts) not in list_counts(lead_sentence or context)
    ):
        # Items opening with a headline are the list a count announces if about as many, or,
        # where the lead-in counts two lists, exactly as many: 深圳 2017 "…完成12项重大民生工程
        # 投资300亿元，办好119件年度民生实事…。" then eleven areas, "一是扩大基础教育学位供给。…".
        # Kept: "要继续办好10件实事：一是就业再就业工程，…" (东莞 2007), "扎实办好10方面民生实事。
        # 一是促进高质量充分就业。" (吉林 2023), and one short or over where one count is stated.
        c.reasons.append(f"{headlines} headlines for the {counted} the text counts: work areas")
        return
    if (
        c.shape == "paragraphs"
        and headlines * 2 > len(texts)
        and _programmes(lead_sentence or context)
        and median(_sentences(t) for t in texts) >= 4
    ):
        # Programmes (工程, not 实事) each opened by its slogan and told in a long narrative
        # are the chapter's areas: 乌鲁木齐 2018 "通过持续推进“九大惠民工程”，…" then
        # "（一）继续实施安全惠民工程。深化…" (5 sentences an item); 黑龙江 2009 "今年，
        # 我们要继续实施“十项民生工程”：（一）坚持优先发展教育，努力解决教育公平问题。…"
        # (8). A programme list's items say what each does in a sentence or two: "一是就业
        # 促进工程。实施积极的就业政策，城镇新增就业5.4万人…" (邢台 2014), "**1.社保惠民
        # 工程。**筹措资金61.25亿元，…" (广西 2012, 2.5). Run into one paragraph,
        # programmes are a list however long (石家庄 2012 "集中实施十大民生工程…实施就业
        # 保障工程。…", 辽源 2015 "重点推进十项民生工程…一是创业富民工程。…").
        c.reasons.append("programmes told in long narratives, a slogan each: work areas")
        return
    if headlines * 2 > len(texts) and named and not announced and _in_passing(c, lead_sentence):
        # A sentence of several clauses that ends on 实事 names them in passing; the sections
        # that follow, a slogan each, are the chapter's work areas: 河北 2015 "…但我们要千方百计
        # 增加民生投入，办好民生实事。" then "一是积极扩大就业规模。…"; 乌鲁木齐 2021 "…健全基本公共
        # 服务体系，持续办好利民惠民实事。" then "（一）坚持就业优先战略。…". Kept: a lead-in of one
        # clause ("继续办好民生实事。", 东营 2021), and items that name themselves with the
        # list's noun ("…计划实施“五位”惠民行动。" then "一是“岗位”惠民行动。", 乌兰察布 2022).
        c.reasons.append("the list is named in passing, and the items are work areas")
        return
    if (
        headlines * 2 > len(texts)
        and not named
        and not _many_short_after_a_mention(lead_sentence, texts)
    ):
        # Work areas open each item with a short slogan sentence and go on in prose:
        # 乌鲁木齐 2018 "（一）继续实施安全惠民工程。深化安全生产领域改革…", 昆明 2019
        # "一是高质量发展的基础还不够牢。产业支撑不足…". Lists whose count is stated with their
        # noun may print item titles so ("要继续办好10件实事：一是就业再就业工程，解决60万人…",
        # 东莞 2007; "扎实办好10方面民生实事。一是促进高质量充分就业。", 吉林 2023): they are kept;
        # "着重抓了八个方面的工作" (湖南 2018) counts areas.
        c.reasons.append(f"{headlines} of {len(texts)} items open with a headline: work areas")
        return
    told = median(_told(p) for p in c.pieces)
    if told > 250 and CLAIM_RE.search(_last_sentence(c.lead)):
        # After the year's claim, the review goes on by work area in long paragraphs: 金华 2021
        # "十方面民生实事圆满完成。" then "（一）强智控抢复工，打好疫情防控阻击战。率先建立…";
        # 湛江 2021 "十件民生实事全部完成，经济实现了正增长…一是全力稳增长。坚持多措并举…"; or
        # by headings over paragraphs: 贵阳 2005 "…年初确定的10件实事基本完成，各项社会事业都取得
        # 了新的成绩。" then "（一）固定资产投资规模稳步增长，投资结构进一步优化。" over figures.
        c.reasons.append(f"items of {told:.0f} characters after the year's claim: its review")
        return
    if c.shape == "paragraphs" and size > 250 and not list_count(c.lead):
        c.reasons.append(f"items of {size:.0f} characters with no stated count: work areas")
        return
    c.accepted = True


# A run-in heading that names the list in its last words: 郑州 2020 "认真办好民生重点实事。新增城镇
# 就业11.4万人…"; 东营 2021 "继续办好民生实事。饮用水质提标工程。…"; 郴州 2020 "…继续实施“十大惠民
# 工程”。"; 浙江 2013 "…办好以下实事。". Work areas mention 实事 earlier and go on: 苏州 2021
# "扎实办好各项民生实事，不断提高…安全感。一是实施就业优先政策". Named so, a list has five
# items or more (汉中 2021: 6); four paragraphs after "为群众多办实事，办好实事。" are areas (甘肃
# 1997 "一是要集中精力抓好经济建设…").
NAMES_LIST_RE = re.compile(
    r"(?:实事|民生工程|惠民工程|民心工程|惠民行动|民生行动|实事项目|民生项目)[”」』\s]*(?:项目)?[”」』\s]*[。：:]?$"
)


_ITEM_COUNT_RE = re.compile(r"(?:\d{1,3}|[０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*[项件]")
_FIELDS_RE = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[个大](?:重点|关键|主要)?领域")


def _told(p: Piece) -> int:
    """An item's length with the paragraphs under it that are not label lines ("目标任务：…",
    "牵头单位：…"): a heading on a line of its own is told in them."""
    return len(p.text) + sum(len(b.text) for b in p.labels if not LABEL_RE.match(b.text))


def _in_passing(c: Candidate, sentence: str) -> bool:
    """The lead-in, which names the list in its last words only, does so in the last clause
    of a longer sentence (no count of any size, no colon, no 以下), and most items' headlines
    do not carry a list's noun (one of 乌鲁木齐 2021's eight sections is "持续办好民生实事。")."""
    if (
        stated_count(sentence)
        # A count of any size announces the list ("…“三优三安四提升”100项民生实事项目。", 宿迁
        # 2020: counts of 100 and more are not read as a list's, they may be its scope).
        or re.search(r"[\d０-９]+\s*[项件个]", sentence)
        or sentence.endswith(("：", ":"))
        or re.search(r"以下|如下", sentence)
        or not re.search(r"[，,]", sentence)
    ):
        return False
    heads = [p.text[: brackets.sentence_end(p.text, 0)] for p in c.pieces]
    return sum(1 for h in heads if LIST_WORD_RE.search(h)) * 2 < len(heads)


def _areas_of_programmes(sentence: str, span: str) -> bool:
    """The count is of 方面 and what they are of is a 工程, not the list's 实事 or 项目."""
    if not span.rstrip("的").endswith("方面"):
        return False
    after = sentence[sentence.find(span) + len(span) :]
    return bool(re.match(r"^[^，,；;。：:实项事]{0,6}工程", after))


def _programmes(text: str) -> bool:
    """A lead-in that names 工程 (programmes) and not the list's 实事 or 项目."""
    return "工程" in text and not re.search(r"实事|项目|事项", text)


def _sentences(text: str) -> int:
    return sum(1 for s in re.split(r"(?<=[。！？])", text) if s.strip("。！？ "))


def _names_the_list(sentence: str) -> bool:
    last = re.split(r"[，,；;]", sentence.strip())[-1]
    if "了" in last:
        # The review tells what was done, by area: 克孜勒苏 2021 "…办成了许多惠民利民的实事。
        # 一是始终坚持多渠道扩大就业。累计实现…"; 榆林 2014 "特别是我们做了一些打基础、利长远的
        # 大事、难事和实事：一是兑现了…".
        return False
    if NAMES_LIST_RE.search(last) and LIST_WORD_RE.search(last):
        return True
    # Or a short claim of the list, its run-in heading: 杭州 2009 "实事项目全面完成。市区开工
    # 建设廉租房…"; 杭州 2010 "为民办实事项目全面完成。…".
    return len(sentence) <= 20 and bool(LIST_WORD_RE.search(sentence) and CLAIM_RE.search(sentence))


def heading_then_lead_in(text: str) -> bool:
    """A run-in heading that names the list, then a short lead-in that opens it: 南京 2013
    "着重推进民生实事项目。今年的重点是：", 广西 2010 "…为民办实事。实施好以下十项为民办实事
    工程："."""
    parts = [p.strip() for p in re.split(r"(?<=[。！？])", text.strip()) if p.strip()]
    if len(parts) < 2 or not parts[-1].endswith(("：", ":")) or len(parts[-1]) > 16:
        return False
    heading = _RUN_IN_HEADING_RE.sub("", parts[-2])
    return len(heading) <= 20 and _names_the_list(heading)


_RUN_IN_HEADING_RE = re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[．.、])")


def _many_short_after_a_mention(sentence: str, texts: list[str]) -> bool:
    """Eight items or more, short, after a sentence that speaks of the list without naming or
    counting it: 浙江 2008 "…把为民办实事摆在更加突出的位置。" then ten "在就业方面，帮助25万名…"
    (81 characters each); 东营 2025 "…扎实办好民生实事，让高质量发展成果…惠及全市人民。" then
    fifteen titles "开展校园周边安全整治行动。". Work areas after such a sentence are fewer and
    long (苏州 2021 five of 197 characters, 甘肃 1997 four) or open each with a slogan that more
    text follows, as the review does: 陕西 2015 "（六）按照兜底补短要求办好民生实事，人民群众
    享受到更多改革发展成果。一是就业基本稳定。城镇新增就业43.6万人…"."""
    size = median(len(t) for t in texts)
    slogans = sum(1 for t in texts if _headline(t) and len(t) > 21)
    return (
        len(texts) >= 8
        and size <= 120
        and slogans * 2 <= len(texts)
        and bool(LIST_WORD_RE.search(sentence))
        and "了" not in sentence
    )


def _last_sentence(text: str) -> str:
    parts = [p for p in re.split(r"(?<=[。！？])", text.strip()) if p.strip()]
    return parts[-1].strip() if parts else ""


def _headline(text: str) -> bool:
    """A short sentence (at most 20 characters) that more text follows, or stands alone as
    the last, cut item of a run of areas ("治理城市生态环境。")."""
    end = brackets.sentence_end(text, 0)
    return end <= 21 and text[end - 1 : end] == "。" and (len(text) > end + 10 or len(text) <= 21)


def _short(text: str) -> str:
    return text if len(text) <= 40 else "…" + text[-38:]


def _has_units(p: Piece) -> bool:
    return any(
        (m := LABEL_RE.match(b.text)) and m.group(1) in UNIT_LABELS for b in p.labels
    ) or bool(
        re.search(r"[（(]\s*(?:牵头|主办|责任)[^）)]{0,6}[:：]|负责[)）]|牵头[，,、)）]", p.text)
    )


def _headings_above(bs: list[Block], index: int) -> list[Block]:
    return [b for b in bs[max(0, index - 3) : index] if b.short]


def _nearest_heading(bs: list[Block], index: int) -> str | None:
    for b in reversed(bs[max(0, index - 4) : index]):
        if b.short:
            return b.text
    return None


def choose(found: list[Candidate], bs: list[Block]) -> list[Candidate]:
    for c in found:
        judge(c, bs)
    kept: list[Candidate] = []
    for c in found:
        if not c.accepted:
            continue
        clash = [k for k in kept if _overlap(k, c)]
        if not clash:
            kept.append(c)
            continue
        if all(_rank(c) > _rank(k) for k in clash):
            kept = [k for k in kept if k not in clash] + [c]
    kept.sort(key=lambda c: (c.pieces[0].line, c.pieces[0].char_start))
    return kept


def _overlap(a: Candidate, b: Candidate) -> bool:
    (a1, a2), (b1, b2) = a.lines, b.lines
    return a1 <= b2 and b1 <= a2


def _rank(c: Candidate) -> tuple[int, int]:
    stated = c.stated or (found[0] if (found := stated_count(c.lead)) else None)
    # Each group of a list in groups states its count: the groups beat each one alone.
    exact = 1 if stated == len(c.pieces) or c.shape == "groups" else 0
    return exact, len(c.pieces)
