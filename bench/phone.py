"""The public site on a throttled phone, before and after: bytes on the wire and time to first
render of the plan page and the dashboard, in Debian's Chromium driven by Playwright.

Two servers run side by side on loopback, each on its own throw-away database with the demo
plan: the baseline (BENCH_BASELINE, a commit, unpacked with `git archive`) and this working
tree. Both are measured in the same run under the same profile, so the ratios hold on any
machine; the absolute figures are printed too. No pass/fail: figures.

Profile: a 390×844 phone, CPU slowed 4× (CDP Emulation.setCPUThrottlingRate) on a 150 ms,
1.6 Mbit/s down, 750 kbit/s up network (CDP Network.emulateNetworkConditions) — the mobile
profile Lighthouse simulates. Each load is in a new browser context (an empty cache), after
one warm-up visit (the page cache filled, as for every visitor after the first).

    python -m bench.phone     # alone; `make bench` runs it too (BENCH_PHONE=0 skips it)
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("DUBAN_CHROMIUM", "/usr/bin/chromium")
# The last commit before the public site was made light (issue 18).
BASELINE = os.environ.get("BENCH_BASELINE", "da8df54")
REPEAT = int(os.environ.get("BENCH_PHONE_REPEAT", "3"))
CPU_SLOWDOWN = 4
NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_638_400 / 8,
    "uploadThroughput": 750_000 / 8,
    "connectionType": "cellular4g",
}
# (bypass_csp: Playwright's wait_for_function evaluates a string, which the site's policy refuses.)
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
    "bypass_csp": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Site:
    """gunicorn serving the duban in `tree` on its own database with the demo plan."""

    def __init__(self, tree: Path, name: str) -> None:
        self.name, self.tree = name, tree
        self.var = Path(tempfile.mkdtemp(prefix=f"duban-phone-{name}-"))
        self.env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        self.env |= {
            "DUBAN_VAR_DIR": str(self.var),
            "DJANGO_SETTINGS_MODULE": "duban.settings",
            "PYTHONPATH": str(tree),
        }
        manage = [sys.executable, "manage.py"]
        for command in (["migrate", "-v", "0", "--no-input"], ["demo"]):
            subprocess.run(
                [*manage, *command], cwd=tree, env=self.env, check=True, stdout=subprocess.DEVNULL
            )
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.process = subprocess.Popen(
            [
                gunicorn,
                "duban.wsgi:application",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--chdir",
                str(tree),
            ],
            cwd=tree,
            env=self.env,
        )
        for _ in range(150):
            try:
                home = urllib.request.urlopen(self.base + "/", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"{name}: gunicorn did not start")
        plan = re.search(r'href="/plans/(\d+)/"', home)
        if plan is None:
            raise RuntimeError(f"{name}: no plan on the home page")
        self.plan = int(plan.group(1))

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        shutil.rmtree(self.var, ignore_errors=True)


def baseline_tree(commit: str) -> Path:
    """The baseline commit's files in a temporary folder (the repository is not touched)."""
    out = Path(tempfile.mkdtemp(prefix="duban-baseline-"))
    archive = subprocess.run(
        ["git", "archive", commit], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


# Time to the first paint with content, and (dashboard) to the first chart drawn: stamped in
# the page by a mutation observer when the chart's canvas or SVG is in the document (at the end
# of the script that drew it), not when the bench's next round trip reaches the page (that
# waits for whatever the page runs next).
FCP = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
CHART = "document.querySelector('#chart-category canvas, #chart-category svg')"
STAMP_CHART = f"""
new MutationObserver((_changes, observer) => {{
  if ({CHART}) {{ window.__firstChart = performance.now(); observer.disconnect(); }}
}}).observe(document, {{ childList: true, subtree: true }});
"""


def load(browser: Any, url: str, chart: bool) -> dict[str, float]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    wire = {"bytes": 0}

    def finished(event: dict[str, Any]) -> None:
        wire["bytes"] += event.get("encodedDataLength", 0)

    cdp.on("Network.loadingFinished", finished)
    page.add_init_script(STAMP_CHART)
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_function(f"({FCP}) !== null", timeout=60_000)
    out = {"fcp": float(page.evaluate(FCP)), "kb": 0.0}
    if chart:
        page.wait_for_function("window.__firstChart", timeout=120_000, polling=50)
        out["chart"] = float(page.evaluate("window.__firstChart"))
    page.wait_for_load_state("networkidle")
    out["kb"] = wire["bytes"] / 1024
    out["height"] = float(page.evaluate("document.documentElement.scrollHeight"))
    context.close()
    return out


def measure(browser: Any, site: Site) -> dict[str, dict[str, float]]:
    pages = {
        "plan page": (f"/plans/{site.plan}/", False),
        "dashboard": (f"/plans/{site.plan}/dashboard/", True),
    }
    results = {}
    for name, (path, chart) in pages.items():
        urllib.request.urlopen(site.base + path, timeout=60).read()  # the page cache filled
        runs = [load(browser, site.base + path, chart) for _ in range(REPEAT)]
        results[name] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    return results


LOAD_SECONDS = float(os.environ.get("BENCH_UNIT_LOAD_SECONDS", "8"))


def login_under_unit_load(site: Site, clients: int = 6) -> tuple[float, float, int]:
    """/login/ p50 and p95 (ms) while `clients` anonymous visitors load unit pages without a
    pause on the site's two workers; and how many unit pages they got."""
    import threading
    from urllib.parse import quote

    home = (
        urllib.request.urlopen(site.base + f"/plans/{site.plan}/dashboard/", timeout=60)
        .read()
        .decode()
    )
    units = sorted(set(re.findall(r'href="(/units/[^"]+/)"', home)))[:12] or [
        f"/units/{quote('区发展改革委')}/"
    ]
    stop, served = threading.Event(), [0]

    def visitor(n: int) -> None:
        while not stop.is_set():
            try:
                urllib.request.urlopen(site.base + units[n % len(units)], timeout=30).read()
                served[0] += 1
            except OSError:
                pass
            n += 1

    threads = [threading.Thread(target=visitor, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    times, ends = [], time.monotonic() + LOAD_SECONDS
    while time.monotonic() < ends:
        started = time.perf_counter()
        urllib.request.urlopen(site.base + "/login/", timeout=30).read()
        times.append((time.perf_counter() - started) * 1000)
        time.sleep(0.05)
    stop.set()
    for t in threads:
        t.join(timeout=30)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.95))], served[0]


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"phone  skipped: no Chromium at {CHROMIUM} (apt-get install chromium)")
        return 0
    from playwright.sync_api import sync_playwright

    tree = baseline_tree(BASELINE)
    sites = []
    try:
        sites = [Site(tree, "before"), Site(ROOT, "after")]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            figures = {site.name: measure(browser, site) for site in sites}
            browser.close()
        logins = {site.name: login_under_unit_load(site) for site in sites}
    finally:
        for site in sites:
            site.stop()
        shutil.rmtree(tree, ignore_errors=True)
    print(
        f"phone  390x844, CPU {CPU_SLOWDOWN}x slower, {NETWORK['latency']} ms RTT, "
        f"1.6 Mbit/s; median of {REPEAT} cold loads; before = {BASELINE}"
    )
    before, after = figures["before"], figures["after"]
    for page, b in before.items():
        a = after[page]
        keys = [
            ("kb", "KB on the wire", 1),
            ("fcp", "ms to first render", 0),
            ("chart", "ms to first chart", 0),
            ("height", "px tall", 0),
        ]
        for key, label, digits in keys:
            if key not in b:
                continue
            print(
                f"phone  {page:<10} {label:<19} before {b[key]:9.{digits}f}   "
                f"after {a[key]:9.{digits}f}   after/before {a[key] / b[key]:5.2f}"
            )
    for name, (p50, p95, served) in logins.items():
        print(
            f"load   {name:<6} /login/ while 6 anonymous clients load unit pages "
            f"({LOAD_SECONDS:.0f} s, 2 workers): p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   "
            f"({served} unit pages served)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
