"""Stage 3: an item as found becomes a row: title, body, lead and co-units, completion.

Unit notations, each seen in at least two reports:
- a trailing parenthesis "（牵头单位：市住建局）" (成都 2021, every item), "（牵头责任单位：X）",
  "（X负责）", "（X牵头，Y配合）", several in one item, or with the opening bracket lost;
- separate lines "牵头单位：X" / "责任单位：Y" (昆明 2021), "主办单位：X" (普洱 2022);
- the labels of unit_labels (单位 or 部门, 牵头/主责/承办… and 配合/协办/参与…), in square
  brackets too, and a leader beside the units ("责任领导：张三"), kept in the task's other fields.
Names are split at top-level "、" and "，" only: "市应急局〈市消防救援支队〉" and
"各县（市）区人民政府" are one unit each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import unit_labels
from ..grid import responsible_units, split_units
from ..header import COMPLETION_LABELS
from ..model import ParsedTask
from ..units import trim
from .locate import LABEL_RE, Piece

LEAD_LABELS = unit_labels.LEAD
CO_LABELS = unit_labels.CO
# An item's body under its title line: "目标任务：…" (普洱 2022), "年度目标：…" (昭通 2023).
BODY_LABELS = ("目标任务", "工作目标", "年度目标", "主要内容", "建设内容")
DEADLINE_LABELS = ("完成时限", "时间节点")
# A unit parenthesis: after the task text, before any result ("…5000套。（市住房保障管理局负责）
# 全年新开工…"); the opening bracket may be lost after a sentence end. Square brackets too:
# "【牵头单位：市教育局】".
_NOTE_LABELS = unit_labels.alternation((*unit_labels.UNITS, *unit_labels.PEOPLE))
UNIT_PAREN_RE = re.compile(
    rf"(?:[（(【]|(?<=[。；;]))\s*((?:{_NOTE_LABELS})"
    r"\s*[:：]\s*(?:[^（）()【】]|[（(][^（）()]*[）)])*?)\s*[）)】]"
)
RESPONSIBLE_PAREN_RE = re.compile(
    r"[（(]\s*((?:[^（）()]|[（(][^（）()]*[）)]){2,80}?(?:负责|牵头)(?:[^（）()]{0,40}?))\s*[）)]"
)
# Units named with no label, a parenthesis of organisations' names closing the item after its
# last sentence: "…基础养老金。（市人社局、市财政局）" (西安 2025, every item; 西安 2026). Each
# name ends as an organisation's does; anything else in brackets ("（中心城区11所）") is text.
_ORG = (
    r"[^（）()，,；;。:：、\s\d]{1,20}?"
    r"(?:局|委|厅|办|政府|中心|院|会|队|部|署|公司|集团|银行|社|联|团)"
)
BARE_UNITS_PAREN_RE = re.compile(
    rf"(?<=[。；;])\s*[（(]\s*({_ORG}(?:、{_ORG})*)\s*[）)]\s*[。；;]?\s*$"
)
STATUS_WORDS = {
    "已完成": "completed",
    "已经完成": "completed",
    "全面完成": "completed",
    "基本完成": "completed",
    "正在办理": "ongoing",
    "正在实施": "ongoing",
    "正在推进": "ongoing",
    "正在建设": "ongoing",
    "推进中": "ongoing",
    "有序推进": "ongoing",
    "未完成": "not_completed",
    "未能完成": "not_completed",
    "延期": "delayed",
}


def split_names(text: str) -> list[str]:
    """Unit names as the table reader splits them: at "、" "，" "；" "/" outside brackets."""
    lead, co = split_units(text)
    return lead + co


@dataclass
class _Units:
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # 责任领导 and the like, by label


def _note_units(note: str, found: _Units, has_lead: bool) -> None:
    """A labelled unit note's parts into lead, co and people: "牵头单位：市教育局，配合单位：
    市住建局" (the co-units keep their label), "责任领导：张三；牵头单位：市教育局"."""
    for label, text in unit_labels.labelled_parts(note):
        kind = unit_labels.role(label, bool(found.lead) or has_lead)
        if kind == "person":
            found.people[label] = "；".join(filter(None, (found.people.get(label), text)))
        elif kind == "co":
            found.co += split_names(text)
        else:
            more_lead, more_co = split_units(text)
            found.lead, found.co = found.lead + more_lead, found.co + more_co


def _unit_parentheses(text: str, has_lead: bool) -> tuple[str, _Units, str]:
    """(text before, units, text after) for the unit parentheses of an item, which stand
    together after its task text; what follows them is the result."""
    found = _Units()
    start = end = None
    pos = 0
    while True:
        m = UNIT_PAREN_RE.search(text, pos)
        r = RESPONSIBLE_PAREN_RE.search(text, pos)
        hit = min((x for x in (m, r) if x), key=lambda x: x.start(), default=None)
        if hit is None or (end is not None and trim(text[end : hit.start()]).strip("。；;")):
            break
        if hit is m:
            _note_units(hit.group(1), found, has_lead)
        else:
            more_lead, more_co = responsible_units(hit.group(1))
            found.lead, found.co = found.lead + more_lead, found.co + more_co
        start = hit.start() if start is None else start
        end = pos = hit.end()
    if start is None or end is None:
        bare = BARE_UNITS_PAREN_RE.search(text)
        if bare is None:
            return text, found, ""
        found.lead += split_names(bare.group(1))
        return trim(text[: bare.start()]), found, ""
    after = trim(text[end:]).lstrip("。；;")
    return trim(text[:start]), found, trim(after)


@dataclass
class _Labelled:
    """What an item's labelled lines say ("牵头单位：X", "完成情况：…"), by kind."""

    body: list[str] = field(default_factory=list)
    completion: list[str] = field(default_factory=list)
    deadline: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)  # 责任单位
    people: dict[str, str] = field(default_factory=dict)  # 责任领导: a person, not a unit


def _labelled(piece: Piece) -> _Labelled:
    out = _Labelled()
    for b in piece.labels:
        label = LABEL_RE.match(b.text)
        if label is None:  # the unlabelled body under a titled item (昆明 2018, 广东 2017)
            out.body.append(trim(b.text))
            continue
        name, rest = label.group(1), trim(b.text[label.end() :])
        if name in BODY_LABELS:
            out.body.append(rest)
        elif name in COMPLETION_LABELS:
            out.completion.append(rest)
        elif name in DEADLINE_LABELS:
            out.deadline.append(rest)
        elif name in LEAD_LABELS:  # "牵头单位：X 配合单位：Y" on one line too
            more_lead, more_co = split_units(rest)
            out.lead, out.co = out.lead + more_lead, out.co + more_co
        elif name == unit_labels.RESPONSIBLE:
            out.responsible += split_names(rest)
        elif name in unit_labels.PEOPLE:
            out.people[name] = "；".join(filter(None, (out.people.get(name), rest)))
        else:
            out.co += split_names(rest)
    return out


def row(piece: Piece, seq: int, completion_list: bool, grouped: bool) -> ParsedTask:
    """The item as a row: its title and body, its units from its labels and parentheses,
    its completion (for a list of outcomes, the item's own text)."""
    text = trim(piece.text)
    item_title: str | None = None
    found = _labelled(piece)
    completion = found.completion
    # 责任单位 beside a 牵头单位 names the co-units (昆明 2021); alone, the responsible ones.
    if found.lead:
        lead, co = found.lead, found.responsible + found.co
    else:
        lead, co = found.responsible, found.co
    text, units, after = _unit_parentheses(text, bool(lead))
    lead, co = lead + units.lead, co + units.co
    if after:
        completion.insert(0, after)
    if found.body:
        item_title, content = text.rstrip("。"), "\n".join(found.body)
    else:
        content = text
    status = STATUS_WORDS.get(piece.status or "")
    content = _outcome_out(content, completion, status, completion_list, grouped)
    return ParsedTask(
        category=piece.category,
        number=piece.number if piece.number is not None else seq,
        content=content,
        lead_units_raw=lead,
        lead_units=list(lead),
        completion="\n".join(completion),
        source_line=piece.line,
        co_units_raw=co,
        co_units=list(co),
        item_title=item_title,
        seq=seq,
        char_start=piece.char_start,
        listed_status=status,
        deadline="；".join(found.deadline) or None,
        extra={**found.people, **units.people},
    )


def _outcome_out(
    content: str, completion: list[str], status: str | None, completion_list: bool, grouped: bool
) -> str:
    """The item's text less what it says of the outcome, which goes first in completion: all
    of it in a list of outcomes, a closing parenthesis in a list grouped by status."""
    if completion_list and not grouped and not completion:  # the outcome only
        completion.insert(0, content)
        content = ""
    elif grouped and status and status != "completed":
        m = re.search(r"[（(]((?:[^（）()]|[（(][^（）()]*[）)])+)[）)]\s*[。；;]?$", content)
        if m:
            completion.insert(0, trim(m.group(1)))
            content = trim(content[: m.start()])
    if grouped or completion_list:
        content = content.rstrip("；;")
    return content
