"""Backup and restore round-trip exactly (SQLite here; PostgreSQL when CI runs the suite there)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def _everything() -> str:
    out = io.StringIO()
    call_command("dumpdata", "plans", "reporting", "disclosure", "accounts",
                 "--natural-foreign", stdout=out)
    return out.getvalue()


def test_backup_and_restore_round_trip(tmp_path) -> None:
    from duban.plans.importing import import_bytes
    from duban.plans.models import Plan
    from tests.conftest import XICHENG

    import_bytes(XICHENG.read_bytes(), XICHENG.name, public=True)  # (there already, or again)
    before = _everything()
    target = tmp_path / "duban.backup"
    call_command("backup", str(target))
    assert target.stat().st_size > 100_000

    plan = Plan.objects.get(year=2020, is_public=True)
    plan.tasks.filter(number__gt=100).delete()
    plan.title = "被改动的标题"
    plan.save()
    assert _everything() != before

    call_command("restore", str(target))
    assert _everything() == before
    assert Plan.objects.get(year=2020, is_public=True).tasks.count() == 136


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path) -> None:
    from django.core.management.base import CommandError
    from django.db import connection

    bad = tmp_path / "not-a-backup"
    bad.write_bytes(b"\x00" * 4096)
    with pytest.raises(CommandError):
        call_command("restore", str(bad))
    if connection.vendor == "sqlite":
        from duban.plans.models import Plan

        assert Plan.objects.count() >= 0  # the database is still there and readable
