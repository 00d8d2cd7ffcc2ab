"""The sweep job: files on disk that no row names, and uploads never confirmed.

An attachment's file is written inside its save's transaction and deleted again when the
save fails (services.reports._removed_unless_committed); a process killed in between, or an
outer transaction rolled back, can still leave one behind. The sweep removes such files once they
are older than the grace period (a save in progress has just written its files), and the
import previews (PendingUpload) nobody confirmed within a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.storage import Storage, default_storage
from django.utils import timezone

from .models import ReportAttachment

ROOT = "reports"
GRACE = dt.timedelta(hours=1)
UPLOADS_KEPT = dt.timedelta(days=1)


@dataclass
class Swept:
    files: int = 0
    uploads: int = 0


def sweep(now: dt.datetime | None = None, storage: Storage | None = None) -> Swept:
    now = now or timezone.now()
    storage = storage or default_storage
    swept = Swept()
    if storage.exists(ROOT):
        plans, _files = storage.listdir(ROOT)
        for plan in plans:
            swept.files += _sweep_plan(storage, f"{ROOT}/{plan}", now)
    swept.uploads = _old_uploads(now)
    return swept


def _sweep_plan(storage: Storage, folder: str, now: dt.datetime) -> int:
    known = set(
        ReportAttachment.objects.filter(file__startswith=f"{folder}/").values_list(
            "file", flat=True
        )
    )
    removed = 0
    for name in _files_under(storage, folder):
        if name in known:
            continue
        if now - storage.get_modified_time(name) < GRACE:
            continue  # perhaps a save that has not committed yet
        storage.delete(name)
        removed += 1
    return removed


def _files_under(storage: Storage, folder: str) -> list[str]:
    folders, files = storage.listdir(folder)
    found = [f"{folder}/{f}" for f in files]
    for sub in folders:
        found += _files_under(storage, f"{folder}/{sub}")
    return found


def _old_uploads(now: dt.datetime) -> int:
    from duban.plans.models import PendingUpload

    deleted, _by_model = PendingUpload.objects.filter(created_at__lt=now - UPLOADS_KEPT).delete()
    return deleted
