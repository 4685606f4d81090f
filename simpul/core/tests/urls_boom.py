"""Test-only URLconf: the real URLs plus a view that fails, to exercise handler500."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from simpul.urls import urlpatterns as _real


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("kesalahan uji: jejak ini tidak boleh tampil")


urlpatterns = [path("uji-galat/", boom), *_real]

handler400 = "simpul.core.views.error_400"
handler403 = "simpul.core.views.error_403"
handler404 = "simpul.core.views.error_404"
handler500 = "simpul.core.views.error_500"
