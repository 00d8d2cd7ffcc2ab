"""Whole-page cache for the public pages of a plan.

What the public sees of a plan changes only when the office publishes it again or edits the
plan itself, so its pages are rendered once per publication, language and address, and served
from the cache after that. Each plan has a version in the cache; a new publication, a change
to the plan or its deletion moves the version on (signals below), and every cached page of the
plan is out of use at once. The cache is shared by all app processes (files on one machine,
Redis for several), so one publication invalidates everywhere. Every key names the code's
release too (RELEASE, from the code, templates and catalogues as deployed): after a deploy
that changes how a page reads, no page the old code rendered is served.

Only anonymous GETs are cached: a signed-in person's page shows their name and their own links.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable
from functools import wraps
from importlib import metadata
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, get_language_from_request

from duban.plans.models import Plan, written_in_bulk
from duban.recent import Recent

from .models import Publication

TIMEOUT = 7 * 24 * 3600
View = Callable[..., HttpResponse]
# What a page is rendered from besides the data: the Python code, the templates and the
# compiled translations (static files are linked, not inlined, so they do not count).
RELEASE_SUFFIXES = frozenset({".py", ".html", ".mo"})


def code_version(root: Path) -> str:
    """A short hash of the code under root as it is on disk, with duban's and Django's
    versions: it changes with any deploy that can change how a page reads."""
    digest = hashlib.sha256()
    with contextlib.suppress(metadata.PackageNotFoundError):  # a checkout not installed
        digest.update(metadata.version("duban").encode())
    digest.update(django.__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in RELEASE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# Once, at start-up (about 10 ms): each process keys its pages on the code it runs.
RELEASE = code_version(Path(__file__).resolve().parent.parent)


def _version_key(plan_id: int) -> str:
    return f"plan-pages:{plan_id}"


def version(plan_id: int) -> int:
    key = _version_key(plan_id)
    current = cache.get(key)
    if current is None:
        cache.add(key, time.time_ns(), None)
        current = cache.get(key)
    return int(current or 0)


def invalidate(plan_id: int) -> None:
    cache.set(_version_key(plan_id), time.time_ns(), None)


def page_key(request: HttpRequest, plan_id: int, language: str | None = None) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    partial = int(request.headers.get("HX-Request") == "true")
    language = language or get_language()
    return f"plan-page:{RELEASE}:{plan_id}:{version(plan_id)}:{language}:{partial}:{address}"


# A cached page: its bytes, its type and its Link header (what the browser may fetch before
# it has read the page, e.g. the dashboard's ECharts).
Page = tuple[bytes, str, str]


# The pages this process served last, by their full key (which names the plan's version):
# a hit costs one small read of the shared cache (the version) instead of reading and
# unpickling the page. Bounded in bytes.
recent: Recent[Page] = Recent(limit=32 * 2**20, size=lambda page: len(page[0]))


def _from_cache(key: str) -> HttpResponse | None:
    hit = recent.get(key)
    if hit is None:
        hit = cache.get(key)
        if hit is None:
            return None
        recent.put(key, hit)
    content, content_type, link = hit
    response = HttpResponse(content, content_type=content_type)
    if link:
        response["Link"] = link
    response["X-Duban-Cache"] = "hit"
    return response


def _cached(request: HttpRequest, plan_id: int, render: Callable[[], HttpResponse]) -> HttpResponse:
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return render()
    key = page_key(request, plan_id)
    if (hit := _from_cache(key)) is not None:
        return hit
    response = render()
    if response.status_code == 200 and not response.cookies and not response.streaming:
        page = (response.content, response["Content-Type"], response.get("Link", ""))
        cache.set(key, page, TIMEOUT)
        recent.put(key, page)
    return response


def public_page(view: View) -> View:
    """Serve the anonymous view of a plan page from the cache, and fill it on a miss."""

    @wraps(view)
    def wrapper(request: HttpRequest, plan_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
        return _cached(request, plan_id, lambda: view(request, plan_id, *args, **kwargs))

    return wrapper


# Pages that span plans (the home, a government's years, a unit's tasks) share one version,
# moved on by any publication or plan change: anonymous traffic on them costs a cache read,
# not a render, so it cannot starve the login and the office of workers.
SITE = 0


def site_page(view: View) -> View:
    """public_page for a page that shows several plans."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _cached(request, SITE, lambda: view(request, *args, **kwargs))

    return wrapper


class PublicPageCacheMiddleware:
    """The fast path: a visitor without a session asking for a cached public page gets it
    before sessions, authentication, CSRF and the rest of the stack run. Anything else (a
    miss, a session, another page) goes on to the view, whose decorator fills the cache.
    Sits just inside the middleware that set security headers on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            plan_id = None
            if match is not None and match.namespace == "disclosure":
                if match.url_name in CACHED and "plan_id" in match.kwargs:
                    plan_id = match.kwargs["plan_id"]
                elif match.url_name in SITE_CACHED:
                    plan_id = SITE
            if plan_id is not None:
                language = get_language_from_request(request)
                hit = _from_cache(page_key(request, plan_id, language))
                if hit is not None:
                    hit["Content-Language"] = language
                    patch_vary_headers(hit, ("Accept-Language", "Cookie"))
                    return hit
        return self.get_response(request)


# The public pages of a plan that public_page wraps (disclosure/urls.py names).
CACHED = frozenset({"plan", "task", "publications", "compare", "dashboard", "dashboard-data"})
SITE_CACHED = frozenset({"home", "government", "unit"})  # wrapped by site_page


@receiver(post_save, sender=Publication)
@receiver(post_delete, sender=Publication)
def _publication_changed(sender: Any, instance: Publication, **kwargs: Any) -> None:
    _invalidate(instance.plan_id)


@receiver(post_save, sender=Plan)
@receiver(post_delete, sender=Plan)
def _plan_changed(sender: Any, instance: Plan, **kwargs: Any) -> None:
    _invalidate(instance.pk)


@receiver(written_in_bulk)
def _written_in_bulk(sender: Any, plan_ids: list[int], **kwargs: Any) -> None:
    """A queryset's update() or bulk write of plans, publications or their rows, which send
    no post_save (plans.models.PlanRowsQuerySet)."""
    for plan_id in plan_ids:
        _invalidate(plan_id)


def _invalidate(plan_id: int) -> None:
    # Now, and again after the commit: a page rendered from the old data in between was keyed
    # with the version of that moment (the key is taken before rendering), which the second
    # move retires.
    _retire(plan_id)
    transaction.on_commit(lambda: _retire(plan_id))


def _retire(plan_id: int) -> None:
    """The plan's cached pages and the site's (home, government, unit: they list plans)."""
    invalidate(plan_id)
    invalidate(SITE)


def warm(plan_id: int) -> int:
    """Render a plan's public page in each language into the cache, as the first visitor
    would, so that after a publication nobody waits for the render. Returns pages rendered."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory  # builds a plain GET request; nothing test-only
    from django.urls import reverse
    from django.utils import translation
    from django_htmx.middleware import HtmxDetails

    from .views import plan_detail

    rendered = 0
    for language, _name in settings.LANGUAGES:
        request = RequestFactory().get(
            reverse("disclosure:plan", args=[plan_id]), HTTP_ACCEPT_LANGUAGE=language
        )
        request.user = AnonymousUser()
        request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
        with translation.override(language):
            request.LANGUAGE_CODE = language
            rendered += plan_detail(request, plan_id).status_code == 200
    return rendered
