"""log_action: what every service calls to record its change; once: a form's change made at
most once, however often the form is posted."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from .models import ACTIONS, AuditEntry

T = TypeVar("T")


def log_action(action: str, actor: Any, obj: models.Model | None,
               data: Mapping[str, Any] | None = None, *, token: str | None = None
               ) -> AuditEntry:
    """Record one change. Call it inside the change's transaction: the entry is kept exactly
    when the change is."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = AuditEntry(action=action, data=dict(data or {}), token=token or "",
                       actor=actor if getattr(actor, "pk", None) else None)
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = obj.pk
        entry.object_repr = str(obj)[:200]
    entry.save()
    return entry


def earlier(action: str, actor: Any, token: str | None) -> AuditEntry | None:
    """The entry this actor's form with this token wrote already, if any."""
    if not token or not getattr(actor, "pk", None):
        return None
    return AuditEntry.objects.filter(action=action, actor=actor, token=token).first()


def once(action: str, actor: Any, token: str | None, run: Callable[[], T],
         again: Callable[[AuditEntry], T]) -> T:
    """Run a change whose run() logs `action` with `token`, unless this actor's form with
    this token made it already: then again(entry) gives the first result. Two posts racing
    each other both miss the check; the unique (actor, token) lets only one commit."""
    if (entry := earlier(action, actor, token)) is not None:
        return again(entry)
    try:
        with transaction.atomic():
            return run()
    except IntegrityError:
        if (entry := earlier(action, actor, token)) is None:
            raise
        return again(entry)


def new_token() -> str:
    import secrets

    return secrets.token_hex(16)
