"""What the browser tests of the office's, units' and leaders' days share: logging in as a
persona, screenshots at desk and phone width, and the words a zh-hans page must not show."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import SHOTS

PASSWORD = "browser-day-password-2024"
WIDTHS = {"desk": 1280, "phone": 390}
# Latin words a Chinese page may show: the product's name, the language switch, file formats,
# and those in the demo plan's own text (PM2.5, 5G, CBD…).
ALLOWED = {
    "duban",
    "English",
    "XLSX",
    "CSV",
    "JSON",
    "DOCX",
    "PDF",
    "API",
    "Excel",
    "Word",
    "zip",
    "WPS",
    "MB",
    "KB",
    "GB",
    "Tab",
    "PM",
    "PM2.5",
    "GDP",
    "CBD",
    "5G",
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z]")


def login(browser: Any, base: str, username: str, width: int = 1280) -> Any:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": 1000}, bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_label("密码").press("Enter")
    page.wait_for_url(f"{base}/work/")
    return page


def english_words(page: Any, allowed: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Latin-letter words in what the page shows (its visible text, the placeholders and the
    accessible names of its controls), other than the allowed ones."""
    shown = page.evaluate("""() => [document.body.innerText,
        ...[...document.querySelectorAll('[placeholder],[aria-label],[title]')].flatMap(
            e => [e.getAttribute('placeholder'), e.getAttribute('aria-label'),
                  e.getAttribute('title')]).filter(Boolean)].join('\\n')""")
    from duban.accounts.models import User

    usernames = set(User.objects.values_list("username", flat=True))  # data, not words
    words = {w.rstrip(".") for w in WORD.findall(shown)}
    return sorted(
        w
        for w in words
        if w not in ALLOWED | usernames
        and w not in allowed
        and not re.fullmatch(r"v\d+|[A-Z]\d*|\d.*", w)
    )


def shots(page: Any, name: str) -> None:
    """The page at desk and at phone width, whole, in test-results/."""
    SHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(size)


def cast(unit_name: str = "区发展改革委", government: str | None = None) -> dict[str, Any]:
    """The personas, with a password the browser types: office, reporter and head of the
    unit (of the government named, else the one of that name), leader."""
    from duban.accounts.models import User
    from duban.accounts.roles import grant_office_admin
    from duban.plans.models import Unit

    if government is None:
        unit = Unit.objects.filter(name=unit_name).first() or Unit.objects.create(name=unit_name)
    else:
        unit, _ = Unit.objects.get_or_create(government=government, name=unit_name)
    people = {}
    for name, role, u, full in [
        ("office", "office", None, ""),
        ("reporter", "reporter", unit, ""),
        ("head", "unit_head", unit, ""),
        ("leader", "leader", None, "王区长"),
    ]:
        user, _ = User.objects.get_or_create(username=name)
        user.role, user.unit, user.email = role, u, f"{name}@example.org"
        user.first_name = full
        user.set_password(PASSWORD)
        user.save()
        people[name] = user
    grant_office_admin(people["office"])
    return people
