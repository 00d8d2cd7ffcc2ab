"""The flattened HTML table: what a browser's "save as text" makes of a published table.

Each row is one line "类别序号内容单位完成情况" with no separator between the cells, except
that a row with several units is spread over several lines: the content line, one line per
unit, and the completion line, with blank lines between. The Xicheng 2020 page is this shape.
Cells are told apart by the row number (which follows the sequence), by unit names (shipped
names, names printed on lines of their own, names seen after a sentence end) and by
sentence ends.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .header import government_name, header_roles, plan_year, published_date, title_and_caption
from .model import Note, ParsedDocument, ParsedTask, ParseError, gettext_noop
from .units import (
    COLLECTIVE,
    WHITESPACE,
    UnitMatcher,
    ends_like_unit,
    looks_like_unit_line,
    mentions,
    normalize,
    strip_ws,
    trim,
)

SENTENCE_END = "。;；!！?？"
FLAT_ROLES = ("category", "number", "content", "lead_units", "completion")
_FOOTER_RE = re.compile(
    r"^(回到顶部|返回顶部|打印本页|关闭窗口|【打印】|【关闭】|分享到|主办[:：]|承办[:：]|"
    r"版权所有|网站标识码|京ICP备|ICP备|技术支持|地址[:：]|政务服务热线|联系我们|官方微信|"
    r"官方微博|扫一扫|相关链接)"
)
_CATEGORY_RE = re.compile(r"^[\u4e00-\u9fff（）()“”《》]{0,40}$")
_NUMBERED_PAREN = re.compile(r"[(（][一二三四五六七八九十\d]+[)）]")


@dataclass
class _Row:
    line: int
    category: str | None
    number: int
    rest: str
    parts: list[tuple[int, str]] = field(default_factory=list)


def find_header(lines: list[str]) -> tuple[int, list[str]] | None:
    for i, line in enumerate(lines):
        roles = header_roles(line)
        if roles and "number" in roles:
            return i, roles
    return None


def read(text: str) -> ParsedDocument:
    lines = text.split("\n")
    found = find_header(lines)
    if found is None:
        raise ParseError(
            Note(
                gettext_noop("no table header (类别/序号/内容/牵头单位/完成情况) found in the text")
            )
        )
    header_at, roles = found
    warnings: list[str] = []
    unplaced = [r for r in roles if r not in FLAT_ROLES]
    if unplaced:
        # Without separators only the publication's five columns can be told apart; the
        # others stay inside the completion text, where nothing of them is lost.
        warnings.append(
            Note(
                gettext_noop("line {line}: columns {columns} are not split out in this shape"),
                line=header_at + 1,
                columns="、".join(unplaced),
            )
        )
    rows = _split_rows(lines, header_at, warnings)
    if not rows:
        raise ParseError(
            Note(
                gettext_noop("a table header on line {line} but no numbered rows after it"),
                line=header_at + 1,
            )
        )
    title, caption = title_and_caption(lines[:header_at])
    tasks = _cells(rows, text, warnings, places=_places(title, caption))
    return ParsedDocument(
        title=title,
        published=published_date(lines[:header_at]),
        year=plan_year(title, caption),
        tasks=tasks,
        warnings=warnings,
        caption=caption,
        columns=roles,
        government=government_name(lines[:header_at], title),
        format="flat-table",
    )


def _row_start(
    line: str, expected: int | None, category: str | None, seen: set[str]
) -> tuple[str, int, str] | None:
    """(category, number, rest) when the line opens the next row of the table."""
    m = re.match(r"^(\D*?)(\d+)", line)
    if not m:
        return None
    prefix, digits = trim(m.group(1)), m.group(2)
    if not _CATEGORY_RE.match(prefix):
        return None
    if (
        prefix
        and prefix != category
        and prefix in seen
        and (expected is None or not digits.startswith(str(expected)))
    ):
        # Categories come in blocks: one seen before is prose — unless the row number it
        # carries is the one expected next (the table goes on, its categories again).
        return None
    if expected is None:
        if len(digits) > 3:
            return None
        number = int(digits)
    elif digits.startswith(str(expected)):
        number = expected  # "651.围绕…" is row 65 whose content starts with "1."
    else:
        return None
    rest = line[m.start(2) + len(str(number)) :]
    if not trim(rest):
        return None
    return prefix, number, rest


def _split_rows(lines: list[str], header_at: int, warnings: list[str]) -> list[_Row]:
    rows: list[_Row] = []
    category: str | None = None
    seen: set[str] = set()
    again: set[str] = set()
    for i in range(header_at + 1, len(lines)):
        line = lines[i]
        if _FOOTER_RE.match(trim(line)):
            break
        if rows and header_roles(line):
            # The header printed again (a long table over several pages): not row text.
            warnings.append(
                Note(gettext_noop("line {line}: the table's header again; skipped"), line=i + 1)
            )
            continue
        expected = rows[-1].number + 1 if rows else None
        start = _row_start(line, expected, category, seen)
        if start is not None:
            prefix, number, rest = start
            if prefix and prefix != category and prefix in seen and prefix not in again:
                again.add(prefix)  # said once per category
                warnings.append(
                    Note(
                        gettext_noop(
                            "line {line}: the category “{category}” comes again with row {n}; read "
                            "as further rows"
                        ),
                        line=i + 1,
                        category=prefix,
                        n=number,
                    )
                )
            if prefix:
                category = prefix
                seen.add(prefix)
            rows.append(_Row(i + 1, category, number, rest))
        elif rows:
            if trim(line):
                rows[-1].parts.append((i + 1, line))
        elif trim(line):
            warnings.append(
                Note(
                    gettext_noop("line {line}: text between the header and the first row skipped"),
                    line=i + 1,
                )
            )
    return rows


def _inline_units(rows: list[_Row]) -> list[str]:
    """Unit names printed on lines of their own: the surest names in the document."""
    names = []
    for row in rows:
        for _, part in row.parts:
            if looks_like_unit_line(part):
                names.append(strip_ws(part))
    return names


def _places(*texts: str | None) -> list[str]:
    """The government's place name ("西城" of 西城区), which also opens some unit names."""
    found = []
    for text in texts:
        m = re.search(r"(?:\d{4}年)?([\u4e00-\u9fff]{2,3}?)(?:区|县|市|州|省)", text or "")
        if m:
            found.append(m.group(1))
    return found


def _cells(rows: list[_Row], text: str, warnings: list[str], places: list[str]) -> list[ParsedTask]:
    own_lines = _inline_units(rows)
    # First pass: names found right after a sentence end become known for the second pass,
    # which can then find them where the content does not end with a full stop.
    first = UnitMatcher(own_lines, places)
    seen_after_stop: Counter[str] = Counter()
    for row in rows:
        split = _split_inline(row.rest, first, allow_anywhere=False)
        if split:
            seen_after_stop.update(strip_ws(u) for u in split[1])
    known = set(own_lines) | {name for name, n in seen_after_stop.items() if n >= 2}
    matcher = UnitMatcher(known, places)

    tasks: list[ParsedTask] = []
    for row in rows:
        tasks.append(_task(row, matcher, warnings))

    # Complete truncated names ("区园林绿化") from names in cells, then from running text.
    in_cells: Counter[str] = Counter(strip_ws(u) for t in tasks for u in t.lead_units_raw)
    truncated = [n for n in in_cells if not _is_full(n)]
    candidates = in_cells + mentions(text, truncated)
    for task in tasks:
        task.lead_units = [normalize(u, candidates) for u in task.lead_units_raw]
        for raw, norm in zip(task.lead_units_raw, task.lead_units, strict=True):
            if not _is_full(norm):
                warnings.append(
                    Note(
                        gettext_noop("line {line}: unit name “{name}” looks truncated"),
                        line=task.source_line,
                        name=raw,
                    )
                )
    return tasks


def _is_full(name: str) -> bool:
    return ends_like_unit(name) or bool(COLLECTIVE.match(name))


def _task(row: _Row, matcher: UnitMatcher, warnings: list[str]) -> ParsedTask:
    parts = list(row.parts)
    unit_lines: list[str] = []
    while parts and looks_like_unit_line(parts[0][1]):
        unit_lines.append(trim(parts.pop(0)[1]))
    more = "\n".join(trim(p) for _, p in parts)
    if unit_lines:
        content, units, completion = trim(row.rest), unit_lines, more
    else:
        split = _split_inline(row.rest, matcher, allow_anywhere=True)
        if split is None:
            warnings.append(
                Note(
                    gettext_noop(
                        "line {line}: row {n}: no lead unit found; the whole row is kept as content"
                    ),
                    line=row.line,
                    n=row.number,
                )
            )
            content, units, completion = trim(row.rest), [], more
        else:
            content, units, completion = split
            completion = "\n".join(p for p in (completion, more) if p)
    if not completion:
        warnings.append(
            Note(
                gettext_noop("line {line}: row {n} has no completion text"),
                line=row.line,
                n=row.number,
            )
        )
    return ParsedTask(
        category=row.category,
        number=row.number,
        content=content,
        lead_units_raw=units,
        lead_units=list(units),
        completion=completion,
        source_line=row.line,
    )


def _split_inline(
    rest: str, matcher: UnitMatcher, *, allow_anywhere: bool
) -> tuple[str, list[str], str] | None:
    """Split "content units completion" written without separators."""
    start = _first_unit(rest, matcher, allow_anywhere)
    if start is None:
        return None
    pos, m = start
    spans = [_unit_span(m)]
    while True:
        ws = spans[-1][1]
        while ws < len(rest) and rest[ws] in WHITESPACE:
            ws += 1
        if ws == spans[-1][1] or ws >= len(rest):
            break  # several units on one line stand apart by white space
        nxt = matcher.match_at(rest, ws) or matcher.loose_match_at(rest, ws)
        if nxt is None:
            break
        spans.append(_unit_span(nxt))
    units = [trim(rest[s:e]) for s, e in spans]
    return trim(rest[:pos]), units, trim(rest[spans[-1][1] :])


def _unit_span(m: re.Match[str]) -> tuple[int, int]:
    """The match, less a "(一)" that opens the completion rather than closing the name."""
    tail = _NUMBERED_PAREN.search(m.group(0))
    if tail and tail.end() == len(m.group(0)):
        return m.start(), m.start() + len(m.group(0)[: tail.start()].rstrip(WHITESPACE))
    return m.start(), m.end()


def _first_unit(
    rest: str, matcher: UnitMatcher, allow_anywhere: bool
) -> tuple[int, re.Match[str]] | None:
    after_stop: tuple[int, re.Match[str]] | None = None
    anywhere: tuple[int, re.Match[str]] | None = None
    loose: tuple[int, re.Match[str]] | None = None
    for pos in _candidates(rest, matcher, allow_anywhere):
        stop = rest[pos - 1] in SENTENCE_END
        if not stop and not allow_anywhere:
            continue
        m = matcher.match_at(rest, pos) if rest[pos] in matcher.starts else None
        if m and stop:
            after_stop = (pos, m)
            break
        if m and anywhere is None and pos >= 4 and _is_known(m, matcher):
            anywhere = (pos, m)
        if stop and loose is None:
            lm = matcher.loose_match_at(rest, pos)
            if lm and (rest.startswith(matcher.prefixes, pos) or matcher.is_strong_name(lm)):
                loose = (pos, lm)
    return after_stop or anywhere or loose


def _candidates(rest: str, matcher: UnitMatcher, allow_anywhere: bool) -> list[int]:
    """The positions _first_unit looks at, in order: just after a full stop, and (anywhere)
    where a unit name can start. Found by regex, not by stepping through every character."""
    stops = {m.end() for m in _STOP_RE.finditer(rest, 0, len(rest) - 1)}
    if not allow_anywhere:
        return sorted(stops)
    return sorted(stops | {m.start() for m in matcher.starts_re.finditer(rest, 1)})


_STOP_RE = re.compile(f"[{re.escape(SENTENCE_END)}]")


def _is_known(m: re.Match[str], matcher: UnitMatcher) -> bool:
    s, e = _unit_span(m)
    return strip_ws(m.string[s:e]) in matcher.known
