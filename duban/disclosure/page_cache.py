"""Whole-page cache for the public pages of a plan.

What the public sees of a plan changes only when the office publishes it again or edits the
plan itself, so its pages are rendered once per publication, language and address, and served
from the cache after that. Each plan has a version in the cache; a new publication, a change
to the plan or its deletion moves the version on (signals below), and every cached page of the
plan is out of use at once. The cache is shared by all app processes (files on one machine,
Redis for several), so one publication invalidates everywhere.

Only anonymous GETs are cached: a signed-in person's page shows their name and their own links.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from duban.plans.models import Plan

from .models import Publication

TIMEOUT = 7 * 24 * 3600
View = Callable[..., HttpResponse]


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


def page_key(request: HttpRequest, plan_id: int) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    partial = int(bool(getattr(request, "htmx", False)))
    return f"plan-page:{plan_id}:{version(plan_id)}:{get_language()}:{partial}:{address}"


def public_page(view: View) -> View:
    """Serve the anonymous view of a plan page from the cache, and fill it on a miss."""

    @wraps(view)
    def wrapper(request: HttpRequest, plan_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, plan_id, *args, **kwargs)
        key = page_key(request, plan_id)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Duban-Cache"] = "hit"
            return response
        response = view(request, plan_id, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapper


@receiver(post_save, sender=Publication)
@receiver(post_delete, sender=Publication)
def _publication_changed(sender: Any, instance: Publication, **kwargs: Any) -> None:
    _invalidate(instance.plan_id)


@receiver(post_save, sender=Plan)
@receiver(post_delete, sender=Plan)
def _plan_changed(sender: Any, instance: Plan, **kwargs: Any) -> None:
    _invalidate(instance.pk)


def _invalidate(plan_id: int) -> None:
    # Now, and again after the commit: a page rendered from the old data in between was keyed
    # with the version of that moment (the key is taken before rendering), which the second
    # move retires.
    invalidate(plan_id)
    transaction.on_commit(lambda: invalidate(plan_id))
