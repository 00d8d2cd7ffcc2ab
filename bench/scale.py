"""`make bench`, second half: the same pages at 10, 100 and 1,000 plans side by side, the
database's size, and the public plan page under load against a static file (bench/load.py).

BENCH_PLANS=10,100 measures fewer sizes; BENCH_PLANS=0 skips this part.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench import data

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "public plan page",
    "task page",
    "search",
    "dashboard data",
    "office workspace",
    "reporter: my tasks",
    "XLSX export",
]


def run_json(env: dict[str, str], *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def cell(page: dict[str, float], kind: str) -> str:
    p50, p95 = page[f"{kind}_p50"] * 1000, page[f"{kind}_p95"] * 1000
    return f"p50 {p50:6.1f}  p95 {p95:6.1f}  {int(page['queries']):2d}q"


def bench_scale() -> None:
    levels = [int(n) for n in os.environ.get("BENCH_PLANS", "10,100,1000").split(",")]
    results: dict[int, dict[str, Any]] = {}
    signed_in: dict[int, dict[str, Any]] = {}
    env: dict[str, str] = {}
    for level in levels:
        env = data.ensure(level)
        results[level] = run_json(env, "bench.pages")
        signed_in[level] = run_json(env, "bench.logged_in", "scale")
    first, last = results[levels[0]], results[levels[-1]]
    print(
        f"scale  {last['vendor']}; the same plan (synthetic plan 0, ~150 tasks) at every "
        "size; ms; cold = rendered, cached = the next visitor"
    )
    titles = [f"{n:,} plans / {results[n]['tasks']:,} tasks" for n in levels]
    header = "".join(f"{title:>32}" for title in titles)
    print(f"scale  {'page':<30}{header}   p95 ×")
    for page in PAGES:
        for kind in ("cold", "cached"):
            if f"{kind}_p50" not in first["pages"][page]:
                continue
            cells = "".join(f"{cell(results[n]['pages'][page], kind):>32}" for n in levels)
            ratio = last["pages"][page][f"{kind}_p95"] / first["pages"][page][f"{kind}_p95"]
            print(f"scale  {f'{page} ({kind})':<30}{cells}   {ratio:4.2f}")
    print_signed_in(levels, signed_in)
    size = last["db_bytes"]
    print(
        f"size   database {size / 2**20:,.0f} MiB for {last['tasks']:,} tasks = "
        f"{size / last['tasks'] * 1000 / 2**20:.1f} MiB per 1,000 tasks (12 reports a task, "
        "history, two trigram indexes, publications)"
    )
    load = run_json(env, "bench.load", str(last["plan_id"]))
    ratio = load["page_rps"] / load["static_rps"]
    print(
        f"load   {load['server']}; {load['tool']}, {load['connections']} connections, "
        f"{load['seconds']} s, at {last['plans']:,} plans"
    )
    print(
        f"load   static file of the page's size ({load['page_bytes'] / 1024:.0f} KiB): "
        f"{load['static_rps']:,.0f} req/s (the ceiling)"
    )
    print(
        f"load   public plan page: {load['page_rps']:,.0f} req/s = {ratio:.2f} of the "
        f"ceiling; public task page {load['task_rps']:,.0f} req/s"
    )
    peaks = ", ".join(f"{m:.0f} MiB" for m in load["worker_peak_mib"])
    print(f"memory worker peak RSS under load: {peaks}")


def print_signed_in(levels: list[int], signed_in: dict[int, dict[str, Any]]) -> None:
    """The signed-in pages (bench/logged_in.py) on synthetic plan 0 at each size: server CPU
    per request, its ratio to the cached public plan page of the same run, and queries."""
    print(
        "scale  signed-in pages, ms of CPU per request (× the cached public plan page of the "
        "same database) and queries"
    )
    header = "".join(f"{f'{n:,} plans':>28}" for n in levels)
    print(f"scale  {'page':<30}{header}   CPU ×")
    base = "".join(f"{signed_in[n]['baseline_ms']:>22.2f} ms     " for n in levels)
    print(f"scale  {'cached public plan page':<30}{base}")
    first, last = signed_in[levels[0]], signed_in[levels[-1]]
    for page in first["pages"]:
        cells = "".join(_signed_in_cell(signed_in[n]["pages"][page]) for n in levels)
        grow = last["pages"][page]["cpu_ms"] / first["pages"][page]["cpu_ms"]
        print(f"scale  {page:<30}{cells}   {grow:4.2f}")


def _signed_in_cell(row: dict[str, Any]) -> str:
    return f"{row['cpu_ms']:>10.2f} ms ({row['ratio']:5.1f}×) {row['queries']:2d}q"
