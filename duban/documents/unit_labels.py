"""The labels a document names its units with, one vocabulary for every reader.

A unit is named by its role, 单位 or 部门 alike: "牵头单位：市住建局" (成都 2023), "责任部门：…",
"实施部门：市建设局" (银川 2013), "主责单位：X；协办单位：Y". 责任单位 is the lead, or, after a lead
label, the co-units (昆明 2021 "牵头单位：…" / "责任单位：…"). A person may stand beside the
units ("责任领导：张三；牵头单位：市教育局"): a leader is not a unit; the reader keeps the name
in the task's other fields, under its label.
"""

from __future__ import annotations

import re

LEAD = (
    "牵头责任单位",
    "牵头单位",
    "牵头部门",
    "主办单位",
    "主办部门",
    "主责单位",
    "主责部门",
    "责任部门",
    "实施部门",
    "实施单位",
    "承办单位",
    "承办部门",
)
RESPONSIBLE = "责任单位"
CO = (
    "协办单位",
    "协办部门",
    "配合单位",
    "配合部门",
    "协同单位",
    "协同部门",
    "参与单位",
    "参与部门",
    "协助单位",
    "协作单位",
)
PEOPLE = ("责任领导", "牵头领导", "分管领导", "牵头市领导", "包抓领导", "联系领导", "责任人")
UNITS = (*LEAD, RESPONSIBLE, *CO)


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of the words, the longest first (牵头责任单位 before 责任单位)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A label and its colon inside a unit note: where each labelled part begins.
LABEL_IN_NOTE_RE = re.compile(rf"({alternation((*UNITS, *PEOPLE))})\s*[:：]\s*")


def role(label: str, after_lead: bool) -> str:
    """lead, co or person: what a label names (责任单位 after a lead label names co-units)."""
    if label in PEOPLE:
        return "person"
    if label in CO or (label == RESPONSIBLE and after_lead):
        return "co"
    return "lead"


def labelled_parts(note: str) -> list[tuple[str, str]]:
    """(label, text) of each labelled part of a note: "责任领导：张三；牵头单位：市教育局，配合
    单位：市财政局" gives three; the separators between parts are dropped."""
    marks = list(LABEL_IN_NOTE_RE.finditer(note))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(note)
        out.append((m.group(1), note[m.end() : end].strip(" \u3000；;，,、。")))
    return out
