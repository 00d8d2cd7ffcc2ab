"""Backup and restore: one archive with the database and the attachments, round-tripping
exactly (SQLite here; PostgreSQL when CI runs the suite there); a file that is not a duban
backup is refused with nothing changed; after a restore no cache serves discarded content."""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)


def _everything() -> str:
    out = io.StringIO()
    call_command(
        "dumpdata",
        "plans",
        "reporting",
        "disclosure",
        "accounts",
        "audit",
        "--natural-foreign",
        stdout=out,
    )
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan(db):  # type: ignore[no-untyped-def]
    from duban.plans.importing import import_bytes
    from tests.conftest import XICHENG

    return import_bytes(XICHENG.read_bytes(), XICHENG.name, public=True).plan  # (there already)


def _reporter():  # type: ignore[no-untyped-def]
    from duban.accounts.models import User
    from duban.plans.models import Unit

    user, _new = User.objects.get_or_create(
        username="backup-reporter",
        defaults={"role": User.Role.REPORTER, "unit": Unit.objects.get(name="区发展改革委")},
    )
    return user


def _attach(plan, name: str, data: bytes):  # type: ignore[no-untyped-def]
    from duban.reporting import services

    task = plan.tasks.get(number=1)
    task.reporting_cycle = "month"
    task.save()
    report = services.save_draft(
        task, _reporter(), "2020-03", "见附件", files=[SimpleUploadedFile(name, data)]
    )
    return report.files.get(name=name)


def test_backup_and_restore_round_trip(tmp_path, plan) -> None:
    from duban.plans.models import Plan

    before = _everything()
    target = tmp_path / "duban.backup"
    call_command("backup", str(target))
    assert target.stat().st_size > 100_000

    plan.tasks.filter(number__gt=100).delete()
    plan.title = "被改动的标题"
    plan.save()
    assert _everything() != before

    call_command("restore", str(target))
    assert _everything() == before
    assert Plan.objects.get(pk=plan.pk).tasks.count() == 136


def test_a_backup_carries_the_attachments_and_restore_puts_them_back(tmp_path, plan, media) -> None:
    from duban.reporting.models import ReportAttachment

    item = _attach(plan, "台账.pdf", b"%PDF-1.4 the ledger")
    stored = Path(item.file.path)
    target = tmp_path / "duban.backup"
    call_command("backup", str(target))
    with tarfile.open(target) as archive:
        names = archive.getnames()
    assert names[0] == "duban-backup.json"
    assert {"database.sqlite3", "database.pgdump"} & set(names)
    assert f"media/{item.file.name}" in names

    stored.unlink()  # the disk lost it
    later = _attach(plan, "后来的.pdf", b"%PDF-1.4 after the backup")
    call_command("restore", str(target))
    assert stored.read_bytes() == b"%PDF-1.4 the ledger"
    assert list(ReportAttachment.objects.values_list("name", flat=True)) == ["台账.pdf"]
    assert not Path(media / later.file.name).exists()  # no row names it any more


def _huey_queue(path: Path) -> Path:
    from huey import SqliteHuey

    queue = SqliteHuey("duban", filename=str(path))
    queue.storage.enqueue(b"a job")
    return path


def _refused(source: Path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(source))
    return str(refused.value)


@pytest.mark.parametrize(
    "kind",
    [
        "huey queue",
        "zeros",
        "tar of something else",
        "duban database without the marker",
        "newer format",
    ],
)
def test_restore_refuses_a_file_that_is_not_a_duban_backup(tmp_path, plan, media, kind) -> None:
    """The probe: `duban restore var/huey.sqlite3` replaced the whole database."""
    from django.db import connection

    if kind == "duban database without the marker" and connection.vendor != "sqlite":
        pytest.skip("the marker table is SQLite's; a PostgreSQL dump is marked by the manifest")
    item = _attach(plan, "留着.pdf", b"%PDF-1.4 keep me")
    before = _everything()
    bad = tmp_path / "huey.sqlite3"
    if kind == "huey queue":
        _huey_queue(bad)
    elif kind == "zeros":
        bad.write_bytes(b"\x00" * 4096)
    elif kind == "tar of something else":
        with tarfile.open(bad, "w:gz") as archive:
            archive.add(_huey_queue(tmp_path / "queue.db"), arcname="database.sqlite3")
    else:
        good = tmp_path / "good.backup"
        call_command("backup", str(good))
        with tarfile.open(good) as src, tarfile.open(bad, "w:gz") as dst:
            for member in src.getmembers():
                data = src.extractfile(member).read()
                if member.name == "duban-backup.json" and kind == "newer format":
                    data = json.dumps({**json.loads(data), "version": 99}).encode()
                if member.name == "database.sqlite3" and kind != "newer format":
                    raw = tmp_path / "raw.sqlite3"
                    raw.write_bytes(data)
                    with sqlite3.connect(raw) as db:
                        db.execute("DROP TABLE duban_backup")
                    data = raw.read_bytes()
                member.size = len(data)
                dst.addfile(member, io.BytesIO(data))
    message = _refused(bad)
    assert "\n" not in message
    if kind == "newer format":
        assert "较新版本" in message and "99" in message
    else:
        assert "不是 duban 备份文件，未做任何修改" in message
    assert _everything() == before
    assert Path(item.file.path).read_bytes() == b"%PDF-1.4 keep me"


def test_the_refusal_reads_in_english_too(tmp_path, plan) -> None:
    from django.utils import translation

    with translation.override("en"):
        message = _refused(_huey_queue(tmp_path / "huey.sqlite3"))
    assert message.endswith("is not a duban backup: nothing was changed.")


def test_a_name_leading_out_of_the_storage_is_refused(tmp_path, plan, media) -> None:
    good = tmp_path / "good.backup"
    call_command("backup", str(good))
    bad = tmp_path / "bad.backup"
    with tarfile.open(good) as src, tarfile.open(bad, "w:gz") as dst:
        for member in src.getmembers():
            dst.addfile(member, src.extractfile(member))
        evil = tarfile.TarInfo("media/../../outside.txt")
        evil.size = 4
        dst.addfile(evil, io.BytesIO(b"evil"))
    assert "不是 duban 备份文件" in _refused(bad)
    assert not (tmp_path / "outside.txt").exists() and not (media.parent / "outside.txt").exists()


def test_after_a_restore_no_download_or_page_serves_discarded_content(
    tmp_path, plan, client
) -> None:
    """The probe: restore kept the cache; the next publication got the discarded one's id,
    and its downloads served the discarded content."""
    from duban.accounts.models import User
    from duban.disclosure.services import publish

    # (A transactional test before this one may have emptied the database: no personas.)
    office, _new = User.objects.get_or_create(
        username="backup-office", defaults={"role": User.Role.OFFICE}
    )
    target = tmp_path / "duban.backup"
    call_command("backup", str(target))

    task = plan.tasks.get(number=7)
    task.content = "后来被丢弃的内容"
    task.save()
    discarded = publish(plan, office, "mid_year")
    csv_url = reverse("disclosure:export", args=[plan.id, "csv"])
    page_url = reverse("disclosure:plan", args=[plan.id])
    assert "后来被丢弃的内容" in client.get(csv_url).content.decode("utf-8-sig")
    assert "后来被丢弃的内容" in client.get(page_url).content.decode()

    call_command("restore", str(target))
    again = publish(plan, office, "mid_year")
    assert again.id == discarded.id or again.id > discarded.id  # SQLite hands the id out again
    assert "后来被丢弃的内容" not in client.get(csv_url).content.decode("utf-8-sig")
    assert "后来被丢弃的内容" not in client.get(page_url).content.decode()
