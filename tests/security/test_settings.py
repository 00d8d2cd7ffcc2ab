"""Production settings pass Django's deployment checks; every response carries the headers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **env}
    full.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path) -> None:
    result = _run(
        {
            "DUBAN_PRODUCTION": "1",
            "DUBAN_SECRET_KEY": "x" * 20 + "Kq9!vZ" * 10,
            "DUBAN_ALLOWED_HOSTS": "duban.example.org",
            "DUBAN_TRUSTED_PROXIES": "10.0.0.1",
            "DUBAN_VAR_DIR": str(tmp_path),
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_asks_for_the_proxy_address(tmp_path) -> None:
    result = _run(
        {
            "DUBAN_PRODUCTION": "1",
            "DUBAN_SECRET_KEY": "x" * 20 + "Kq9!vZ" * 10,
            "DUBAN_ALLOWED_HOSTS": "duban.example.org",
            "DUBAN_TRUSTED_PROXIES": "",
            "DUBAN_VAR_DIR": str(tmp_path),
        },
        "check",
        "--deploy",
    )
    assert "duban.W001" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path) -> None:
    result = _run(
        {"DUBAN_PRODUCTION": "1", "DUBAN_SECRET_KEY": "", "DUBAN_VAR_DIR": str(tmp_path)}, "check"
    )
    assert result.returncode != 0 and "DUBAN_SECRET_KEY" in result.stderr


def test_security_headers(client, plan) -> None:
    response = client.get(f"/plans/{plan.id}/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "unsafe-inline" in client.get("/api/docs/")["Content-Security-Policy"]


def test_session_cookie_is_http_only(client, db) -> None:
    from tests.conftest import PASSWORD

    response = client.post("/login/", {"username": "office", "password": PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def _key(var: Path) -> str:
    result = _run(
        {"DUBAN_PRODUCTION": "0", "DUBAN_SECRET_KEY": "", "DUBAN_VAR_DIR": str(var)},
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_each_development_install_has_its_own_secret_key(tmp_path) -> None:
    one, other = tmp_path / "one", tmp_path / "other"
    first = _key(one)
    assert len(first) >= 50 and "dev-only" not in first
    assert _key(one) == first  # kept: sessions survive a restart
    assert _key(other) != first
    assert (one / "secret-key").stat().st_mode & 0o077 == 0  # readable by its owner only
