"""Every response that gains from it leaves compressed, the same way whatever serves it
(issue 18): brotli for what is the same for every visitor (the public pages, their JSON, the
static files), Django's padded gzip for the rest and for a client without brotli."""

from __future__ import annotations

import gzip

import brotli
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

BR = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content) if response.streaming else response.content


def _plain(url: str) -> bytes:
    return _body(Client().get(url))


@pytest.mark.parametrize(
    "name",
    ["plan", "dashboard", "dashboard-data", "publications", "home", "static-css", "static-js"],
)
def test_what_is_the_same_for_everyone_leaves_in_brotli(client, plan, name) -> None:
    url = {
        "home": reverse("disclosure:home"),
        "static-css": "/static/duban/site.css",
        "static-js": "/static/duban/dashboard.js",
    }.get(name) or reverse(f"disclosure:{name}", args=[plan.id])
    for visit in ("first", "cached"):  # the render and the page cache's hit alike
        response = client.get(url, **BR)
        assert response["Content-Encoding"] == "br", (url, visit)
        assert "Accept-Encoding" in response["Vary"]
        body = _body(response)
        assert int(response["Content-Length"]) == len(body)
        assert brotli.decompress(body) == _plain(url)


def test_a_static_file_is_compressed_once_and_revalidates_to_a_304(client) -> None:
    from duban import compression

    first = client.get("/static/duban/site.css", **BR)
    packed = _body(first)
    assert first["ETag"].startswith('W/"')
    assert _body(client.get("/static/duban/site.css", **BR)) is packed  # kept, not redone
    again = client.get("/static/duban/site.css", HTTP_IF_NONE_MATCH=first["ETag"], **BR)
    assert again.status_code == 304
    assert any(path == "/static/duban/site.css" for path, _v in compression.static_files.files)


def test_the_precompressed_echarts_build_leaves_as_it_was_built(client) -> None:
    from pathlib import Path

    url = "/static/vendor/echarts/echarts.custom.min.js"
    response = client.get(url, **BR)
    built = Path(__file__).resolve().parents[2] / "duban/static/vendor/echarts"
    assert response["Content-Encoding"] == "br"
    assert _body(response) == (built / "echarts.custom.min.js.br").read_bytes()


def test_a_signed_in_page_and_the_login_form_get_padded_gzip_not_brotli(
    office_client, client, plan
) -> None:
    # They carry a session's data or a CSRF token: gzip with Django's random padding.
    signed_in = office_client.get(reverse("disclosure:plan", args=[plan.id]), **BR)
    login = client.get(reverse("login"), **BR)
    for response in (signed_in, login):
        assert response["Content-Encoding"] == "gzip"
        assert gzip.decompress(_body(response))
    sizes = {len(_body(client.get(reverse("login"), **BR))) for _ in range(8)}
    assert len(sizes) > 1  # the padding varies


def test_a_client_without_brotli_gets_gzip_and_one_without_either_gets_the_page(
    client, plan
) -> None:
    url = reverse("disclosure:plan", args=[plan.id])
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    plain = client.get(url)
    assert "Content-Encoding" not in plain and b"<html" in plain.content


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_downloads_compressed_already_are_sent_as_they_are(client, plan, fmt) -> None:
    response = client.get(reverse("disclosure:export", args=[plan.id, fmt]), **BR)
    assert "Content-Encoding" not in response and response.content.startswith(b"PK")


def test_csv_and_json_downloads_are_compressed(client, plan) -> None:
    for fmt in ("csv", "json"):
        response = client.get(reverse("disclosure:export", args=[plan.id, fmt]), **BR)
        assert response["Content-Encoding"] == "br", fmt


def test_a_head_request_keeps_the_files_length(client) -> None:
    head = client.head("/static/duban/site.css", **BR)
    get = Client().get("/static/duban/site.css")
    assert "Content-Encoding" not in head
    assert int(head["Content-Length"]) == len(_body(get))
