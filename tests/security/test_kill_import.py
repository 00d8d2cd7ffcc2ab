"""An import killed mid-way (kill -9, inside its transaction) leaves the database as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _big_document(rows: int) -> str:
    lines = [
        "某某区人民政府",
        "2023年某某区政府工作报告重点工作全年完成情况",
        "类别序号重点督办内容牵头单位全年完成情况",
    ]
    for n in range(1, rows + 1):
        lines.append(
            f"经济发展{n}新建便民网点{n % 50 + 1}个。区商务局已建成{n % 60 + 1}个，完成任务。"
        )
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_kill_9_during_import_leaves_nothing(tmp_path) -> None:
    env = {**os.environ, "DUBAN_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "duban.settings"}
    env.pop("DATABASE_URL", None)  # this test is about the embedded SQLite file
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    db = tmp_path / "duban.sqlite3"
    document = tmp_path / "big.txt"
    document.write_text(_big_document(20_000), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "duban.cli", "import", str(document)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = tmp_path / "duban.sqlite3-wal"
    deadline = time.monotonic() + 240
    # Wait until the import is writing inside its transaction (the write-ahead log grows).
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 2 * 1024 * 1024:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)

    connection = sqlite3.connect(str(db))
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM plans_plan").fetchone()[0] == 0
        assert connection.execute("SELECT count(*) FROM plans_task").fetchone()[0] == 0
        assert connection.execute("SELECT count(*) FROM plans_unit").fetchone()[0] == 0
    finally:
        connection.close()
