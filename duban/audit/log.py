"""log_action: what every service calls to record its change; once: a form's change made at
most once, however often the form is posted."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, models, transaction

from .models import ACTIONS, AuditEntry

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


def log_action(
    action: str,
    actor: Any,
    obj: models.Model | None,
    data: Mapping[str, Any] | None = None,
    *,
    token: str | None = None,
) -> AuditEntry:
    """Record one change. Call it inside the change's transaction: the entry is kept exactly
    when the change is."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = AuditEntry(
        action=action,
        data=dict(data or {}),
        token=token or "",
        actor=actor if getattr(actor, "pk", None) else None,
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = obj.pk
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry


def token_key(action: str, scope: models.Model, token: str) -> str:
    """A form's token as stored: one per action and object, so that a token seen on two
    forms (two plans' publish buttons on one page) never makes one stand for the other."""
    import hashlib

    return hashlib.sha256(f"{action}:{scope._meta.label}:{scope.pk}:{token}".encode()).hexdigest()


def logged_object(model: type[M], entry: AuditEntry) -> M:
    """The object an entry's action wrote: what once()'s again() gives back."""
    if entry.object_id is None:
        raise ObjectDoesNotExist(f"{entry.action} was logged without its object")
    return model._default_manager.get(pk=entry.object_id)


def earlier(actor: Any, key: str) -> AuditEntry | None:
    """The entry this actor's form wrote already under this key, if any."""
    if not key or not getattr(actor, "pk", None):
        return None
    return AuditEntry.objects.filter(actor=actor, token=key).first()


def once(key: str, actor: Any, run: Callable[[], T], again: Callable[[AuditEntry], T]) -> T:
    """Run a change whose run() logs its action with token=key, unless this actor's form
    made it already: then again(entry) gives the first result (a double click, a reload that
    posts again). Two posts racing each other both miss the check; the unique (actor, token)
    lets only one of them commit. Without a key (the API, a command), just run()."""
    if not key:
        return run()
    if (entry := earlier(actor, key)) is not None:
        return again(entry)
    try:
        with transaction.atomic():
            return run()
    except IntegrityError:
        if (entry := earlier(actor, key)) is None:
            raise
        return again(entry)


def new_token() -> str:
    import secrets

    return secrets.token_hex(16)
