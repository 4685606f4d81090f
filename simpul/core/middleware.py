from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware

_TEXT_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")


class NoStoreMiddleware:
    """Pages for signed-in users and every public report page are never cached by the
    browser or a proxy (a shared phone must not keep a survivor's story in its cache)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/static/"):
            return response
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(("/lapor", "/masuk", "/api/")):
            response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        return response


class CompressTextMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH mitigation: random padding in every gzip header)
    for text only: pages, JSON, CSV. Downloads already compressed (PDF, XLSX, images, encrypted
    attachments streamed from disk) go out as they are."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        content_type = response.headers.get("Content-Type", "")
        if response.streaming or not content_type.startswith(_TEXT_TYPES):
            return response
        return super().process_response(request, response)
