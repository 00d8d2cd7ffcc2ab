"""What the review screen shows of a proposal, and what the office decided on it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from duban.i18n import say
from duban.params import whole
from duban.plans.models import Plan

from .services import Pairs, Proposal

NEW = "new"


def context(proposal: Proposal) -> dict[str, Any]:
    """Every item with its machine pairing (score and reason), and the tasks none took."""
    machine = proposal.machine_pairs()
    by_key = {(p.outcome, p.promise): p for p in proposal.pairing.pairs}
    labels = [proposal.label(i.seq) for i in proposal.items]
    restarts = len(set(labels)) < len(
        labels
    )  # 景德镇 2016: "7件已完成：（1）…" "3件正在办理：（1）…"
    rows = []
    for item in proposal.items:
        tasks = machine.get(item.seq, [])
        pairs = [by_key[(item.seq, n)] for n in tasks]
        parsed = proposal.parsed(item.seq)
        rows.append(
            {
                "seq": item.seq,
                "label": proposal.label(item.seq),
                # The group an item's number restarts in, so that two "1" can be told apart.
                "group": (parsed.category or "") if restarts else "",
                # What the item was (its task text) above what it reports, when it prints both.
                "task_text": parsed.content if parsed.content != item.text else "",
                "text": item.text,
                "task": tasks[0] if tasks else None,
                "also": tasks[1] if len(tasks) > 1 else None,
                "score": max((p.score for p in pairs), default=None),
                "reasons": [say(r) for p in pairs for r in p.reasons],
                "how": pairs[0].how if pairs else "",
            }
        )
    taken = {n for ns in machine.values() for n in ns}
    return {
        "proposal": proposal,
        "rows": rows,
        "tasks": list(proposal.tasks.values()),
        "unreported": [t for n, t in proposal.tasks.items() if n not in taken],
        "left_over": [r for r in rows if r["task"] is None],
        "warnings": [
            *_other_year(proposal),
            *(say(w) for w in (*proposal.doc.warnings, *proposal.pairing.warnings)),
        ],
    }


def _other_year(proposal: Proposal) -> list[str]:
    """A completion list of one year paired with the plan of another: said first, since the
    words of two years' lists look alike (景德镇 2016's 2015 list against the 2016 plan)."""
    year, plan_year = proposal.doc.year, proposal.plan.year
    if year is None or year == plan_year:
        return []
    return [
        _(
            "The list reports on %(year)s; the plan is for %(plan_year)s. Pair it with the "
            "%(year)s plan unless the document's year is wrong."
        )
        % {"year": year, "plan_year": plan_year}
    ]


def decisions(post: Mapping[str, str]) -> tuple[Pairs, list[int]]:
    """The office's pairing from the form: item-SEQ (a task number, "new", or empty) and
    also-SEQ (a second task the same item reports on)."""
    pairs: Pairs = {}
    new: list[int] = []
    for key, value in post.items():
        if not key.startswith("item-"):
            continue
        seq = whole(key.removeprefix("item-"))
        if seq is None:
            continue  # not a field of this form
        if value == NEW:
            new.append(seq)
            pairs[seq] = []
            continue
        numbers = [n for v in (value, post.get(f"also-{seq}", "")) if (n := whole(v))]
        pairs[seq] = list(dict.fromkeys(numbers))
    return pairs, new


def suggested_plan(plans: list[Plan], government: str | None, year: int | None) -> int | None:
    """The plan a completion list reports on when its government and year fit one."""
    fits = [p for p in plans if p.government == government and p.year == year]
    return fits[0].pk if len(fits) == 1 else None


def into_context(doc: Any, government: str | None) -> dict[str, Any]:
    """For the upload preview of a completion list: the plans it may report on, and the one
    whose government and year fit."""
    if doc.kind != "completion":
        return {}
    plans = list(Plan.objects.order_by("-year", "government", "title")[:200])
    return {
        "into_plans": plans,
        "suggested_plan": suggested_plan(plans, government or doc.government, doc.year),
    }
