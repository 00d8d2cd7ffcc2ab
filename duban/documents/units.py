"""Unit (牵头单位 / 配合单位) names: where they start and end in running text, and one spelling.

Readers use this to split a cell such as "…改善群众身边环境。区城市管理委完成并下发了…" into
content, unit and completion, and to complete names that a page truncated ("区园林绿化").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

# Everything that a page pads a name with: spaces, NBSP, full-width and thin spaces.
WHITESPACE = " \t\r\n\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_WS_RE = re.compile(f"[{WHITESPACE}]+")

LEVEL_PREFIXES = ("北京市", "北京", "中共", "区委", "区", "市", "县", "省", "各")

# Last characters of a working body's name. Longest first, so that 委员会 wins over 委.
SUFFIXES = (
    "管委会",
    "指挥部",
    "委员会",
    "办公室",
    "办事处",
    "检察院",
    "分局",
    "支队",
    "大队",
    "中心",
    "集团",
    "公司",
    "法院",
    "工委",
    "外办",
    "残联",
    "妇联",
    "团委",
    "总工会",
    "科协",
    "街道",
    "政府",
    "局",
    "委",
    "办",
    "部",
    "会",
    "院",
    "所",
    "站",
    "队",
    "馆",
    "处",
)
# Suffixes that name a working body and little else: a short name ending so, right after a
# sentence end, is a unit even without a level prefix ("北展指挥部").
STRONG_SUFFIXES = ("指挥部", "管委会", "办事处", "委员会", "办公室", "分局", "工委")

# Collective units stand for many bodies at once and are kept as printed.
COLLECTIVE = re.compile(r"^(各|全市各|全区各|有关|相关)")

_PAREN = r"(?:[" + WHITESPACE + r"]*[(（][^()（）。,，;；]{1,20}[)）])"


def strip_ws(text: str) -> str:
    return _WS_RE.sub("", text)


def trim(text: str) -> str:
    return text.strip(WHITESPACE)


@lru_cache(maxsize=1)
def gazetteer() -> tuple[frozenset[str], dict[str, str]]:
    """The shipped names (without level prefix) and the alias table."""
    names: set[str] = set()
    aliases: dict[str, str] = {}
    text = resources.files("duban.documents").joinpath("data/units.txt").read_text("utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" in line:
            short, full = (part.strip() for part in line.split("=", 1))
            aliases[short] = full
            names.add(short)
            names.add(full)
        else:
            names.add(line)
    return frozenset(names), aliases


def ends_like_unit(name: str) -> bool:
    bare = re.sub(_PAREN + "$", "", strip_ws(name))
    return bare.endswith(SUFFIXES)


def looks_like_unit_line(line: str) -> bool:
    """A short line that holds one unit name and nothing else (a cell of its own)."""
    name = trim(line)
    if not 2 <= len(name) <= 32:
        return False
    if re.search(r"[。，,;；:：!！?？、“”\"]", name):
        return False
    if re.search(r"\d", name):
        return False
    return bool(re.match(r"^(各|北京|中共|区|市|县|省)", name)) or ends_like_unit(name)


class UnitMatcher:
    """Finds unit names in running text, from the shipped names and those of one document."""

    def __init__(self, known: Iterable[str] = (), places: Iterable[str] = ()) -> None:
        names, _aliases = gazetteer()
        # Level prefixes, and the document's own place names ("西城" in 西城园管委会).
        self.prefixes: tuple[str, ...] = LEVEL_PREFIXES + tuple(p for p in places if p)
        stems = set(names)
        # Only full names: a truncated one ("区生态环境") would cut 区生态环境局 short.
        self.known: set[str] = {strip_ws(k) for k in known if k and ends_like_unit(k)}
        for name in self.known:
            stems.add(_without_prefix(name))
        stems.discard("")
        alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
        prefixes = "|".join(re.escape(p) for p in self.prefixes)
        known_alt = "|".join(re.escape(k) for k in sorted(self.known, key=len, reverse=True))
        self._known = re.compile(f"(?:{known_alt}){_PAREN}?") if known_alt else None
        # Characters a shipped or known name can start with: other positions are skipped.
        self.starts = frozenset(p[0] for p in self.prefixes) | {k[0] for k in self.known}
        self.starts_re = re.compile("[" + re.escape("".join(sorted(self.starts))) + "]")
        # A level prefix, an optional place name, then a shipped or known name; a 分局 of a
        # city body in a district ("市规划和自然资源委西城分局") stays one name.
        self._strong = re.compile(
            f"(?:{prefixes})(?:[\u4e00-\u9fff]{{0,4}}?)(?:{alternatives})"
            f"(?:[\u4e00-\u9fff]{{2,3}}分局)?{_PAREN}?"
        )
        # Any name ending in a unit suffix: used only where the layout says a unit stands.
        suffix_alt = "|".join(re.escape(s) for s in SUFFIXES)
        self._loose = re.compile(
            f"[\u4e00-\u9fff][^{WHITESPACE}。，,;；:：、“”]{{1,18}}?(?:{suffix_alt}){_PAREN}?"
        )

    def match_at(self, text: str, pos: int) -> re.Match[str] | None:
        """The longest shipped or known unit name starting exactly at pos."""
        found = [self._strong.match(text, pos)]
        if self._known is not None:
            found.append(self._known.match(text, pos))
        matches = [m for m in found if m]
        return max(matches, key=lambda m: m.end()) if matches else None

    def is_strong_name(self, m: re.Match[str]) -> bool:
        """A short name with a suffix that only working bodies carry."""
        name = re.sub(_PAREN + "$", "", m.group(0))
        return len(name) <= 12 and name.endswith(STRONG_SUFFIXES)

    def loose_match_at(self, text: str, pos: int) -> re.Match[str] | None:
        return self._loose.match(text, pos)


def _without_prefix(name: str) -> str:
    for prefix in LEVEL_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix) :]
    return name


def normalize(raw: str, candidates: Counter[str] | None = None) -> str:
    """A unit name as the document means it: white space removed, a truncation completed.

    candidates counts the unit names seen elsewhere in the same document (cells and running
    text); a truncated name such as 区园林绿化 is completed to the most frequent of them that
    extends it by a unit suffix (区园林绿化局). Short forms (发改委) stay as printed: the alias
    table resolves them to one unit when a plan is imported (see canonical()).
    """
    name = strip_ws(raw)
    if not name or COLLECTIVE.match(name):
        return name
    if ends_like_unit(name) or not candidates:
        return name
    extensions = [
        (count, full)
        for full, count in candidates.items()
        if full.startswith(name)
        and len(full) > len(name)
        and ends_like_unit(full)
        and full[len(name) :].rstrip(")").split("(")[0] in SUFFIXES
    ]
    if extensions:
        extensions.sort(key=lambda item: (-item[0], len(item[1])))
        return extensions[0][1]
    return name


def mentions(text: str, truncated: Iterable[str]) -> Counter[str]:
    """Count, in running text, each truncated name followed directly by a unit suffix."""
    found: Counter[str] = Counter()
    suffix_alt = "|".join(re.escape(s) for s in SUFFIXES)
    for name in set(truncated):
        for m in re.finditer(re.escape(name) + f"(?:{suffix_alt})", text):
            found[m.group(0)] += 1
    return found


def canonical(name: str) -> str:
    """The form under which two spellings of one unit are the same: ASCII parentheses, and
    the shipped alias table applied (区发改委 -> 区发展改革委)."""
    name = strip_ws(name).replace("（", "(").replace("）", ")")
    _, aliases = gazetteer()
    stem = _without_prefix(name)
    bare = stem.split("(")[0]
    if bare in aliases:
        return name[: len(name) - len(stem)] + aliases[bare] + stem[len(bare) :]
    return name


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, tuple[str, ...]]:
    _, aliases = gazetteer()
    out: dict[str, list[str]] = {}
    for short, full in aliases.items():
        out.setdefault(full, []).append(short)
    return {full: tuple(shorts) for full, shorts in out.items()}


def spellings(name: str) -> set[str]:
    """Every stored name that canonical() maps to the same form as name: both kinds of
    parentheses, the full name and its short forms. Lets an import look up a unit by index
    instead of reading every unit."""
    form = canonical(name)
    stem = _without_prefix(form)
    prefix, bare = form[: len(form) - len(stem)], stem.split("(")[0]
    rest = stem[len(bare) :]
    bares = {bare, *_short_forms().get(bare, ())}
    forms = {prefix + b + rest for b in bares}
    return forms | {f.replace("(", "（").replace(")", "）") for f in forms}
