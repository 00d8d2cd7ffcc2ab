"""A local stand-in for the WeCom and DingTalk group-robot webhooks (http.server in a thread)
that checks what the real services check: WeCom's key, DingTalk's access token and its
加签 signature (HMAC-SHA256 of "timestamp\\nsecret", base64, within an hour), and the JSON
message; it answers as they do ({"errcode": 0, "errmsg": "ok"})."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

WECOM_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
DINGTALK_TOKEN = "a3f0c9e2b7d14f6a8c5e"
DINGTALK_SECRET = "SEC4f5e1c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1"


class Robots:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.refused: list[str] = []
        self.fail_next = 0  # answer this many requests with an error
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def wecom_url(self) -> str:
        return f"{self.base}/cgi-bin/webhook/send?key={WECOM_KEY}"

    @property
    def dingtalk_url(self) -> str:
        return f"{self.base}/robot/send?access_token={DINGTALK_TOKEN}"

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [r for r in self.received if r["kind"] == kind]

    def _check(
        self, path: str, query: dict[str, list[str]], body: dict[str, Any]
    ) -> tuple[str, str]:
        if path == "/cgi-bin/webhook/send":
            if query.get("key") != [WECOM_KEY]:
                return "wecom", "93000: invalid webhook url"
            if body.get("msgtype") != "markdown" or not body["markdown"].get("content"):
                return "wecom", "40008: invalid message type"
            return "wecom", ""
        if path == "/robot/send":
            if query.get("access_token") != [DINGTALK_TOKEN]:
                return "dingtalk", "300001: token is not exist"
            ts, sign = query.get("timestamp", [""])[0], query.get("sign", [""])[0]
            expected = base64.b64encode(
                hmac.new(
                    DINGTALK_SECRET.encode(), f"{ts}\n{DINGTALK_SECRET}".encode(), hashlib.sha256
                ).digest()
            ).decode()
            if not ts.isdigit() or abs(time.time() * 1000 - int(ts)) > 3600 * 1000:
                return "dingtalk", "310000: timestamp expired"
            if sign != expected:
                return "dingtalk", "310000: sign not match"
            if body.get("msgtype") != "markdown" or not body["markdown"].get("text"):
                return "dingtalk", "40035: missing text"
            return "dingtalk", ""
        return "unknown", "404"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        robots = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                parsed = urllib.parse.urlsplit(self.path)
                # parse_qs decodes the URL-encoded signature (+, /, =) as the services do
                query = urllib.parse.parse_qs(parsed.query)
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                try:
                    body = json.loads(raw.decode("utf-8"))
                except ValueError:
                    body = {}
                kind, error = robots._check(parsed.path, query, body)
                if robots.fail_next > 0:
                    robots.fail_next -= 1
                    error = "-1: system busy"
                if error:
                    robots.refused.append(f"{kind} {error}")
                    answer = {
                        "errcode": int(error.split(":")[0])
                        if error[0].isdigit() or error[0] == "-"
                        else 1,
                        "errmsg": error,
                    }
                else:
                    robots.received.append({"kind": kind, "body": body})
                    answer = {"errcode": 0, "errmsg": "ok"}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def __enter__(self) -> Robots:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
