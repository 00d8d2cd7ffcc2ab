"""`make soak`: gunicorn on loopback under a bounded mix of public, reporter and office
traffic. Fails on any server error or on worker memory growing by more than 25% after the
warm-up. SOAK_SECONDS sets the length (600 by default; CI runs 60)."""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "duban-demo-2020"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    """A process's resident memory now (VmRSS), or its peak so far (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def workers(master: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().split()
            except OSError:
                continue
            if int(stat[3]) == master:
                out.append(int(entry.name))
    return out


class Visitor:
    def __init__(self, base: str, username: str | None) -> None:
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        if username:
            page = self.get("/login/")[1]
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            data = urllib.parse.urlencode(
                {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
            ).encode()
            request = urllib.request.Request(
                self.base + "/login/", data=data, headers={"Referer": self.base + "/login/"}
            )
            self.opener.open(request, timeout=30).read()

    def get(self, path: str) -> tuple[int, str]:
        url = self.base + urllib.parse.quote(path, safe="/?=&")
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, ""


def main() -> int:
    seconds = int(os.environ.get("SOAK_SECONDS", "600"))
    var = Path(tempfile.mkdtemp(prefix="duban-soak-"))
    env = {**os.environ, "DUBAN_VAR_DIR": str(var), "DUBAN_ALLOWED_HOSTS": "127.0.0.1"}
    env.pop("DATABASE_URL", None)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [python, "manage.py", "demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(python).parent / "gunicorn"),
            "duban.wsgi:application",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        public, reporter, office = (
            Visitor(base, None),
            Visitor(base, "reporter"),
            Visitor(base, "office"),
        )
        paths = {
            public: [
                "/",
                "/plans/1/",
                "/plans/1/?q=电梯",
                "/plans/1/?unit=区体育局",
                "/plans/1/dashboard.json",
                "/plans/1/download.csv",
                "/api/plans/1/",
                *[f"/plans/1/tasks/{n}/" for n in range(1, 137, 7)],
            ],
            reporter: ["/work/", "/work/plans/1/tasks/1/", "/work/notifications/"],
            office: ["/work/", "/work/plans/1/tasks/1/", "/work/plans/1/tasks/110/"],
        }
        statuses: Counter[int] = Counter()
        errors: list[str] = []
        stop = time.monotonic() + seconds
        lock = threading.Lock()

        def run(visitor: Visitor, seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < stop:
                path = rng.choice(paths[visitor])
                try:
                    status, _ = visitor.get(path)
                except Exception as exc:
                    status = 599
                    with lock:
                        errors.append(f"{path}: {exc}")
                with lock:
                    statuses[status] += 1
                    if status >= 500:
                        errors.append(f"{path}: {status}")

        threads = [
            threading.Thread(target=run, args=(v, i))
            for i, v in enumerate([public, public, reporter, office])
        ]
        for t in threads:
            t.start()
        time.sleep(max(1, seconds * 0.2))  # warm-up
        warm = {pid: rss_kib(pid) for pid in workers(server.pid)}
        for t in threads:
            t.join()
        end = {pid: rss_kib(pid) for pid in workers(server.pid)}
        total = sum(statuses.values())
        print(
            f"soak: {seconds} s, {total} requests ({total / seconds:.0f}/s), "
            f"statuses {dict(sorted(statuses.items()))}, errors {len(errors)}"
        )
        growth = []
        for pid, before in warm.items():
            after = end.get(pid, before)
            growth.append((after - before) / before * 100 if before else 0.0)
            print(
                f"soak: worker {pid} RSS {before / 1024:.0f} MiB after warm-up → "
                f"{after / 1024:.0f} MiB at the end"
            )
        for e in errors[:10]:
            print(f"soak: error {e}")
        if errors or any(g > 25 for g in growth):
            return 1
        return 0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
