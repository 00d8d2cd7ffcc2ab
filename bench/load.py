"""The public plan page under load, against the ceiling: a static file of the same size served
by the same server (gunicorn in its production shape, duban/gunicorn_conf.py: threaded workers
that keep connections alive; whitenoise) on loopback. Also the peak memory of a worker.

wrk (Debian package) drives the load when it is installed; otherwise a bounded Python load
generator does (a thread per connection, each kept alive as wrk keeps them). Prints one JSON
object.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench.soak import Connection, free_port, gunicorn, rss_kib, workers

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "10"))
CONNECTIONS = 8


class Server:
    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(gunicorn(self.port), cwd=ROOT, env=env)
        for _ in range(150):
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def get(self, path: str) -> bytes:
        return urllib.request.urlopen(self.base + path, timeout=30).read()

    def stop(self) -> list[float]:
        peaks = [rss_kib(pid, "VmHWM") / 1024 for pid in workers(self.process.pid)]
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        return peaks


def rate(url: str) -> tuple[float, str]:
    """Requests per second at CONNECTIONS concurrent connections for SECONDS."""
    if shutil.which("wrk"):
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if errors:
            raise RuntimeError(f"{errors.group(1)} failed responses from {url}")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "wrk"  # type: ignore[union-attr]
    done = [0]
    lock = threading.Lock()
    stop = time.monotonic() + SECONDS

    base, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]

    def worker() -> None:
        conn = Connection("http://" + base)
        count = 0
        while time.monotonic() < stop:
            status, _, _ = conn.request("GET", path)
            if status != 200:
                raise RuntimeError(f"{status} from {url}")
            count += 1
        with lock:
            done[0] += count

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / (time.monotonic() - started), "python"


def main() -> int:
    plan_id = int(sys.argv[1])
    static_dir = Path(tempfile.mkdtemp(prefix="duban-bench-static-"))
    env = {
        **os.environ,
        "DUBAN_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DUBAN_BENCH_STATIC": str(static_dir),
    }
    page_path = f"/plans/{plan_id}/"
    from duban import gunicorn_conf

    threads, keepalive = gunicorn_conf.threads, gunicorn_conf.keepalive
    try:
        # The page as the public gets it, then the same bytes as a static file (whitenoise
        # indexes static files when the server starts: hence two starts).
        server = Server(env)
        page = server.get(page_path)
        server.stop()
        (static_dir / "plan-page.html").write_bytes(page)
        server = Server(env)
        server.get(page_path)  # into the page cache
        static = rate(server.base + "/static/plan-page.html")
        dynamic = rate(server.base + page_path)
        task = rate(server.base + f"/plans/{plan_id}/tasks/75/")
        peaks = server.stop()
    finally:
        shutil.rmtree(static_dir, ignore_errors=True)
    print(
        json.dumps(
            {
                "tool": static[1],
                "server": "gunicorn -c python:duban.gunicorn_conf, 2 gthread workers "
                f"× {threads} threads, keep-alive {keepalive} s",
                "seconds": SECONDS,
                "connections": CONNECTIONS,
                "page_bytes": len(page),
                "static_rps": static[0],
                "page_rps": dynamic[0],
                "task_rps": task[0],
                "worker_peak_mib": peaks,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
