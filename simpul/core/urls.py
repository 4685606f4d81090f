from django.urls import path

from simpul.core import views

app_name = "core"
URL_PREFIX = ""

urlpatterns = [
    path("", views.index, name="index"),
    path("beranda/", views.home, name="home"),
    path("cari/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
