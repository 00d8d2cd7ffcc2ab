"""Rendered fragments of signed-in pages, cached under a key that names everything they show.

A signed-in page cannot be cached whole (it shows its reader's name, notifications and CSRF
token), but most of its time goes into rendering parts that are the same for everyone who may
see them: a plan's task table, a publication's body. Those parts are cached here, each under a
key made (by the view, with `key`) of what the part shows — the rows' own values, or the plan's
version that every publication and plan change moves on — with the language and the code's
release. A key is never invalidated: a change makes another key, so a stale fragment cannot be
shown, and a fragment that differs by viewer must name the viewer's role or scope in its key.

A fragment never holds a CSRF token or a form bound to its reader: the template tag
(`{% fragment %}`, disclosure/templatetags/fragments.py) refuses to compile one around a
`{% csrf_token %}` and refuses to store one whose HTML carries a token.

The shared cache (files, or Redis) holds them for every process; each process keeps the ones
it served last in memory too (the key names the content, so a copy cannot go stale).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.cache import cache
from django.utils.translation import get_language

from duban.disclosure.page_cache import RELEASE
from duban.recent import Recent

TIMEOUT = 7 * 24 * 3600
CSRF_FIELD = 'name="csrfmiddlewaretoken"'


class CsrfInFragment(RuntimeError):
    """A fragment would have shared one reader's CSRF token with every other reader."""


def key(name: str, *parts: object) -> str:
    """The key of fragment `name` made of `parts` (everything it shows and depends on), in
    the current language and the running code's release."""
    digest = hashlib.sha256(f"{RELEASE}|{get_language()}|{name}".encode())
    for part in parts:
        digest.update(b"\0" + repr(part).encode())
    return f"fragment:{name}:{digest.hexdigest()[:40]}"


recent: Recent[str] = Recent(limit=16 * 2**20, size=len)  # the fragments this process used last


def get(key: str) -> str | None:
    html = recent.get(key)
    if html is None:
        html = cache.get(key)
        if html is not None:
            recent.put(key, html)
    return html


def get_many(keys: Iterable[str]) -> dict[str, str]:
    """Those of the fragments that are cached, by key."""
    found, missing = {}, []
    for k in keys:
        html = recent.get(k)
        if html is None:
            missing.append(k)
        else:
            found[k] = html
    if missing:
        for k, html in cache.get_many(missing).items():
            recent.put(k, html)
            found[k] = html
    return found


def put(key: str, html: str) -> None:
    if CSRF_FIELD in html:
        raise CsrfInFragment(key)
    cache.set(key, html, TIMEOUT)
    recent.put(key, html)
