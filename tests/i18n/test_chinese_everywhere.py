"""Everything a person reads is in Chinese: every message of the code has a zh_Hans
translation, and the pages each persona visits (office, reporter, unit head, leader, an
anonymous visitor) show no English word, no raw HTML and no code."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import ROOT

# Latin words a Chinese page may show: the product's name, file formats and the programs
# people know them by, sizes.
ALLOWED = {
    "duban",
    "XLSX",
    "CSV",
    "JSON",
    "DOCX",
    "PDF",
    "API",
    "Excel",
    "WPS",
    "Word",
    "zip",
    "MB",
    "KB",
    "GB",
    "REST",
    "ECharts",
    "HTML",
    "Markdown",
    "TXT",
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z]")
# Codes a person should never read: period codes, Python's words, HTML shown as text (an
# escaped tag: the documents themselves write 《…<…>…》), template or format syntax.
CODES = [
    re.compile(p)
    for p in (
        r"\b\d{4}-(?:Y|H[12]|Q[1-4])\b",
        r"\bNone\b",
        r"\bTrue\b",
        r"\bFalse\b",
        r"&lt;/?[a-z][a-z0-9]*(?=[\s/]|&gt;)",
        r"\{\{|\{%|%\(\w+\)",
    )
]


# -- the catalogue ----------------------------------------------------------------------------


def _entries(po: str) -> list[dict[str, object]]:
    """The entries of a .po file: msgid, msgstr (joined, plural forms too) and flags."""
    entries: list[dict[str, object]] = []
    current: dict[str, object] = {}
    key = ""
    for line in [*po.splitlines(), ""]:
        if not line.strip():
            if current:
                entries.append(current)
            current, key = {}, ""
        elif line.startswith("#,"):
            current["flags"] = {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#"):
            continue
        elif m := re.match(r'(msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line):
            key = "msgstr" if m[1].startswith("msgstr") else m[1]
            current[key] = str(current.get(key, "")) + m[2] + ("\0" if key == "msgstr" else "")
        elif line.startswith('"') and key:
            current[key] = (
                str(current[key]).rstrip("\0") + line[1:-1] + ("\0" if key == "msgstr" else "")
            )
    return entries


def _untranslated(po: str) -> list[str]:
    entries = _entries(po)
    header = str(entries[0].get("msgstr", "")) if entries else ""
    plurals = int(m[1]) if (m := re.search(r"nplurals=(\d+)", header)) else 2
    out = []
    for e in entries:
        if e.get("obsolete") or not e.get("msgid"):
            continue  # the header, or an entry no code uses any more
        forms = (str(e.get("msgstr", "")).split("\0")[:-1] or [""])[:plurals]
        if "fuzzy" in e.get("flags", set()) or not all(forms):  # type: ignore[operator]
            out.append(str(e["msgid"]))
    return out


def test_the_parser_sees_a_missing_and_a_fuzzy_translation() -> None:
    po = (
        'msgid ""\nmsgstr "Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "Saved"\nmsgstr "已保存"\n\nmsgid "Lost"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Guess"\nmsgstr "猜"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] ""\n\n'
        'msgid "task"\nmsgid_plural "tasks"\nmsgstr[0] "项任务"\nmsgstr[1] ""\n\n'
        '#~ msgid "Old"\n#~ msgstr ""\n'
    )
    assert _untranslated(po) == ["Lost", "Guess", "one"]


def test_every_message_of_the_code_has_a_zh_hans_translation(tmp_path: Path) -> None:
    """As `make messages` would extract them from the code and the templates, in a copy of
    the package (the checkout's catalogue is not touched)."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("gettext is missing: apt-get install gettext")
        pytest.skip("gettext is not installed (apt-get install gettext)")
    copy = tmp_path / "duban"
    shutil.copytree(
        ROOT / "duban", copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "demo")
    )
    admin = Path(sys.executable).with_name("django-admin")
    subprocess.run(
        [str(admin), "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": ""},
    )
    po = (copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text("utf-8")
    missing = _untranslated(po)
    assert not missing, "no zh_Hans translation in duban/locale for:\n" + "\n".join(missing)


# -- the pages --------------------------------------------------------------------------------


class _Shown(HTMLParser):
    """What a page shows a person: its text (not scripts or styles, nor what is marked as
    another language: the 'English' switch) and the words of placeholders, titles and
    accessible names."""

    SKIP = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self._glued = False

    def _skipping(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._glued = False
        a = dict(attrs)
        lang = (a.get("lang") or "zh").lower()
        skip = tag in self.SKIP or not lang.startswith("zh")
        if tag not in {"input", "img", "br", "meta", "link", "hr", "source", "wbr"}:
            self.stack.append((tag, skip))
        if skip or self._skipping():
            return
        for name in ("placeholder", "title", "aria-label", "alt"):
            if a.get(name):
                self.parts.append(str(a[name]))
        if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
            self.parts.append(str(a["value"]))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str, glue: bool = False) -> None:
        if self._skipping():
            return
        if (glue or self._glued) and self.parts:  # text around an entity is one text
            self.parts[-1] += data
        else:
            self.parts.append(data)
        self._glued = glue

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};", glue=True)

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};", glue=True)


def shown_text(html: str) -> str:
    parser = _Shown()
    parser.feed(html)
    head, _sep, _rest = html.partition("<body")
    title = re.search(r"<title>(.*?)</title>", head, re.S)
    return "\n".join([title[1] if title else "", *parser.parts])


def problems(text: str, data_words: set[str]) -> list[str]:
    """English words (other than the allowed and those of the data shown) and codes."""
    codes = sorted({m.group(0) for c in CODES for m in c.finditer(text)})
    prose = text
    for c in CODES:
        prose = c.sub(" ", prose)
    found = {w.rstrip(".") for w in WORD.findall(re.sub(r"&[#\w]+;", " ", prose))}
    words = sorted(
        w
        for w in found
        if w not in ALLOWED and w not in data_words and not re.fullmatch(r"v\d+", w)
    )
    return words + codes


def _data_words() -> set[str]:
    """Latin words of what people entered or imported (GDP, PM2.5, 5G; user names): data,
    shown as they are."""
    from duban.accounts.models import User
    from duban.plans.models import Category, Indicator, Plan, Task, Unit
    from duban.reporting.models import Instruction, ProgressReport

    texts: list[str] = []
    for model, fields in [
        (Task, ["content", "completion", "status_evidence", "status_note"]),
        (Category, ["name"]),
        (Unit, ["name"]),
        (Plan, ["title", "government", "caption", "source_name"]),
        (Indicator, ["metric", "unit", "span", "actual_span", "actual_unit"]),
        (ProgressReport, ["text", "review_comment"]),
        (Instruction, ["text", "answer"]),
        (User, ["username", "first_name", "last_name"]),
    ]:
        for row in model.objects.values_list(*fields):
            texts.extend(str(v) for v in row if v)
    return {w.rstrip(".") for w in WORD.findall("\n".join(texts))}


@pytest.fixture
def day(plan, hidden_plan, people):  # type: ignore[no-untyped-def]
    """A little of each role's work, so that the pages have something to say: a report
    waiting for the head, one returned by the office, an instruction answered, a closed task,
    a request, a publication."""
    from duban.disclosure.services import publish
    from duban.plans.services import confirm_status
    from duban.reporting import services

    plan.requires_unit_approval = True
    plan.save()
    task1, task8 = plan.tasks.get(number=1), plan.tasks.get(number=8)
    for t in (task1, task8):
        t.reporting_cycle = "quarter"
        t.save()
    waiting = services.save_draft(task1, people.reporter, "2020-Q1", "一季度进展。")
    services.submit(waiting, people.reporter)
    returned = services.save_draft(task8, people.head, "2020-Q1", "八号任务一季度进展。")
    services.submit(returned, people.head)
    services.return_report(returned, people.office, "请补充数据。")
    instruction = services.write_instruction(task1, people.leader, "请加快进度。")
    services.answer_instruction(instruction, people.reporter, "已按月调度。")
    services.request_change(task1, people.reporter, "extension", "疫情影响", dt.date(2021, 3, 31))
    task3 = plan.tasks.get(number=3)
    confirm_status(task3, people.office, "completed")
    services.close_task(task3, people.office)
    publish(plan, people.office, "mid_year", "年中")
    return plan


def _account(username: str) -> int:
    from duban.accounts.models import User

    return User.objects.get(username=username).pk


def _pages(persona: str, plan, hidden_plan) -> list[str]:  # type: ignore[no-untyped-def]
    work_task = reverse("reporting:task", args=[plan.id, 1])
    public = [
        reverse("disclosure:home"),
        reverse("disclosure:plan", args=[plan.id]),
        reverse("disclosure:plan", args=[plan.id]) + "?status=not_kept&sort=status",
        reverse("disclosure:task", args=[plan.id, 1]),
        reverse("disclosure:task", args=[plan.id, 22]),
        reverse("disclosure:publications", args=[plan.id]),
        reverse("disclosure:dashboard", args=[plan.id]),
        reverse("disclosure:unit", args=["区发展改革委"]),
        reverse("disclosure:government", args=[plan.government]),
    ]
    if persona == "anonymous":
        return [*public, reverse("login"), "/no-such-page/"]
    mine = [
        reverse("reporting:home"),
        reverse("reporting:notifications"),
        work_task,
        reverse("password_change"),
        reverse("password_change_done"),
    ]
    if persona == "office":
        task = plan.tasks.get(number=1)
        return [
            *mine,
            f"{reverse('reporting:home')}?plan={plan.id}",
            f"{reverse('reporting:home')}?plan={hidden_plan.id}&warning=red",
            reverse("reporting:task", args=[plan.id, 8]),
            reverse("reporting:task", args=[plan.id, 3]),
            reverse("plans:plan-new"),
            reverse("plans:plan-edit", args=[plan.id]),
            reverse("plans:task-new", args=[plan.id]),
            reverse("plans:task-edit", args=[plan.id, task.id]),
            reverse("plans:upload"),
            reverse("disclosure:publish", args=[plan.id]),
            reverse("disclosure:publish", args=[hidden_plan.id]),
            reverse("plans:units"),
            reverse("plans:units") + "?q=发改",
            reverse("plans:unit-edit", args=[task.assignments.first().unit_id]),
            reverse("accounts:people"),
            reverse("accounts:people") + "?role=leader",
            reverse("accounts:person-new"),
            reverse("accounts:leaders"),
            reverse("accounts:person-edit", args=[_account("reporter")]),
            reverse("accounts:person-edit", args=[_account("office")]),
            *public,
        ]
    if persona in ("reporter", "head"):
        return [*mine, reverse("reporting:task", args=[plan.id, 8]), *public]
    return [*mine, reverse("reporting:task", args=[plan.id, 3]), *public]  # leader


@pytest.mark.parametrize("persona", ["office", "reporter", "head", "leader", "anonymous"])
def test_the_pages_each_persona_visits_speak_chinese(
    client, day, hidden_plan, people, persona
) -> None:
    if persona != "anonymous":
        client.force_login(getattr(people, persona))
    data_words = _data_words()
    found: dict[str, list[str]] = {}
    for url in _pages(persona, day, hidden_plan):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        if "html" not in response.get("Content-Type", ""):
            continue
        if bad := problems(shown_text(response.content.decode()), data_words):
            found[url] = bad
    assert not found, f"{persona} sees English or code: {found}"


def test_the_check_sees_english_raw_html_and_codes() -> None:
    html = (
        '<html lang="zh-Hans"><head><title>工作台</title></head><body><p>Task 1 saved.</p>'
        '<p>&lt;ul class="errorlist"&gt;</p><p>2020-Y</p><button lang="en">English</button>'
        '<input placeholder="Search"><script>var x = "hidden";</script><p>PM2.5 达标</p>'
        "</body></html>"
    )
    assert problems(shown_text(html), {"PM2.5"}) == [
        "Search",
        "Task",
        "class",
        "errorlist",
        "saved",
        "&lt;ul",
        "2020-Y",
    ]
    assert problems("《贯彻&lt;北京市安全管理规定&gt;工作方案》", set()) == []
