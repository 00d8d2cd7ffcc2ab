"""Stage 2: find the candidate lists of a report, anywhere in its blocks.

Four shapes hold a list (each seen in at least two governments' reports):

- a **paragraph run**: paragraphs opening 1, 2, 3 … of one numbering style, with unit lines
  or a "目标任务：" body between them and group headings above them (成都 2021 "一、交通出行"
  over "1."–"72."; 昆明 2021 "1．" then "牵头单位：" / "责任单位："; 普洱 2022 "一、" then
  "目标任务：" / "主办单位："; 杭州 2019 "1."–"10."), paragraphs opening 一是 (吉林 2023,
  深圳 2007), and titled items over one body paragraph (昆明 2018, 广东 2017);
- an **inline run**: the numbers inside one paragraph, each after a sentence or clause end
  (湖北 2005 "（1）…（8）", 昆明 2006 and 云南 2004 "一是…十是", 杭州 2019 and 景德镇 2023
  "①…⑩", 景德镇 2016 "1．…10．"), status groups in consecutive paragraphs included (景德镇
  2016 "7件已完成：（1）…" then "3件正在办理：（1）…");
- a **clause run**: a lead-in that states the count ("2005年承诺的10件实事基本完成：",
  昆明 2006; "承诺的8件实事完成情况如下：", 云南 2004) and clauses split by "；";
- a **sentence run**: the same lead-in followed by plain sentences with no ordinals
  ("重点办好１０件实事：", 哈尔滨 2003).

Every candidate keeps the reasons it was taken or refused; `choose` keeps the ones whose
surroundings say they are task lists. Glossaries ("名词解释", entries "X：指…"), chapter and
section headings, and review paragraphs by work area are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from .. import brackets
from .blocks import Block
from .ordinals import (
    INLINE_STYLES,
    LEVEL,
    PARAGRAPH_STYLES,
    any_opening,
    list_count,
    list_counts,
    marker,
    opening,
    stated_count,
)

# The labels of an item's lines. The units are named by their role, 单位 or 部门: "牵头单位：
# 市住建局" (成都 2023), "责任部门：…", "实施部门：市建设局" (银川 2013 附件, under "主要内容：…").
LABEL_RE = re.compile(
    r"^(牵头责任单位|牵头单位|责任单位|主办单位|主责单位|责任部门|实施部门|实施单位|"
    r"协办单位|配合单位|协同单位|"
    r"目标任务|工作目标|主要内容|建设内容|完成情况|进展情况|推进情况|落实情况|实际进度|"
    r"完成时限|时间节点)\s*[:：]"
)
UNIT_LABELS = (
    "牵头责任单位",
    "牵头单位",
    "责任单位",
    "主办单位",
    "主责单位",
    "责任部门",
    "实施部门",
    "实施单位",
    "协办单位",
    "配合单位",
    "协同单位",
)
# Words of the headings and lead-ins that introduce a task list ("十件惠民实事", "十大民生
# 工程", "10个方面的民生项目"); 民生 or 项目 alone are any chapter's words ("民生持续改善"),
# and so is 重点任务 in a report's prose ("今后五年政府工作重点任务是：（一）…", 四平 2022;
# "重点工作任务是：一是…", 湘西 2022) — a 重点工作任务 list names its units, which is enough.
# 民生事项 is mostly the items of a service hall ("民生事项实现“一证通办”"); counted in 件, a list:
# 吉林 2015 "组织实施十个方面80件民生事项：", 广元 2014 "认真抓好15件市定重点民生事项：".
LIST_WORD_RE = re.compile(
    r"实事|民生工程|惠民工程|民心工程|惠民行动|民生项目|惠民项目|为民办|完成情况|"
    r"项目清单|重大项目|牵头单位|件[^，,。；;]{0,6}民生事项"
)
GLOSSARY_HEADING_RE = re.compile(r"名词解释|名词注释|注\s*释|注\s*解|释\s*义|附注")
TERM_RE = re.compile(r"^[^，。；：:,;]{1,30}[：:]")
BOUNDARY = "：:。；;！？!? \u3000"
# Ordinals that cannot be a figure may follow a comma too: 广东 2016 "一是巩固提升底线民生保障
# 水平，二是加大对困难弱势群体帮扶力度，三是…"; 中山 2016 "一是饮水安全工程，二是放心食品工程";
# and a stray ASCII period (揭阳 2018 "…覆盖率提高至68%.三是…"). "，2.5万人" stays a figure.
WORD_BOUNDARY = BOUNDARY + "，,."
STATUS_GROUP_RE = re.compile(
    r"^(?:其中[，,]?)?(\d{1,2}|[一二三四五六七八九十两]{1,3})\s*(?:件|项)\s*"
    r"(已完成|已经完成|全面完成|基本完成|正在办理|正在实施|正在推进|正在建设|推进中|未完成|"
    r"未能完成|延期|有序推进)[^：:]{0,10}[：:]"
)
LEAD_IN_RE = re.compile(r"(实事|项目|工程)[^：:。]{0,20}[：:]$|如下[：:]$")


@dataclass
class Piece:
    """One item as found: its text after the number, and the label lines under it."""

    line: int
    char_start: int
    text: str
    number: int | None
    labels: list[Block] = field(default_factory=list)
    category: str | None = None
    status: str | None = None


@dataclass
class Candidate:
    shape: str  # paragraphs, inline, clauses, sentences
    pieces: list[Piece]
    lead: str  # the text that introduces the list (heading, lead-in)
    lead_line: int
    first_index: int  # index of the first block of the list
    last_index: int
    style: str | None = None
    reasons: list[str] = field(default_factory=list)
    accepted: bool = False
    # Breaks in the numbering the run went on past: (line, what) — an item missing, or
    # numbered otherwise than its place. Each is a warning, and a row the reader may lack.
    breaks: list[tuple[int, str, int, str]] = field(default_factory=list)

    @property
    def lines(self) -> tuple[int, int]:
        first = self.pieces[0].line
        last = max(p.labels[-1].line if p.labels else p.line for p in self.pieces)
        return first, last


def candidates(bs: list[Block]) -> list[Candidate]:
    found = [*paragraph_runs(bs), *inline_runs(bs), *unnumbered_runs(bs)]
    found.sort(key=lambda c: (c.pieces[0].line, c.pieces[0].char_start))
    return found


# -- paragraph runs -------------------------------------------------------------------------


def paragraph_runs(bs: list[Block]) -> list[Candidate]:
    out = []
    for style in PARAGRAPH_STYLES:
        i = 0
        while i < len(bs):
            run = _grow(bs, i, style) if opening(style, 1, bs[i].text) is not None else None
            if run is not None and len(run.pieces) >= 3:
                out.append(run)
                i = run.last_index + 1
            else:
                i += 1
    return out


def _group_heading(b: Block, style: str) -> bool:
    """A short line over a group of items: a higher-level ordinal ("一、交通出行" over "1.")."""
    if not b.short or LABEL_RE.match(b.text):
        return False
    opened = any_opening(b.text)
    return opened is not None and LEVEL[opened[0]] < LEVEL[style]


def _heading_text(b: Block) -> str:
    opened = any_opening(b.text)
    text = b.text
    if opened:
        m = marker(opened[0], opened[1]).match(text)
        text = text[m.end() :] if m else text
    return text.rstrip("。")


def _grow(bs: list[Block], i: int, style: str) -> Candidate | None:
    pieces: list[Piece] = []
    breaks: list[tuple[int, str, int, str]] = []
    expected, j = 1, i
    category = _heading_text(bs[i - 1]) if i > 0 and _group_heading(bs[i - 1], style) else None
    while j < len(bs):
        b = bs[j]
        k = opening(style, expected, b.text)
        if k is not None:
            pieces.append(Piece(b.line, k, b.text[k:], expected, category=category))
            expected += 1
        elif pieces and LABEL_RE.match(b.text) and not _item_label_heavy(pieces[-1]):
            pieces[-1].labels.append(b)
        elif pieces and (n := _body_run(bs, j, style, expected, pieces)):
            pieces[-1].labels.extend(bs[j : j + n])
            j += n
            continue
        elif (
            pieces
            and _group_heading(b, style)
            and j + 1 < len(bs)
            and (
                opening(style, expected, bs[j + 1].text) is not None
                or opening(style, 1, bs[j + 1].text) is not None
            )
        ):
            category = _heading_text(b)
            if opening(style, expected, bs[j + 1].text) is None:
                expected = 1  # numbering restarts in each group
        elif len(pieces) >= 3 and (past := _past_a_break(bs, j, style, expected)):
            # One number skipped or misprinted does not end a list: 成都 2021 without its
            # line "10.建成中和…" goes on at "11."; a "1O." or a second "9." between 9 and 11
            # is item 10. The break is said, and the import then removes no task.
            kind, k, printed = past
            if kind == "missing":
                breaks.append((b.line, "missing", expected, printed))
                expected += 1
                continue
            breaks.append((b.line, "misnumbered", expected, printed))
            pieces.append(Piece(b.line, k, b.text[k:], expected, category=category))
            expected += 1
        else:
            break
        j += 1
    if not pieces:
        return None
    start = i - 1 if category is not None and pieces[0].category is not None else i
    lead, lead_line = _lead_before(bs, start)
    return Candidate("paragraphs", pieces, lead, lead_line, i, j - 1, style, breaks=breaks)


_LOOSE_MARKER_RE = re.compile(r"^\s*([0-9０-９OoIl〇一二三四五六七八九十]{1,3})\s*[.．、]")


def _past_a_break(
    bs: list[Block], j: int, style: str, expected: int
) -> tuple[str, int, str] | None:
    """("missing", 0, printed) when bs[j] is item expected+1 (expected is not printed);
    ("misnumbered", marker length, printed) when bs[j] is numbered otherwise and bs[j+1] is
    item expected+1; None when the run ends here."""
    b = bs[j]
    if b.short and not opening(style, expected + 1, b.text):
        return None
    if opening(style, expected + 1, b.text) is not None and (
        j + 1 >= len(bs)
        or opening(style, expected + 2, bs[j + 1].text) is not None
        or not bs[j + 1].short
    ):
        m = _LOOSE_MARKER_RE.match(b.text)
        return "missing", 0, m.group(1) if m else str(expected + 1)
    m = _LOOSE_MARKER_RE.match(b.text)
    if m and j + 1 < len(bs) and opening(style, expected + 1, bs[j + 1].text) is not None:
        return "misnumbered", m.end(), m.group(1)
    return None


# A report's chapters are titled too, but run on for paragraphs, or hold a numbered run of
# their own: 白山 2016 "（一）突出投资拉动，推进项目建设" over "…一是全面…二是…"; 七台河 2014
# "（五）加快发展社会事业，着力保障和改善民生" over "…加快实施城市供水工程。（20）全力做好…".
SECTION_BODY_RE = re.compile(
    r"(?:^|[。；：])(?:[一二三四五六七八九十]是|[（(]\d{1,2}[)）]|[①-⑳])(?:.*?[。；：])"
    r"(?:[一二三四五六七八九十]是|[（(]\d{1,2}[)）]|[①-⑳])"
)


def _is_title(piece: Piece) -> bool:
    return len(piece.text) <= 40 and "。" not in piece.text.rstrip("。")


def _body_run(bs: list[Block], j: int, style: str, expected: int, pieces: list[Piece]) -> int:
    """How many paragraphs from bs[j] are the unlabelled body of the titled item before them.

    Items printed as a title line over their text: 昆明 2018 "**一、 实施脱贫攻坚工程**" then
    "全面完成重点县区农村危房改造工程，…" then "牵头单位：…"; 广东 2017 "**二、加大扶贫济困力度**"
    then "实施精准扶贫精准脱贫计划，…". The body runs to the next item; after the last item it
    is as long as the longest body before it, so the prose after a list stays out.
    """
    if not _is_title(pieces[-1]) or pieces[-1].labels:
        return 0
    k = j
    while (
        k < len(bs)
        and not bs[k].short
        and not LABEL_RE.match(bs[k].text)
        and (opening(style, expected, bs[k].text) is None)
    ):
        k += 1
    n = k - j
    if n != 1 or SECTION_BODY_RE.search(bs[j].text):
        return 0
    if k < len(bs) and (
        opening(style, expected, bs[k].text) is not None
        or LABEL_RE.match(bs[k].text)
        or (
            _group_heading(bs[k], style)
            and k + 1 < len(bs)
            and opening(style, 1, bs[k + 1].text) is not None
        )
    ):
        return n
    before = [sum(1 for b in p.labels if not LABEL_RE.match(b.text)) for p in pieces[:-1]]
    return min(n, max(before, default=0))


def _item_label_heavy(piece: Piece) -> bool:
    return len(piece.labels) >= 6


def _lead_before(bs: list[Block], start: int) -> tuple[str, int]:
    """The heading or lead-in just above a list: the nearest block (and a heading above it)."""
    if start <= 0:
        return "", 0
    b = bs[start - 1]
    return b.text, b.line


# -- inline runs ----------------------------------------------------------------------------


def _at_boundary(text: str, pos: int, style: str = "arabic") -> bool:
    marks = BOUNDARY if style in ("arabic", "paren_arabic") else WORD_BOUNDARY
    return pos == 0 or text[pos - 1] in marks


def _inline_markers(text: str, style: str, start: int = 0) -> list[tuple[int, int, int]]:
    """(number, start, end) of markers 1, 2, 3 … each after a sentence or clause end."""
    found: list[tuple[int, int, int]] = []
    n, pos = 1, start
    while True:
        pattern = marker(style, n)
        hit = None
        for m in pattern.finditer(text, pos):
            if _at_boundary(text, m.start(), style):
                hit = m
                break
        if hit is None:
            return found
        found.append((n, hit.start(), hit.end()))
        n, pos = n + 1, hit.end()


def inline_runs(bs: list[Block]) -> list[Candidate]:
    out: list[Candidate] = []
    for index, b in enumerate(bs):
        best: list[tuple[int, int, int]] = []
        best_style = ""
        for style in INLINE_STYLES:
            found = _inline_markers(b.text, style)
            if len(found) > len(best) and found[0][1] < len(b.text):
                best, best_style = found, style
        if len(best) < 3 and not (len(best) >= 1 and STATUS_GROUP_RE.match(b.text)):
            continue
        if best[0][1] == 0 and best_style in PARAGRAPH_STYLES and index:
            # A paragraph opening "1." that goes on "2." inside is one paragraph run item
            # unless the rest of the run is inline too: keep it, the choice sorts it out.
            pass
        pieces = []
        for (n, _s, e), nxt in zip(best, [*best[1:], None], strict=True):
            end = nxt[1] if nxt else brackets.sentence_end(b.text, e)
            pieces.append(Piece(b.line, e, b.text[e:end], n))
        _trim_separators(pieces)
        lead = b.text[: best[0][1]]
        out.append(Candidate("inline", pieces, lead, b.line, index, index, best_style))
    return _status_groups(out, bs)


def _trim_separators(pieces: list[Piece]) -> None:
    """Items run together with "；" or "，" lose it, and the "。" closing the run leaves the last
    item (云南 2004 "一是…；二是…；…十是…。"; 景德镇 2016 "（1）…；（2）…；…（7）…。"; 广东 2016
    "一是巩固提升底线民生保障水平，二是…"); items
    that are sentences keep their "。" (湖北 2005 "（1）…。（2）…。")."""
    ends = [p.text.rstrip()[-1:] for p in pieces[:-1]]
    by_clause = sum(1 for e in ends if e in "；;，,") * 2 > len(ends)
    for p in pieces:
        p.text = p.text.rstrip()
        if p.text.endswith(("；", ";", "，", ",")) or (by_clause and p is pieces[-1]):
            p.text = p.text[:-1] if p.text[-1:] in "；;，,。" else p.text


def _status_groups(runs: list[Candidate], bs: list[Block]) -> list[Candidate]:
    """Consecutive paragraphs "7件已完成：（1）…" "3件正在办理：（1）…" are one list."""
    out: list[Candidate] = []
    for run in runs:
        m = STATUS_GROUP_RE.match(run.lead)
        if m:
            group = run.lead.rstrip("：:")
            for piece in run.pieces:
                piece.category = group
                piece.status = m.group(2)
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.pieces[0].status
                and prev.last_index + 1 == run.first_index
            ):
                prev.pieces += run.pieces
                prev.last_index = run.last_index
                continue
            lead, lead_line = _lead_before(bs, run.first_index)
            run.lead, run.lead_line = lead, lead_line
        if len(run.pieces) >= 3 or m:
            out.append(run)
    return [r for r in out if len(r.pieces) >= 3]


# -- runs without numbers -------------------------------------------------------------------


def unnumbered_runs(bs: list[Block]) -> list[Candidate]:
    out = []
    for index, b in enumerate(bs):
        claimed = _after_a_claim(b, index)
        if claimed:
            out.append(claimed)
            continue
        for m in re.finditer(r"[：:]", b.text):
            lead = b.text[: m.end()]
            sentence = re.split(r"[。！？]", lead)[-1]
            stated = stated_count(sentence)
            if stated and LEAD_IN_RE.search(sentence):
                expected = stated[0]
            elif LIST_WORD_RE.search(opened_clause(sentence)):
                # No count, but the lead-in names the list it opens: 那曲 2023 "今年，我们要尽力
                # 而为、量力而行，办好以下民生实事：为公益性岗位…；提高…；…"; 株洲 2021 "重点办好
                # 以下民生实事：推广“门前三小”经验…；…". Five clauses at least.
                expected = 0
            else:
                continue
            body_start = m.end()
            if any(len(_inline_markers(b.text, s, body_start)) >= 2 for s in INLINE_STYLES):
                continue  # numbered: an inline run
            run = _unnumbered(b, body_start, expected)
            if run:
                out.append(Candidate(run[0], run[1], lead, b.line, index, index))
            break
    return out


_OPENER_RE = re.compile(r"^(?:主要)?(?:包括|是|有|为|如下)[：:]$")


def opened_clause(sentence: str) -> str:
    """The clause a colon opens the items with, or the one before a bare opener: 重庆 2024
    "…接续实施一批重点民生实事，包括："; 广西 2006 "…继续集中财力办好一批实事，主要是："."""
    clauses = [c for c in re.split(r"[，,；;]", sentence) if c.strip()]
    if len(clauses) >= 2 and _OPENER_RE.match(clauses[-1].strip()):
        return clauses[-2]
    return clauses[-1] if clauses else ""


def _after_a_claim(b: Block, index: int) -> Candidate | None:
    """The outcomes in "；" clauses after the report's claim of the list, a sentence of its
    own: 昆明 2007 "十件实事全面完成。开发有效就业岗位8.9万个…；对1万名…进行救助…；…"; 重庆
    2019 "…15件重点民生实事年度任务全面完成。重庆籍农村建卡贫困家庭大学生资助政策惠及12万人
    次；…"; 杭州 2010 "为民办实事项目全面完成。主城区的老社区全部达到…；…" (no count: five
    clauses at least), as many as it counts. Only clauses count: sentences after a claim are
    its review."""
    for m in re.finditer("。", b.text):
        sentence = re.split(r"[。！？]", b.text[: m.start()])[-1]
        last = re.split(r"[，,；;]", sentence)[-1]
        if not CLAIM_RE.search(last) or "了" in last:
            continue
        stated = stated_count(last)
        if not (stated or (len(last) <= 20 and LIST_WORD_RE.search(last))):
            continue
        run = _unnumbered(b, m.end(), stated[0] if stated else 0, clauses_only=True)
        if run is None or (stated and abs(len(run[1]) - stated[0]) > 1):
            # More clauses than the claim counts mix the list with other results: 长沙 2018
            # "十件民生实事全面完成。整治城区黑臭水体88处；…" goes on for twelve.
            return None
        return Candidate(run[0], run[1], b.text[: m.end()], b.line, index, index)
    return None


def _unnumbered(
    b: Block, start: int, stated: int, clauses_only: bool = False
) -> tuple[str, list[Piece]] | None:
    first_end = brackets.sentence_end(b.text, start)
    sentence = b.text[start:first_end]
    clauses = [
        (s, e)
        for s, e in brackets.spans(sentence, "；;")
        if b.text[start + s : start + e].strip("；;。 ")
    ]
    if len(clauses) >= (max(3, stated - 1) if stated else 5):
        pieces = [
            Piece(b.line, start + s, b.text[start + s : start + e].rstrip("；;。"), None)
            for s, e in clauses
        ]
        return "clauses", pieces
    if clauses_only:
        return None
    sentences = brackets.spans(b.text[start:], "。")
    if len(sentences) >= stated >= 3:
        pieces = [
            Piece(b.line, start + s, b.text[start + s : start + e], None)
            for s, e in sentences[:stated]
        ]
        return "sentences", pieces
    return None


# -- the choice -----------------------------------------------------------------------------


# C901: a decision list. Each rule, in the order they apply, either decides with its reason or
# passes the candidate on; each is commented with the real reports it was written for.
def judge(c: Candidate, bs: list[Block]) -> None:  # noqa: C901
    """Accept a candidate whose surroundings say it is a task list; say why either way."""
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
    if stated and len(texts) * 10 < stated[0] * 7:
        # 南京 2021 "50件…遴选时主要考虑：一是…四是"; 云浮 2014 "…“十件民生实事”…主要体现
        # 在：一是…六是": a run far short of the count stated is another enumeration.
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
    named = (
        list_count(lead_sentence)
        or list_count(context, grand=False)
        or _names_the_list(lead_sentence)
        or heading_then_lead_in(c.lead)
        or (len(c.lead) <= 40 and "。" not in c.lead and LIST_WORD_RE.search(c.lead))
    )
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
    if size > 250 and CLAIM_RE.search(_last_sentence(c.lead)):
        # After the year's claim, the review goes on by work area in long paragraphs: 金华 2021
        # "十方面民生实事圆满完成。" then "（一）强智控抢复工，打好疫情防控阻击战。率先建立…";
        # 湛江 2021 "十件民生实事全部完成，经济实现了正增长…一是全力稳增长。坚持多措并举…".
        c.reasons.append(f"items of {size:.0f} characters after the year's claim: its review")
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
    r"(?:实事|民生工程|惠民工程|民心工程|惠民行动|实事项目|民生项目)[”」』\s]*(?:项目)?[”」』\s]*[。：:]?$"
)


# The report's claim about a list as a whole ("十件民生实事全面完成", 景德镇 2023; "8件实事顺利
# 实施", 云南 2004): the document's claim of a completion list, and the sign that its review
# follows: one vocabulary for both.
CLAIM_RE = re.compile(
    r"全部完成|全面完成|基本完成|圆满完成|顺利完成|顺利实施|全部兑现|全面兑现|全面落实"
)


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
    return any(LABEL_RE.match(b.text) and b.text.startswith(UNIT_LABELS) for b in p.labels) or bool(
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
    stated = stated_count(c.lead)
    exact = 1 if stated and stated[0] == len(c.pieces) else 0
    return exact, len(c.pieces)
