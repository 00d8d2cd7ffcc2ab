from __future__ import annotations

import time
from importlib import resources
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from duban.accounts.models import User
from duban.accounts.roles import grant_office_admin
from duban.plans import search
from duban.plans.importing import import_bytes
from duban.plans.models import Plan, Unit

DEMO_FILE = "xicheng-2020-key-tasks.txt"
DEMO_PASSWORD = "duban-demo-2020"  # noqa: S105 - printed on purpose: demo accounts only
ACCOUNTS = [
    # username, role, unit, display name
    ("office", User.Role.OFFICE, None, "督查室"),
    # A person's name, as an office enters it: the workspace then reads "王敏 · 承办人 ·
    # 区发展改革委", not the unit and role twice.
    ("reporter", User.Role.REPORTER, "区发展改革委", "王敏"),
    ("head", User.Role.UNIT_HEAD, "区发展改革委", "刘建华"),
    ("leader", User.Role.LEADER, None, "区领导"),
]


class Command(BaseCommand):
    help = (
        "Load the Xicheng 2020 publication as a public demo plan (first run only), and "
        "logins. --scale N: also make sure N synthetic governments' plans exist."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="synthetic plans to have (about 150 tasks and 1,800 reports "
            "each); only the missing ones are made",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2020,
            help="the same seed gives the same plans (default 2020)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self._demo()
        if options["scale"]:
            self._scale(options["scale"], options["seed"])
        # What the job worker would index a moment later (`make run` starts none).
        search.index_pending()

    def _scale(self, total: int, seed: int) -> None:
        from duban.demo import scale

        started = time.perf_counter()

        def progress(done: int, of: int) -> None:
            if done % 50 == 0 or done == of:
                rate = done / (time.perf_counter() - started)
                self.stdout.write(f"  synthetic plans: {done}/{of} ({rate:.1f} plans/s)")

        made = scale.generate(total, seed, progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Synthetic plans: {made.plans} made ({made.tasks:,} tasks, {made.reports:,} "
            f"reports) in {elapsed:.0f} s; {scale.existing()} in all."
        )

    def _in_progress(self) -> None:
        """This year's plan in progress, with every light (made once)."""
        from duban.demo import progress

        if progress.exists():
            return
        office = User.objects.get(username="office")
        leader = User.objects.get(username="leader")
        plan = progress.make(office, leader)
        # Units belong to one government: the demo's reporter and head report where the
        # year is under way, for their unit's namesake in the plan in progress (the 2020
        # plan is the government's published, closed year).
        for user in User.objects.filter(username__in=("reporter", "head")).select_related("unit"):
            if user.unit is not None and user.unit.government != progress.GOVERNMENT:
                namesake = Unit.objects.filter(government=progress.GOVERNMENT, name=user.unit.name)
                user.unit = namesake.first() or user.unit
                user.save(update_fields=["unit"])
        self.stdout.write(f"Demo plan in progress: {plan.title} — {plan.tasks.count()} tasks.")

    def _demo(self) -> None:
        if not Plan.objects.exists():
            data = resources.files("duban.demo").joinpath(DEMO_FILE).read_bytes()
            with transaction.atomic():
                # The demo document is the government's own publication: imported as
                # public, it is published as such, here and once. No other plan is ever
                # published by this command.
                result = import_bytes(data, DEMO_FILE, public=True)
            self.stdout.write(
                f"Demo plan loaded: {result.plan.title} — {result.rows} tasks, "
                f"{result.units_created} units."
            )
        with transaction.atomic():
            for username, role, unit_name, display in ACCOUNTS:
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={
                        "role": role,
                        "first_name": display,
                        "email": f"{username}@duban.invalid",
                    },
                )
                if created:
                    if unit_name:
                        # The demo document's government: the plan imported above.
                        government = Plan.objects.filter(source_name=DEMO_FILE).values(
                            "government"
                        )[:1]
                        user.unit = Unit.objects.filter(
                            government=government, name=unit_name
                        ).first()
                    user.set_password(DEMO_PASSWORD)
                    user.save()
                    if role == User.Role.OFFICE:
                        grant_office_admin(user)
                    if role == User.Role.LEADER:
                        # The demo leader is responsible for the first category's tasks.
                        plan = Plan.objects.order_by("id").first()
                        if plan is not None:
                            first = plan.categories.order_by("order").first()
                            plan.tasks.filter(category=first).update(leader=user)
        self._in_progress()
        self.stdout.write(f"Demo logins (password for each: {DEMO_PASSWORD}):")
        for username, role, unit, display in ACCOUNTS:
            who = f"{display}（{unit} {role.label}）" if unit else display
            self.stdout.write(f"  {username:<9} {who}")
