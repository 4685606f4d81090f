"""The JSON API at /api/v1/ (Django Ninja). OpenAPI at /api/v1/openapi.json.

Each module contributes ``simpul/<module>/api.py`` with a ``router``; it is
mounted at ``/api/v1/<PREFIX>`` where PREFIX is the module's ``API_PREFIX``
(default: the app label).
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from simpul.api.auth import API_AUTH
from simpul.api.errors import ErrorOut, is_json

# The error answers every operation may give (docs/api.md). 401 only where a sign-in is needed,
# 415/409 only where there is a body.
_ERRORS: dict[int, str] = {
    400: "Permintaan rusak (badan JSON tidak terbaca).",
    401: "Belum masuk atau token tidak sah.",
    403: "Tidak berwenang (atau token tanpa cakupan yang diperlukan).",
    404: "Tidak ditemukan (atau di luar kewenangan pemanggil).",
    409: "Bentrok: data sudah diubah orang lain atau sudah pernah diterima.",
    415: "Jenis isi bukan application/json.",
    422: "Data tidak sah; `detail` menyebut ruas yang salah.",
    429: "Terlalu banyak permintaan; coba lagi nanti.",
}


class UnsupportedMediaType(Exception):
    pass


class JsonOnlyParser(Parser):
    """Request bodies are JSON: anything else (text/plain, XML, a form) is refused with 415
    before it is read, even when its bytes happen to be JSON."""

    def parse_body(self, request: HttpRequest) -> Any:
        if not is_json(request.content_type or ""):
            raise UnsupportedMediaType(request.content_type)
        return super().parse_body(request)


class SimpulAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document lists the error answers (shape ``ErrorOut``) next to the 2xx."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["ErrorOut"] = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        ref = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
        for path, item in schema.get("paths", {}).items():
            for method, op in item.items():
                if not isinstance(op, dict) or "responses" not in op:
                    continue
                codes = {403, 404, 422, 429}
                if op.get("security"):
                    codes.add(401)
                if method in ("post", "put", "patch", "delete"):
                    codes |= {400, 409, 415}
                if "{" in path:
                    codes.add(404)
                for code in sorted(codes):
                    op["responses"].setdefault(code, {"description": _ERRORS[code], "content": ref})
        return schema


api = SimpulAPI(
    title="Simpul API",
    version="1",
    description="API Simpul: wilayah, pengaduan, kasus, rujukan, statistik. Lihat docs/api.md.",
    auth=API_AUTH,
    urls_namespace="api",
    docs_url=None,  # the interactive docs page would load third-party assets
    parser=JsonOnlyParser(),
)


def _error(request: HttpRequest, status: int, message: str, extra: Any = None) -> HttpResponse:
    body: dict[str, Any] = {"message": message}
    if extra is not None:
        body["detail"] = extra
    return api.create_response(request, body, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 401, _("Belum masuk atau token tidak sah."))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 403, str(exc) or _("Anda tidak berwenang melakukan tindakan ini."))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, _("Tidak ditemukan."))


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return _error(request, 422, _("Data tidak sah."), exc.errors)


@api.exception_handler(ValidationError)
def _django_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return _error(request, 422, _("Data tidak sah."), detail)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, UnsupportedMediaType):  # Ninja wraps the parser's refusal in a 400
        return _error(request, 415, _("Kirim badan permintaan sebagai JSON (Content-Type: application/json)."))
    return _error(request, exc.status_code, str(exc))


def _mount_module_routers() -> None:
    from simpul.api import me  # the API's own router: the caller's account and tokens

    api.add_router(f"/{me.API_PREFIX}", me.router)
    for config in apps.get_app_configs():
        if not config.name.startswith("simpul.") or config.name == "simpul.api":
            continue
        module_name = f"{config.name}.api"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        router = getattr(module, "router", None)
        if router is None:
            continue
        prefix = getattr(module, "API_PREFIX", config.label)
        api.add_router(f"/{prefix}", router)


_mount_module_routers()

# Mounted last, so it only answers what no module did: an unknown path (or a malformed id, such
# as a path segment that is not a UUID) under /api/v1/ is a JSON 404, like every other API error.
_fallback = Router(auth=None)


@_fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False, url_name="api_unknown_path")
def _unknown_path(request: HttpRequest, rest: str) -> HttpResponse:
    raise Http404()


api.add_router("", _fallback)
