"""Numbers in key-task reports: targets, actuals, adjustments and a proposed status.

Pure Python, no Django. `assess(content, completion)` reads one task; `annotate(doc)` fills
the PARSE-OUTPUT fields of every task of a parsed document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .assessment import STATUSES, Assessment, assess
from .extract import Quantity, quantities

if TYPE_CHECKING:
    from duban.documents.model import ParsedDocument

__all__ = ["STATUSES", "Assessment", "Quantity", "annotate", "assess", "quantities"]


def annotate(doc: ParsedDocument) -> ParsedDocument:
    """Fill targets, actuals, adjusted_target, status and its evidence on every task."""
    for task in doc.tasks:
        result = assess(task.content, task.completion)
        task.targets = [t.to_json() for t in result.targets]
        task.actuals = [a.to_json() for a in result.actuals]
        task.adjusted_target = result.adjusted_target_json()
        task.status = result.status
        task.status_evidence = result.evidence
        task.status_confidence = result.confidence
        task.flags = list(result.flags)
    return doc
