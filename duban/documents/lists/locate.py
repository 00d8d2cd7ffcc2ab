"""Stage 2: find the candidate lists of a report, anywhere in its blocks.

Five shapes hold a list (each seen in at least two governments' reports):

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
  ("重点办好１０件实事：", 哈尔滨 2003) — these two in unnumbered.py;
- a **list in groups**: paragraphs that each name an area and count and list its items (江西
  2008 "一是…。着力办好5件实事：…；…", 南昌 2009 "…。重点办好5件实事：…"), in groups.py.

Every candidate keeps the reasons it was taken or refused; `choose.choose` (the next
stage) keeps the ones whose surroundings say they are task lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import brackets, unit_labels
from .blocks import Block
from .ordinals import (
    INLINE_STYLES,
    LEVEL,
    PARAGRAPH_STYLES,
    any_opening,
    chinese,
    marker,
    opening,
)

# The labels of an item's lines: its units, by their role (unit_labels: "牵头单位：市住建局", 成都
# 2023; "实施部门：市建设局", 银川 2013 附件; in square brackets, "【牵头单位】市教育局"), a person
# beside them ("责任领导：…"), its body, result and deadline.
_LINE_LABELS = (
    *unit_labels.UNITS,
    *unit_labels.PEOPLE,
    *("目标任务", "工作目标", "年度目标", "主要内容", "建设内容"),
    *("完成情况", "进展情况", "推进情况", "落实情况", "实际进度", "完成时限", "时间节点"),
)
LABEL_RE = re.compile(rf"^【?({unit_labels.alternation(_LINE_LABELS)})(?:】\s*[:：]?|\s*[:：])")
UNIT_LABELS = unit_labels.UNITS
# Words of the headings and lead-ins that introduce a task list ("十件惠民实事", "十大民生
# 工程", "10个方面的民生项目"); 民生 or 项目 alone are any chapter's words ("民生持续改善"),
# and so is 重点任务 in a report's prose ("今后五年政府工作重点任务是：（一）…", 四平 2022;
# "重点工作任务是：一是…", 湘西 2022) — a 重点工作任务 list names its units, which is enough.
# 民生事项 is mostly the items of a service hall ("民生事项实现“一证通办”"); counted in 件, a list:
# 吉林 2015 "组织实施十个方面80件民生事项：", 广元 2014 "认真抓好15件市定重点民生事项：".
# 行动 as 工程: "…计划实施“五位”惠民行动。" (乌兰察布 2022), "一是实施“十大民生行动”。①留工扩岗
# 行动。…" (白城 2023). 民生大事 counted in 件 and opening with a colon: "要突出办好20件民生大事：
# 改善农村通村公路1.5万公里；…" (四川 2014); "聚力抓好教育、健康、就业三件民生大事" (黔南 2022)
# names three areas, and opens nothing.
LIST_WORD_RE = re.compile(
    r"实事|民生工程|惠民工程|民心工程|惠民行动|民生行动|民生项目|惠民项目|为民办|完成情况|"
    r"项目清单|重大项目|牵头单位|件[^，,。；;]{0,6}民生(?:事项|大事)"
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
LEAD_IN_RE = re.compile(r"(实事|项目|工程|件民生大事)[^：:。]{0,20}[：:]$|如下[：:]$")

# The report's claim about a list as a whole ("十件民生实事全面完成", 景德镇 2023; "8件实事顺利
# 实施", 云南 2004): the document's claim of a completion list, and the sign that its review
# follows: one vocabulary for both.
CLAIM_RE = re.compile(
    r"全部完成|全面完成|基本完成|圆满完成|顺利完成|顺利实施|全部兑现|全面兑现|全面落实"
)


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
    # numbered otherwise than its place, or a group of fewer items than it counts ("count"),
    # each a warning and a row the reader may lack; or two clauses read as one ("joined"),
    # an item found inside the paragraph of the one before ("run in"), the rest of a paragraph
    # left unread ("rest").
    breaks: list[tuple[int, str, int, str]] = field(default_factory=list)
    # The count of a list read in groups (the sum of its groups' counts), where the lead-in's
    # own first count is the groups' (江西 2008 "八个方面60件实事").
    stated: int | None = None

    @property
    def lines(self) -> tuple[int, int]:
        first = self.pieces[0].line
        last = max(p.labels[-1].line if p.labels else p.line for p in self.pieces)
        return first, last


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
            following = bs[j + 1].text if j + 1 < len(bs) else ""
            opened = _run_into(b.text, k, style, expected, following)
            pieces += [
                Piece(b.line, s, b.text[s:e], expected + n, category=category)
                for n, (s, e) in enumerate(opened)
            ]
            breaks += [(b.line, "run in", expected + n, "") for n in range(1, len(opened))]
            expected += len(opened)
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
    first = pieces[0].category
    if first and all(p.category == first for p in pieces) and LIST_WORD_RE.search(first):
        # One heading over the whole run that names the list is its title, not a group: 襄阳
        # 2023 "三、扎实办好民生十件实事" over "1."–"10." (the paragraph before is prose).
        lead, lead_line = bs[i - 1].text, bs[i - 1].line
        for p in pieces:
            p.category = None
    return Candidate("paragraphs", pieces, lead, lead_line, i, j - 1, style, breaks=breaks)


def _run_into(text: str, k: int, style: str, n: int, following: str) -> list[tuple[int, int]]:
    """(start, end) of item n at text[k:], and of the next items run into its paragraph after
    a sentence's end, that the paragraph after does not open with: a copy out of a PDF that
    marks no paragraph with an indent joins two at a line that fills the width: "…完成12座病险
    水库除险加固。" / "（13）全面推进所有村（社区）事项…" (湘西 2021, items a paragraph each)
    read as "…除险加固。（13）全面推进…"; and a report may print one so, 邢台 2014 "九是便民服务
    工程。…加快697个空白村卫生室建设。十是生态环境改善工程。深入开展…" (a paragraph each)."""
    spans: list[tuple[int, int]] = []
    while True:
        m = next(
            (
                m
                for m in marker(style, n + 1).finditer(text, k)
                if text[m.start() - 1 : m.start()] in ("。", "！", "？")
            ),
            None,
        )
        if m is None or opening(style, n + 1, following) is not None:
            spans.append((k, len(text)))
            return spans
        spans.append((k, m.start()))
        k, n = m.end(), n + 1


_LOOSE_MARKER_RE = re.compile(r"^\s*([0-9０-９OoIl〇一二三四五六七八九十]{1,3})\s*[.．、]")


def _past_a_break(
    bs: list[Block], j: int, style: str, expected: int
) -> tuple[str, int, str] | None:
    """("missing", 0, printed) when bs[j] is item expected+1 (expected is not printed);
    ("misnumbered", marker length, printed) when bs[j] is numbered otherwise and bs[j+1] is
    item expected+1; None when the run ends here."""
    b, after = bs[j], bs[j + 1] if j + 1 < len(bs) else None
    m = _LOOSE_MARKER_RE.match(b.text)
    is_next = opening(style, expected + 1, b.text) is not None
    if is_next and (
        after is None or opening(style, expected + 2, after.text) is not None or not after.short
    ):
        return "missing", 0, m.group(1) if m else str(expected + 1)
    if (b.short and not is_next) or m is None or after is None:
        return None
    if opening(style, expected + 1, after.text) is not None:
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


def inline_markers(
    text: str, style: str, start: int = 0, first: int = 1
) -> list[tuple[int, int, int]]:
    """(number, start, end) of markers 1, 2, 3 … (or first, first + 1 …), each after a
    sentence or clause end."""
    found: list[tuple[int, int, int]] = []
    n, pos = first, start
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
            found = inline_markers(b.text, style)
            if len(found) > len(best) and found[0][1] < len(b.text):
                best, best_style = found, style
        if len(best) < 3 and not (len(best) >= 1 and STATUS_GROUP_RE.match(b.text)):
            continue
        if best[0][1] == 0 and best_style in PARAGRAPH_STYLES and index:
            # A paragraph opening "1." that goes on "2." inside is one paragraph run item
            # unless the rest of the run is inline too: keep it, the choice sorts it out.
            pass
        pieces = _inline_pieces(b, best)
        last = index
        while last + 1 < len(bs) and (more := _continued(bs[last + 1], best_style, pieces)):
            pieces += more
            last += 1
        lead = b.text[: best[0][1]]
        if best_style != "shi":
            lead = _areas(lead, pieces)
        _trim_separators(pieces)
        out.append(Candidate("inline", pieces, lead, b.line, index, last, best_style))
    return _status_groups(out, bs)


def _area_re(n: int) -> re.Pattern[str]:
    return re.compile(rf"(?:^|(?<=[。；;：:]))\s*{chinese(n)}是([^。；;：:，,]{{2,30}})[。：:]")


def _areas(lead: str, pieces: list[Piece]) -> str:
    """Items numbered through under areas 一是, 二是 … that the paragraph prints between them:
    吉林 2014 "…完成42项民生实事…。一是富民工程。（1）…（2）…。二是就业创业工程。（3）…"; 大庆
    2016 "…9个方面41件民生实事。一是扶贫脱贫方面。落实县级主体责任…。（1）…（4）…。二是全民创业
    方面。坚持政策集成促动…。（5）…". Each area is its items' category, and neither the area nor
    the words under it before the next number are an item's text. The lead without its first
    area is returned."""
    first = _area_re(1).search(lead)
    if (
        first is None
        or len(lead) - first.end() > 200  # the first area opens the run: it ends the lead
        or not any(_area_re(2).search(p.text) for p in pieces)
    ):
        return lead
    area, n = first.group(1), 2
    for p in pieces:
        p.category = area
        if hit := _area_re(n).search(p.text):
            p.text, area, n = p.text[: hit.start()], hit.group(1), n + 1
    return lead[: first.start()]


def _inline_pieces(b: Block, found: list[tuple[int, int, int]]) -> list[Piece]:
    pieces: list[Piece] = []
    for (n, _s, e), nxt in zip(found, [*found[1:], None], strict=True):
        end = nxt[1] if nxt else _last_end(b.text, e, pieces)
        pieces.append(Piece(b.line, e, b.text[e:end], n))
    return pieces


def _last_end(text: str, start: int, before: list[Piece]) -> int:
    """Where the last item of an inline run ends: at its sentence's end, or, where the items
    run to several sentences each and the paragraph ends within as many, at the paragraph's
    end: 东莞 2009 "…九是…。十是促进培训就业。市财政补贴5859万元，资助技能培训11.7万人次。" (each
    item a title sentence and its outcomes). A sentence after an item of one is the run's end
    ("…（8）…。通过这些举措…", 湖北 2005)."""
    end = brackets.sentence_end(text, start)
    if len(before) < 2:
        return end
    sentences = sorted(len(brackets.spans(p.text, "。")) for p in before)
    typical = sentences[len(sentences) // 2]
    rest = brackets.spans(text[end:], "。") if end < len(text) else []
    if typical >= 2 and rest and len(rest) <= typical - 1:
        return len(text.rstrip())
    if typical >= 3 and rest:
        # The paragraph goes on past the run: the last item keeps the sentences of its kind
        # up to what speaks of the items together or opens the next area: 白城 2023 "⑩路网提升
        # 行动。建设“四好”农村路71公里，…竣工通车。这些民生事项，全部实行清单管理，… 二是发展社会
        # 事业。" (each of ①…⑨ a title sentence and two or more of its works); 聊城 2014 "…保障
        # 食品药品安全 。完善食品药品安全监管机构，…争创食品安全放心市。各位代表，民生大于天，…".
        for n, (s, e) in enumerate(rest[: typical - 1]):
            if _RUN_CLOSES_RE.match(text[end + s : end + e]):
                return end + rest[n - 1][1] if n else end
    return end


# A sentence about the items together, or the next area's ordinal: the run is over.
_RUN_CLOSES_RE = re.compile(
    r"^\s*(?:这些|上述|以上|我们|各位代表|[一二三四五六七八九十]是|[（(][一二三四五六七八九十][)）])"
)


def _continued(b: Block, style: str, pieces: list[Piece]) -> list[Piece]:
    """The run goes on in the next paragraph when that paragraph opens with the next number:
    海南 2015 "继续办好十件民生实事。一是…五是…。" then "六是…十是…"; 永州 2020 "办好十件民生
    实事。（1）…（5）…。" then "（6）…（10）…"."""
    n = (pieces[-1].number or 0) + 1
    if n == 1 or opening(style, n, b.text) is None:
        return []
    return _inline_pieces(b, inline_markers(b.text, style, first=n))


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
