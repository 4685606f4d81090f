from django.urls import path

from simpul.core import views

app_name = "core"
URL_PREFIX = ""

urlpatterns = [
    path("", views.index, name="index"),
    path("beranda/", views.home, name="home"),
    # The quick exit's landing page: a neutral address (no "lapor", no "keluar").
    path("resep/sayur-asem/", views.neutral, name="neutral"),
    path("cari/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
