"""The command line on a database never migrated: one line that says what to do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parent / "fixtures" / "real"


def test_an_import_into_a_database_never_set_up_says_to_migrate(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DUBAN_VAR_DIR"] = str(tmp_path)  # a new, empty SQLite database
    out = subprocess.run(
        [sys.executable, "-m", "duban.cli", "import", str(REAL / "yunnan_2004_done.txt")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 1
    assert out.stderr.strip() == (
        "duban: the database is not set up; run `duban manage migrate` first"
    )
