"""A leader's instructions (批示) on a task, and the lead unit's answers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duban import text_fields
from duban.accounts.models import User
from duban.audit.log import log_action, logged_object, once, token_key
from duban.plans.access import leads_unit, require
from duban.plans.models import Assignment, Task
from duban.text_fields import check_length

from ..models import Instruction
from ..notify import notify, office_people, task_name, task_url, unit_people
from ._common import _reason


def write_instruction(task: Task, user: User, text: str, once_token: str = "") -> Instruction:
    """A leader's instruction. once_token: the form's; the same form sent twice (a double
    click) writes one instruction."""
    require(
        user.role == User.Role.LEADER and task.leader_id == user.pk,
        _("Only the task's responsible leader writes instructions on it."),
    )
    if not text.strip():
        raise ValidationError({"text": _("Write the instruction.")})
    check_length("text", text.strip(), text_fields.INSTRUCTION_TEXT)
    key = token_key("duban.instruction.written", task, once_token) if once_token else ""
    return once(
        key,
        user,
        lambda: _write_instruction(task, user, text, key),
        lambda entry: logged_object(Instruction, entry),
    )


def _write_instruction(task: Task, user: User, text: str, key: str) -> Instruction:
    with transaction.atomic():
        instruction = Instruction(task=task, leader=user, text=text.strip())
        _reason(instruction, "written")
        instruction.save()
        log_action(
            "duban.instruction.written",
            user,
            instruction,
            {"plan": task.plan_id, "task": task.pk, "text": instruction.text[:200]},
            token=key,
        )
        lead_units = task.assignments.filter(role=Assignment.Role.LEAD).values_list(
            "unit_id", flat=True
        )
        people = [p for unit in lead_units for p in unit_people(unit)]
        notify(
            [*people, *office_people()],
            _("%(leader)s wrote an instruction on %(task)s.")
            % {"leader": user.get_full_name() or user.username, "task": task_name(task)},
            task_url(task),
        )
    return instruction


def answer_instruction(instruction: Instruction, user: User, text: str) -> Instruction:
    """The lead unit acknowledges the instruction (at once) and answers it."""
    require(leads_unit(user, instruction.task), _("Only the lead unit answers the instruction."))
    check_length("text", text.strip(), text_fields.ANSWER_TEXT)
    with transaction.atomic():
        instruction = Instruction.objects.select_for_update().get(pk=instruction.pk)
        now = timezone.now()
        if instruction.acknowledged_at is None:
            instruction.acknowledged_by, instruction.acknowledged_at = user, now
        if text.strip():
            instruction.answer = text.strip()
            instruction.answered_by, instruction.answered_at = user, now
        _reason(instruction, "answered" if text.strip() else "acknowledged")
        instruction.save()
        log_action(
            "duban.instruction.answered",
            user,
            instruction,
            {
                "plan": instruction.task.plan_id,
                "task": instruction.task_id,
                "answer": instruction.answer[:200],
            },
        )
        if text.strip():  # an acknowledgement alone tells the leader nothing new
            notify(
                [instruction.leader],
                _("%(task)s: the unit answered your instruction.")
                % {"task": task_name(instruction.task)},
                task_url(instruction.task),
            )
    return instruction
