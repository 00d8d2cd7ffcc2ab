"""Every state change of the supervision cycle: one function each, which checks permission,
runs in a transaction, leaves a history entry and notifies. Screens, API and commands call
these and nothing else. By subject:

    reports        a progress report: draft, files, submit, approve, review, correct
    instructions   a leader's instructions (批示) and their answers
    requests       extension and adjustment requests, adjustments, closing a task

Report states: draft → (pending: the unit head approves) → submitted → accepted, or
submitted → returned → draft. An accepted report never changes: a correction is a new version.
"""

from ._common import StaleEdit
from .instructions import answer_instruction, write_instruction
from .reports import (
    accept,
    approve,
    correct,
    leads_unit_id,
    refused_files,
    remove_attachment,
    return_report,
    save_draft,
    send_back,
    submit,
)
from .requests import close_task, decide_request, record_adjustment, request_change

__all__ = [
    "StaleEdit",
    "accept",
    "answer_instruction",
    "approve",
    "close_task",
    "correct",
    "decide_request",
    "leads_unit_id",
    "record_adjustment",
    "refused_files",
    "remove_attachment",
    "request_change",
    "return_report",
    "save_draft",
    "send_back",
    "submit",
    "write_instruction",
]
