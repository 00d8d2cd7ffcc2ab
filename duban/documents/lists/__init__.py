"""Find and read every task list of a long report (a 政府工作报告 and the like).

The stages, each a module that can be read and tested on its own:

    blocks   the text as paragraphs with their line numbers        (blocks.py)
    locate   candidate lists anywhere                 (locate.py, unnumbered.py, groups.py)
    choose   the task lists among them, with the reasons            (choose.py)
    items    each item as a row: title, body, units, completion     (items.py)

then the quantities layer reads the numbers, as for every other shape. `find` returns one
`ParsedDocument` per list, in document order, each with its kind (plan: this year's list;
completion: last year's, reported item by item), title, title line and stated count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..header import plan_year, report_year
from ..model import Note, ParsedDocument, ParsedTask, gettext_noop
from .blocks import Block, blocks
from .choose import choose, heading_then_lead_in
from .groups import grouped_runs
from .items import row
from .locate import (
    CLAIM_RE,
    GLOSSARY_HEADING_RE,
    LIST_WORD_RE,
    Candidate,
    inline_runs,
    paragraph_runs,
)
from .ordinals import list_counts, stated_count
from .unnumbered import opened_clause, unnumbered_runs

__all__ = ["default_index", "find"]

COMPLETION_RE = re.compile(
    r"完成情况|全部完成|全面完成|基本完成|顺利实施|顺利完成|圆满完成|已完成|兑现|落实情况|"
    r"承诺的|去年|上年|过去一年|年初"
)
PLAN_RE = re.compile(r"今年|本年|要办好|重点办好|继续办好|努力办好|确定为|工作目标|计划办好|拟办")


def find(lines: list[str], fmt: str = "report", encoding: str = "utf-8") -> list[ParsedDocument]:
    bs = blocks(lines)
    # The title, byline and date lines: not a year deep in a paragraph ("完成2016年以前的“无籍房”
    # 办证", 娄底 2021, in a list pasted without its report around it).
    year = report_year(*(b.text for b in bs[:8] if len(b.text) <= 80))
    return [_document(c, bs, year, fmt, encoding) for c in choose(candidates(bs), bs)]


def candidates(bs: list[Block]) -> list[Candidate]:
    """Every candidate list of every shape (locate.py, groups.py), in document order."""
    found = [*paragraph_runs(bs), *inline_runs(bs), *unnumbered_runs(bs), *grouped_runs(bs)]
    found.sort(key=lambda c: (c.pieces[0].line, c.pieces[0].char_start))
    return found


def default_index(docs: list[ParsedDocument]) -> int:
    """The list a plain `duban parse` reads: the completion list if there is one, else the
    plan list; of several, the one whose count the text states, then the longest."""

    def rank(i: int) -> tuple[bool, bool, int]:
        d = docs[i]
        return d.kind == "completion", d.stated_count == len(d.tasks), len(d.tasks)

    return max(range(len(docs)), key=rank)


def _document(
    c: Candidate, bs: list[Block], report_year: int | None, fmt: str, encoding: str
) -> ParsedDocument:
    title = _title(c)
    kind = _kind(c, bs, title, report_year)
    grouped = any(p.status for p in c.pieces)
    tasks = [row(p, seq, kind == "completion", grouped) for seq, p in enumerate(c.pieces, 1)]
    stated = _stated(c, title, len(tasks))
    warnings: list[str] = []
    skipped: list[int] = []
    for line, what, n, printed in c.breaks:
        if what == "count":  # a group of a list in groups: its count as printed, n read
            note = gettext_noop("line {line}: the text states {stated}, {n} items were read")
            warnings.append(Note(note, line=line, stated=printed, n=n))
            if (said := stated_count(printed)) and said[0] > n:
                skipped.append(line)
            continue
        if what == "joined":  # one item told in two clauses (unnumbered.told_in_two)
            note = gettext_noop(
                "line {line}: one clause more than the text counts; item {n} is read from two "
                "clauses that share “{printed}” — check it"
            )
            warnings.append(Note(note, line=line, n=n, printed=printed))
            continue
        if what == "run in":  # locate._run_into
            note = gettext_noop(
                "line {line}: item {n} opens inside the paragraph of the item before; it was "
                "read as a row of its own — check it"
            )
            warnings.append(Note(note, line=line, n=n))
            continue
        if what == "rest":  # the paragraph goes on past the run (unnumbered._left_over)
            note = gettext_noop(
                "line {line}: the text goes on after the {n} items read: “{printed}…”; were "
                "rows left unread?"
            )
            warnings.append(Note(note, line=line, n=n, printed=printed))
            skipped.append(line)
            continue
        if what == "missing":
            note = gettext_noop("line {line}: no item {n} before item {printed}; is a row lost?")
        else:
            note = gettext_noop("line {line}: item {n} is numbered “{printed}”")
        warnings.append(Note(note, line=line, n=n, printed=printed))
        if what == "missing":
            skipped.append(line)
    counted, short = _count_note(c, title, tasks, stated)
    if counted:
        warnings.append(counted)
    if short:
        skipped.append(c.lead_line)  # a row may be lost: the import removes no task
    warnings.sort(key=lambda w: getattr(w, "values", {}).get("line") or 0)  # in line order
    claim = _claim(c, bs, title) if kind == "completion" else None
    year = plan_year(title)
    if year is None and report_year is not None:
        year = report_year - 1 if kind == "completion" else report_year
    return ParsedDocument(
        title=title,
        published=None,
        year=year,
        tasks=tasks,
        warnings=warnings,
        caption=title,
        format=fmt,
        encoding=encoding,
        kind=kind,
        title_line=c.lead_line or None,
        stated_count=stated[0] if stated else None,
        document_claim=claim,
        reasons=[f"{c.shape} run{f' ({c.style})' if c.style else ''}", *c.reasons],
        numbered=c.shape not in ("clauses", "sentences", "groups"),
        skipped=skipped,
    )


def _stated(c: Candidate, title: str | None, n: int) -> tuple[int, str] | None:
    """The count the text states for the list: of two it states with a list's noun, the one
    the items read agree with ("继续实施十大民生工程，办好十六件民生实事", 贵州 2012: sixteen)."""
    if c.stated:
        return c.stated, str(c.stated)
    counts = list_counts(title or c.lead)
    if n in counts[1:]:
        return n, str(n)
    return stated_count(title or "") or stated_count(c.lead)


def _count_note(
    c: Candidate, title: str | None, tasks: list[ParsedTask], stated: tuple[int, str] | None
) -> tuple[Note | None, bool]:
    """What the count the text states says of the items read, if they differ, and whether
    rows may be missing (fewer read than stated)."""
    n = len(tasks)
    if not stated or stated[0] == n:
        return None, False
    if len({t.category for t in tasks if t.category}) == stated[0]:
        return None, False  # it counts the groups, all read: 成都 2017 "十大民生实事", 70 in ten
    counts = list_counts(title or c.lead)
    if len(counts) > 1 and n == counts[0]:
        # The areas the text counts with their items, each area one task: 海口 2013 "继续办好8个
        # 方面20件民生实事。一是实施交通畅通工程，…；…。二是…" (no row lost).
        note = gettext_noop(
            "line {line}: the text states {stated} in {n} areas; each area was read as one "
            "task, with its items in its text"
        )
        return Note(note, line=c.lead_line, stated=stated[1], n=n), False
    note = gettext_noop("line {line}: the text states {stated}, {n} items were read")
    return Note(note, line=c.lead_line, stated=stated[1], n=n), stated[0] > n


def _claim(c: Candidate, bs: list[Block], title: str | None) -> str | None:
    """The report's own statement about the list as a whole, as printed: in its title
    ("2022年十件民生实事全部完成", 景德镇 2023), its lead-in ("年度十件实事项目全面完成。",
    杭州 2019) or the heading above it ("（八）8件实事顺利实施", 云南 2004)."""
    above = [b.text for b in bs[max(0, c.first_index - 2) : c.first_index] if b.short]
    sentences = [s for s in re.split(r"(?<=[。！？：:])", c.lead) if s.strip()]
    for text in (title or "", *reversed(sentences), *reversed(above)):
        if CLAIM_RE.search(text) and (
            stated_count(text) or (len(text) <= 20 and LIST_WORD_RE.search(text))
        ):  # with its count, or short and naming it ("实事项目全面完成。", 杭州 2009)
            return _RUN_IN_RE.sub("", text.strip()).rstrip("：:。") or None
    return None


_RUN_IN_RE = re.compile(
    r"^(?:[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[，,、]|——|"
    r"[一二三四五六七八九十]{1,3}、)"
)


def _title(c: Candidate) -> str | None:
    lead = c.lead.strip()
    if not lead:
        return None
    if len(lead) <= 40 and "。" not in lead[:-1]:
        # A heading, or a glossary entry's own number: "12.2022 年十件民生实事:就业方面，"
        # (景德镇 2022) is "2022 年十件民生实事".
        heading = re.sub(r"^\d{1,2}\s*(?:[．、]|\.(?=\D|\d{4}\s*年))", "", lead)
        heading = re.sub(r"^([^：:]*\S)[：:].+$", r"\1", heading)
        return _counted_clause(_RUN_IN_RE.sub("", heading).strip()) or None
    sentences = [s for s in re.split(r"(?<=[。！？])", lead) if s.strip()]
    if heading_then_lead_in(lead) and not stated_count(sentences[-1]):
        # "着重推进民生实事项目。今年的重点是：" (南京 2013); a lead-in that counts is the title
        # itself: "…全面完成省定12件重点民生实事。扎实办好市定10件重点民生实事：" (邵阳 2020), "…
        # 全面完成省定实事任务。办好10件市级民生实事:" (张家界 2025).
        return _RUN_IN_RE.sub("", sentences[-2]).strip().rstrip("。") or None
    first = _RUN_IN_RE.sub("", sentences[0]).strip()
    if _RUN_IN_RE.match(sentences[0]) and len(first) <= 30 and stated_count(first):
        return first.rstrip("。")
    return _counted_clause(_RUN_IN_RE.sub("", sentences[-1]).strip()) or None


def _counted_clause(text: str) -> str:
    """The clause that counts the list, not the sentence around it: 湖北 2004 "这里，我代表省
    人民政府郑重承诺，今年全省要着力办好以下八件实事，请各位代表和全省人民监督落实：";
    云南 2003 "各位代表！在去年工作的基础上，今年要再办8件…实事："."""
    clauses = [c for c in re.split(r"(?<=[，,！!])", text) if c.strip()]
    counted = [c for c in clauses if stated_count(c)]
    if len(clauses) > 1 and counted:
        text = counted[-1]
    elif len(clauses) > 1 and LIST_WORD_RE.search(
        named := opened_clause(text.rstrip("：:") + "：")
    ):
        # No count: the clause that names the list ("…，接续实施一批重点民生实事，包括：",
        # 重庆 2024; "…，继续集中财力办好一批实事，主要是：", 广西 2006).
        text = named
    text = text.strip().rstrip("，,。：:")
    # The words that open the items are not the title: "市委、市政府为民办好的十件实事是："
    # (贵阳 2005), "今年为民办实事项目如下：".
    return re.sub(r"(?<=[事目程项件])(?:分别|主要)?(?:是|为|如下)$", "", text)


# A clause about the list this one comes on top of ("在全面完成省政府民生实事的同时", 天水
# 2019; "在全面完成省重点民生实事的基础上", 常德 2019), and a completion still to ensure ("我们
# 不仅要确保圆满完成当年的奋斗目标和任务", 山西 2006; "确保全面完成…“十件实事”", 贵州 2004).
_ANOTHER_LIST_RE = re.compile(r"(?:基础上|的同时)$")
_ENSURE_RE = re.compile(r"(?:确保|力争|务必)[^，,。；;]{0,4}(?:全部|全面|圆满|基本|按期)?完成")


def _nearest_claim(text: str) -> str | None:
    """plan or completion, as the clause nearest the list says: "在去年工作的基础上，今年要再
    办8件…实事" (云南 2003) is this year's plan, whatever came before."""
    for clause in reversed(re.split(r"[，,；;。！!]", text)):
        if _ANOTHER_LIST_RE.search(clause):
            continue  # "在全面完成省重点民生实事的基础上" (常德 2019): another list's
        if _ENSURE_RE.search(clause):
            return "plan"  # "确保全面完成省委、省政府确定的“十件实事”" (贵州 2004)
        plan, done = PLAN_RE.search(clause), COMPLETION_RE.search(clause)
        if plan and not done:
            return "plan"
        if done and not plan:
            return "completion"
    return None


# The two parts of a work report, by the heading of the part: "一、2018年政府工作回顾" then
# "二、2019年主要目标和重点工作" (天水 2019); "一、过去一年工作回顾" (天津 2010); "三、2021年工作
# 安排" (常德 2021); "三、今年的目标任务和工作重点" (贵阳 2012).
_PART_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、|第[一二三四五六七八九十]{1,2}部分)")
_REVIEW_PART_RE = re.compile(r"回顾|过去一年|过去五年|去年")
# An unnumbered part heading names the year with its review or its tasks.
_NAMED_PART_RE = re.compile(
    r"^(?:(?:\d{4}|[一二〇○零]{4})年[^，。；]{0,20}(?:回顾|安排|任务|目标|要求|工作|部署|重点)"
    r"|[^，。；：]{0,24}(?:重点任务|主要任务|目标任务|工作安排|工作部署|工作回顾|工作重点|工作建议))$"
)  # "2008年工作回顾", "2015年总体要求和目标任务" (南京 2015), "2023年重点工作" (平凉 2023),
# "2014年工作总体部署" (酒泉 2014), "决胜“十四五”收官之年的重点任务" (定西 2025), "2021年政府工作
# 重点" (那曲 2021), "今后五年工作总体要求和2008年工作建议" (广西 2008)
_PLAN_PART_RE = re.compile(r"今年|工作安排|主要任务|目标任务|工作任务|主要工作|工作重点|总体要求")


def _part_heading(b: Block) -> str | None:
    """A part's heading, alone or run into its first paragraph after a space ("**二、2005年主要
    任务** 今年是…", 新疆 2005); unnumbered, a short line that names the year's review or its
    tasks ("**2008年工作回顾**", 东莞 2009; "**2004年政府工作回顾** 过去一年…", 贵州 2005)."""
    if not _PART_RE.match(b.text):
        head = b.text if b.short else re.split(r"\s", b.text, maxsplit=1)[0]
        if len(head) <= 30 and _NAMED_PART_RE.search(head):
            return head
        return None
    if b.short:
        return b.text
    head = re.split(r"\s", b.text, maxsplit=1)[0]
    return head if len(head) <= 30 and "。" not in head else None


def _part(bs: list[Block], index: int, last: int, report_year: int | None) -> str | None:
    """plan or completion, as the heading of the part of the report the list is in says.

    Past a chapter heading that names neither, a heading above that names this year's tasks
    still says plan, the review coming before the year's tasks in a report: "八、增进民生福祉，
    全面共享发展成果" under "二、2019年工作安排" (常德 2019), "六、增进民生福祉，努力让市民过上更好
    生活" under "2014年工作安排" (中山 2014), and so "全面完成“十件实事”。（1）确保…" under "二、
    加大力度实施西部大开发战略…" under "2005年政府工作主要任务" (贵州 2005) is the plan. A review
    heading above does not say completion alone: the tasks' own part heading in between may be
    one these patterns do not know (it turned 23 plan lists of the corpus into completions, 太原
    2007, 宁波 2007 among them) — but with the tasks' heading below the list, it does. The
    notes after the report ("名词解释及有关情况的说明", 清远 2015) are in no part: "﹝15﹞十件
    民生实事：…已全面完成" there is last year's list. An appendix is in the report: "附件" then
    "2017年省十件民生实事" (广东 2017) is the year's list.
    """
    headings = [h for h in _headings_above(bs, index) if h]
    if not headings:
        return None
    if said := _part_says(headings[0], report_year):
        return said
    says = [s for h in headings[1:] if (s := _part_says(h, report_year))]
    if "plan" in says:
        return "plan"
    if says and _next_part_plans(bs, last, report_year):
        # Between the review's heading and the year's tasks' heading is the review: "全力办好
        # 十件32项惠民实事：全年培训劳动力13.8万人次…；…" under "三、民生和社会事业有新进步" under
        # "2013年工作回顾", "2014年工作安排" below (梅州 2014, the one list of the corpus a
        # neutral heading leaves to this); the parts of 东莞 2009 ("**2008年工作回顾**" …
        # "**2009年工作安排**") hold their lists the same way.
        return "completion"
    return None


def _next_part_plans(bs: list[Block], last: int, report_year: int | None) -> bool:
    """The first part heading below block last that says plan or completion says plan."""
    for b in bs[last + 1 :]:
        if b.short and GLOSSARY_HEADING_RE.search(b.text):
            return False
        if (h := _part_heading(b)) and (said := _part_says(h, report_year)):
            return said == "plan"
    return False


def _headings_above(bs: list[Block], index: int) -> Iterator[str | None]:
    """The part headings above block index, nearest first, until the heading of the notes."""
    for b in reversed(bs[:index]):
        if b.short and GLOSSARY_HEADING_RE.search(b.text):
            return
        if h := _part_heading(b):
            yield h


def _part_says(heading: str, report_year: int | None) -> str | None:
    year = plan_year(heading)
    if year and report_year and year != report_year:
        return "completion" if year == report_year - 1 else None
    if _REVIEW_PART_RE.search(heading):
        return "completion"
    if (year and report_year) or _PLAN_PART_RE.search(heading):
        return "plan"
    return None


def _kind(c: Candidate, bs: list[Block], title: str | None, report_year: int | None) -> str:
    if any(p.status for p in c.pieces):
        return "completion"
    year = plan_year(title)
    if year and report_year:
        if year < report_year:
            return "completion"
        if not COMPLETION_RE.search(title or ""):
            return "plan"
    # The part of the report says it before the words around the list, which may speak of
    # another list: "在全面完成省政府民生实事的同时，…集中力量办好10件实事。" (天水 2019, in
    # "二、2019年主要目标和重点工作"); "十方面民生实事高质量完成。" (杭州 2023, in "一、2022年
    # 工作回顾").
    if part := _part(bs, c.first_index, c.last_index, report_year):
        return part
    # The lead-in's last two sentences, not a whole paragraph of review before it: "七是集中力量
    # 改善群众生活条件。围绕解决…问题，办好12件实事。" (甘肃 2007) is the plan, whatever "去年"
    # the paragraph said before.
    near = "".join(re.split(r"(?<=[。！？])", c.lead)[-3:])
    for text in (title or "", near):
        if said := _nearest_claim(text):
            return said
    return "plan"
