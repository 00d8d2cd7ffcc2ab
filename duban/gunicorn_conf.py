"""The production server shape: `gunicorn -c python:duban.gunicorn_conf duban.wsgi:application`.

Threaded workers (gthread) keep a browser's connection open between its requests: gunicorn's
default sync worker closes every connection after one response, so each page, stylesheet and
script paid a new TCP connection, and the cached public plan page served at 0.39 of the same
server's static-file rate (issue 19). Threads also let a worker answer the next cached page
while another thread waits on the database. The command line's options (-b, -w) win over
these; the environment sets them per machine (docs/deployment.md).
"""

from __future__ import annotations

import os

bind = os.environ.get("DUBAN_BIND", "127.0.0.1:8000")
# One process per core: Python runs one thread at a time per process.
workers = int(os.environ.get("DUBAN_WORKERS") or os.cpu_count() or 2)
worker_class = "gthread"
threads = int(os.environ.get("DUBAN_THREADS", "4"))
# Seconds an idle kept-alive connection stays open: a page's assets and the next click
# come within it; behind a proxy that pools its connections, set it above the proxy's.
keepalive = int(os.environ.get("DUBAN_KEEPALIVE", "5"))
# Connections a worker holds open at once (idle kept-alive ones included).
worker_connections = int(os.environ.get("DUBAN_WORKER_CONNECTIONS", "1000"))
timeout = 60  # an XLSX or PDF export of a 1,000-task plan takes seconds, not a minute
graceful_timeout = 30
