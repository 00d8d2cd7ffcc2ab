"""Column roles from header words, and the document's title, date and year."""

from __future__ import annotations

import re
from pathlib import PurePath

from . import unit_labels


def _first(*words: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(words))


# Each role with the header words that name it, most specific first.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "category": ("类别", "分类", "领域", "板块"),
    "number": ("序号", "编号"),
    "content": (
        "重点督办内容",
        "重点工作任务",
        "重点工作内容",
        "督办内容",
        "任务内容",
        "工作任务",
        "重点任务",
        "重点事项",
        "项目内容",
        "绩效任务",
        "工作内容",
        "主要内容",
        "任务名称",
        "项目名称",
        "事项",
        "任务",
        "项目",
        "工作内容及目标",
        "实事项目",
    ),
    # The first word of each is the one an export's header prints.
    "lead_units": _first("牵头单位", "责任单位", *unit_labels.LEAD),
    "co_units": _first("配合单位", *unit_labels.CO),
    "leader": ("分管领导", "责任领导", "区领导"),
    "target": ("全年目标任务", "年度目标", "全年目标", "目标任务"),
    "completion": (
        "全年完成情况",
        "完成情况",
        "进展情况",
        "实际进度",
        "推进情况",
        "落实情况",
        "办理情况",
    ),
    "on_pace": ("是否达序",),
    "deadline": ("完成时限", "完成时间", "完成期限", "时限要求", "截止时间", "截止日期"),
    "remark": ("备注",),
}


# The labels that open a task's completion in running text ("完成情况：…"), a paragraph's
# or a list item's.
COMPLETION_LABELS = ("完成情况", "进展情况", "推进情况", "落实情况", "实际进度")


def header_roles(line: str) -> list[str] | None:
    """The roles a header line names, in order; None when the line is not a header.

    A header is short and made almost entirely of header words (at least three roles,
    one of them the content or the completion), as "类别序号重点督办内容牵头单位全年完成情况".
    """
    text = re.sub(r"[\s\u00a0\u3000|｜,，]+", "", line)
    if not text or len(text) > 80:
        return None
    # Longest words first, so that 全年目标任务 is a target and not the task column.
    candidates = sorted(
        (
            (len(word), text.find(word), role, word)
            for role, words in ROLE_WORDS.items()
            for word in words
            if word in text
        ),
        reverse=True,
    )
    found: list[tuple[int, int, str]] = []
    for length, pos, role, _word in candidates:
        if any(r == role for _, _, r in found):
            continue
        if any(s < pos + length and pos < e for s, e, _ in found):
            continue
        found.append((pos, pos + length, role))
    roles = {role for _, _, role in found}
    if len(found) < 3 or not roles & {"content", "completion"}:
        return None
    covered = sum(e - s for s, e, _ in found)
    if covered < 0.7 * len(text):
        return None
    return [role for _, _, role in sorted(found)]


_DATE_RE = re.compile(
    r"(?:发布时间|发布日期|日期|时间)[:：]?\s*(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})"
)
_TITLE_WORDS = ("工作报告", "重点工作", "完成情况", "实事", "重点任务", "进展情况", "督办")


# Page furniture around a table that is not its caption: dates, sources, view counts.
BYLINE_RE = re.compile(
    r"发布时间|发布日期|来源[:：]|浏览次数|点击数|字号[:：]|作者[:：]|^日期[:：]|^时间[:：]"
)


def is_byline(line: str) -> bool:
    return bool(BYLINE_RE.search(line))


def published_date(lines: list[str]) -> str | None:
    for line in lines:
        m = _DATE_RE.search(line)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def title_and_caption(preamble: list[str]) -> tuple[str | None, str | None]:
    """The page title (first titled line) and the table caption (last one before the header)."""
    titled = [
        line.strip()
        for line in preamble
        if 6 <= len(line.strip()) <= 80
        and any(w in line for w in _TITLE_WORDS)
        and not _DATE_RE.search(line)
        and re.search(r"(19|20)\d{2}", line)
    ]
    if not titled:
        return None, None
    title = titled[0]
    caption = titled[-1] if titled[-1] != title else None
    return title, caption


def plan_year(*texts: str | None) -> int | None:
    for text in texts:
        if text:
            m = re.search(r"(20\d{2}|19\d{2})\s*年", text)
            if m:
                return int(m.group(1))
    return None


def report_year(*texts: str | None) -> int | None:
    """The year a work report plans, from its first lines: the year it names, or the next one
    when it was delivered in December: "张家界市政府工作报告（2024年12月25日 王洪斌）" is the 2025
    report, "——2021年12月30日在永州市第六届人民代表大会第一次会议上" the 2022 one."""
    for text in texts:
        if text:
            m = re.search(r"(20\d{2}|19\d{2})\s*年\s*(?:(\d{1,2})\s*月)?", text)
            if m:
                return int(m.group(1)) + (1 if m.group(2) == "12" else 0)
    return None


_PLACE = r"([\u4e00-\u9fff]{2,20}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区))"
_CONGRESS_RE = re.compile(rf"在{_PLACE}第[一二三四五六七八九十]{{1,3}}届人民代表大会")
_BYLINE_RE = re.compile(rf"^{_PLACE}人民政府(?:代理)?(?:省长|主席|市长|州长|盟长|专员|县长|区长)")
_GOVERNMENT_RE = re.compile(r"^[\u4e00-\u9fff]{2,30}(人民政府|政府)$")


def name_lines(name: str) -> list[str]:
    """A file's name as the lines a title would be read from, for a table whose first line is
    its header (a CSV): "北京市西城区人民政府-2020年…完成情况.csv", as duban names its
    downloads, gives the government and the title; a browser's copy mark " (1)" is dropped."""
    stem = re.sub(r"\s*[(（]\d{1,3}[)）]$", "", PurePath(name).stem.strip())
    government, dash, title = stem.partition("-")
    if dash and _GOVERNMENT_RE.match(government.strip()):
        return [government.strip(), title.strip()]
    return [stem] if stem else []


def government_name(preamble: list[str], title: str | None) -> str | None:
    """The publishing government: a masthead line ("北京市西城区人民政府"), else the title's."""
    for line in preamble:
        text = line.strip()
        if _GOVERNMENT_RE.match(text):
            return text
    for line in preamble[:12]:
        # A work report's dateline names the congress it is delivered to, and its byline the
        # government: "——2009年2月3日在南昌市第十三届人民代表大会第四次会议上" / "南昌市人民政府
        # 市长 胡 宪" (南昌 2009); "——2021年12月30日在永州市第六届人民代表大会第一次会议上"
        # (永州 2022).
        m = _CONGRESS_RE.search(line) or _BYLINE_RE.match(line.strip())
        if m and m.group(1) not in ("自治州", "自治区", "自治县"):  # "在自治州第十五届…"
            return m.group(1) + "人民政府"
    if title:
        undated = re.sub(r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?", " ", title)
        m = re.search(r"([\u4e00-\u9fff]{2,12}?(?:区|县|市|州|省))", undated)
        if m:
            return m.group(1) + "人民政府"
    return None
