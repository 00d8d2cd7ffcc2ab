"""Responses compressed the same way whatever serves them: pages, JSON and static files.

Brotli (a fifth smaller than gzip on the site's pages, scripts and styles) for a client that
accepts it, when the response is the same for every visitor: no session, no CSRF token, no
cookie set — the public site and the static files. Everything else, and a client without
brotli, gets Django's gzip, which pads each response with random bytes against BREACH-style
length guessing of a secret in a signed-in page. Files that are compressed already (XLSX,
DOCX, PDF, images) are sent as they are.

Static files are compressed once per process at the best quality and kept (a few hundred
kilobytes in all); a file WhiteNoise has beside it precompressed (the ECharts build's .br)
leaves as it is.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

import brotli  # type: ignore[import-untyped]
from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

ACCEPTS_BR = re.compile(r"\bbr\b")
COMPRESSIBLE = re.compile(
    r"^(text/|image/svg\+xml|application/(json|javascript|ecmascript|xml|[\w.-]+\+(json|xml))\b)"
)
PAGE_QUALITY = 6  # ~1.5 ms for the 68 KB plan page; 11 would cost ~200 ms a response
STATIC_QUALITY = 11
MIN_SIZE = 200


class _Packed:
    """Static files compressed, by path and version (WhiteNoise's ETag), bounded in bytes."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size = limit, 0
        self.files: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[str, str], content: bytes) -> bytes:
        with self.lock:
            known = self.files.get(key)
            if known is not None:
                self.files.move_to_end(key)
                return known
        packed: bytes = brotli.compress(content, quality=STATIC_QUALITY)
        with self.lock:
            if key not in self.files and len(packed) <= self.limit // 4:
                self.files[key] = packed
                self.size += len(packed)
                while self.size > self.limit:
                    _key, old = self.files.popitem(last=False)
                    self.size -= len(old)
        return packed


static_files = _Packed(limit=16 * 2**20)


def shared(request: HttpRequest, response: HttpResponseBase) -> bool:
    """The response is the same for every visitor: it can hold no one's secret."""
    return request.path.startswith(settings.STATIC_URL) or (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.cookies
    )


class CompressionMiddleware(GZipMiddleware):
    """Brotli where it is safe and accepted, else Django's padded gzip; see the module."""

    def process_request(self, request: HttpRequest) -> None:
        # A compressed file's ETag is made weak (below); the browser sends it back weak, and
        # If-None-Match compares weakly (RFC 9110 13.1.2), which WhiteNoise does not: without
        # this, every revalidation of a static file would download it again instead of a 304.
        tag = request.META.get("HTTP_IF_NONE_MATCH", "")
        if tag.startswith("W/") and request.path.startswith(settings.STATIC_URL):
            request.META["HTTP_IF_NONE_MATCH"] = tag[2:]

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        content_type = response.get("Content-Type", "")
        if (
            response.has_header("Content-Encoding")
            or request.method == "HEAD"  # no body, and its Content-Length must stay the file's
            or response.status_code in (206, 304)
            or (content_type and not COMPRESSIBLE.match(content_type))
        ):
            return response
        if not (
            ACCEPTS_BR.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
            and shared(request, response)
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        if isinstance(response, StreamingHttpResponse):
            if not request.path.startswith(settings.STATIC_URL) or response.is_async:
                return super().process_response(request, response)
            content = b"".join(response.streaming_content)  # type: ignore[arg-type]
            if len(content) < MIN_SIZE:
                response.streaming_content = [content]
                return response
            version = response.get("ETag", "") or response.get("Last-Modified", "")
            packed = static_files.get((request.path, version), content)
            response.streaming_content = [packed]
        elif isinstance(response, HttpResponse):
            content = response.content
            if len(content) < MIN_SIZE:
                return response
            packed = brotli.compress(content, quality=PAGE_QUALITY)
            if len(packed) >= len(content):
                return response
            response.content = packed
        else:
            return response
        response.headers["Content-Length"] = str(len(packed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "br"
        return response
