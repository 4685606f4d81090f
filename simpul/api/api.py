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
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from simpul.api.auth import API_AUTH

api = NinjaAPI(
    title="Simpul API",
    version="1",
    description="API Simpul: wilayah, pengaduan, kasus, rujukan, statistik. Lihat docs/api.md.",
    auth=API_AUTH,
    urls_namespace="api",
    docs_url=None,  # the interactive docs page would load third-party assets
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
