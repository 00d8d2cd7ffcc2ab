"""What the public site does when the plans' domain says so (plans/signals.py)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from duban.plans.models import Plan
from duban.plans.signals import public_document_imported

from .models import Publication
from .services import publish


@receiver(public_document_imported, sender=Plan)
def _publish_imported(sender: type, plan: Plan, **kwargs: Any) -> None:
    """A document its government published, imported as public: what it says is what the
    public sees, as a publication of its own, by nobody (the import's)."""
    publish(plan, None, Publication.Kind.IMPORTED)
