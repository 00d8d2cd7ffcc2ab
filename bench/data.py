"""Databases with 10, 100, 1,000 synthetic plans for `make bench`, made once and kept.

SQLite: one file per size under var/bench/ (plans-10.sqlite3, …), each grown from the one
before it with `duban demo --scale N`, so a second `make bench` starts measuring at once.
The files are remade when the generator changes (GENERATOR_VERSION, demo/scale.py,
demo/bulk.py); a migration added since is applied to them (seconds, not the 20 minutes of a
remake), and a file the migrations cannot bring forward is remade.
PostgreSQL (DATABASE_URL set): the one database grows from size to size.

`python -m bench.data 10 100 1000` makes them without measuring anything.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
GENERATOR_VERSION = "1"


def fingerprint() -> str:
    """Changes when the generator changes: the files are then remade. Migrations are not in
    it: `ensure` migrates a kept file forward."""
    digest = hashlib.sha256(GENERATOR_VERSION.encode())
    for name in ("scale.py", "bulk.py"):
        digest.update((ROOT / "duban" / "demo" / name).read_bytes())
    return digest.hexdigest()[:12]


def sqlite_path(plans: int) -> Path:
    return BENCH_DIR / f"plans-{plans}-{fingerprint()}.sqlite3"


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def env_for(path: Path | None) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "duban.settings"}
    if path is not None:
        env["DATABASE_URL"] = f"sqlite:///{path}"
        env["DUBAN_VAR_DIR"] = str(BENCH_DIR / "var")
    return env


def ensure(plans: int) -> dict[str, str]:
    """A database with the demo plan and `plans` synthetic ones; returns the environment
    that points Django at it."""
    if os.environ.get("DATABASE_URL"):
        env = env_for(None)
        manage(env, "migrate", "-v0")
        manage(env, "demo", "--scale", str(plans))
        return env
    target = sqlite_path(plans)
    if target.exists():
        env = env_for(target)
        try:
            manage(env, "migrate", "-v0")
            return env
        except subprocess.CalledProcessError:
            print(f"data   {target.name} cannot be migrated forward: remade", flush=True)
            target.unlink()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for old in BENCH_DIR.glob("plans-*.sqlite3*"):
        if fingerprint() not in old.name:
            old.unlink()  # made by another generator or schema
    smaller = sorted(
        (
            p
            for p in BENCH_DIR.glob(f"plans-*-{fingerprint()}.sqlite3")
            if int(p.name.split("-")[1]) < plans
        ),
        key=lambda p: int(p.name.split("-")[1]),
    )
    work = target.with_suffix(".partial")
    if smaller:
        shutil.copyfile(smaller[-1], work)
    env = env_for(work)
    started = time.perf_counter()
    manage(env, "migrate", "-v0")
    manage(env, "demo", "--scale", str(plans))
    manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection; "
        "connection.cursor().execute('PRAGMA wal_checkpoint(TRUNCATE)')",
    )
    work.rename(target)
    for leftover in BENCH_DIR.glob(f"{work.name}-*"):
        leftover.unlink()
    print(
        f"data   {plans} plans made in {time.perf_counter() - started:.0f} s "
        f"({target.stat().st_size / 2**20:,.0f} MiB)",
        flush=True,
    )
    return env_for(target)


if __name__ == "__main__":
    for n in sys.argv[1:] or ["10", "100", "1000"]:
        ensure(int(n))
