"""`make soak`: gunicorn in its production shape (duban/gunicorn_conf.py) on loopback under a
bounded mix of public, reporter and office traffic, each visitor on kept-alive connections.
Fails on any server error, on connections not kept alive, or on worker memory growing by more
than 25% after the warm-up. SOAK_SECONDS sets the length (600 by default; CI runs 60)."""

from __future__ import annotations

import http.client
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


def gunicorn(port: int, workers: int = 2) -> list[str]:
    """The production server shape (duban/gunicorn_conf.py: threaded workers that keep
    connections alive) on loopback, for the soak and the bench."""
    return [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c",
        "python:duban.gunicorn_conf",
        "duban.wsgi:application",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]


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


class Connection:
    """One kept-alive HTTP/1.1 connection, as a browser holds it: reopened only when the
    server has closed it (counted in `opened`, so a soak shows the connections were kept)."""

    def __init__(self, base: str) -> None:
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.conn: http.client.HTTPConnection | None = None
        self.opened = 0

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.opened += 1
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionError):
                # The server closed the idle connection (its keep-alive ran out): again on
                # a new one, as a browser does.
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            if response.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return response.status, response.msg, data
        raise AssertionError("unreachable")


class Visitor:
    """A browser: its cookies, one kept-alive connection per thread, redirects followed."""

    def __init__(self, base: str, username: str | None) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        self.local = threading.local()
        self.connections: list[Connection] = []
        self.lock = threading.Lock()
        if username:
            page = self.get("/login/")[1]
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
            data = urllib.parse.urlencode(
                {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
            ).encode()
            status, _, _ = self._send(
                "POST",
                "/login/",
                data,
                {
                    "Referer": self.base + "/login/",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            if status != 302:
                raise RuntimeError(f"{username} could not log in ({status})")

    def _connection(self) -> Connection:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = Connection(self.base)
            with self.lock:
                self.connections.append(conn)
        return conn

    def _send(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        headers = dict(headers or {})
        with self.lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        status, msg, data = self._connection().request(method, path, body, headers)
        for header in msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            with self.lock:
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return status, msg, data

    def get(self, path: str) -> tuple[int, str]:
        path = urllib.parse.quote(path, safe="/?=&")
        for _ in range(5):
            status, msg, data = self._send("GET", path)
            location = msg.get("Location")
            if status in (301, 302, 303, 307, 308) and location:
                path = urllib.parse.urlsplit(location)._replace(scheme="", netloc="").geturl()
                continue
            return status, data.decode("utf-8", "replace")
        return status, ""

    @property
    def opened(self) -> int:
        return sum(c.opened for c in self.connections)


def _wait_for(base: str) -> None:
    """Until the server answers (20 s at most; the soak then reports what fails)."""
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)


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
    server = subprocess.Popen(gunicorn(port), cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base)
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
        opened = sum(v.opened for v in (public, reporter, office))
        print(
            f"soak: {seconds} s, {total} requests ({total / seconds:.0f}/s) on {opened} "
            f"kept-alive connections, statuses {dict(sorted(statuses.items()))}, "
            f"errors {len(errors)}"
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
        if total < opened * 10:
            print("soak: the server did not keep connections alive (duban/gunicorn_conf.py)")
            return 1
        if errors or any(g > 25 for g in growth):
            return 1
        return 0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
