from django.urls import path

from simpul.regions import views

app_name = "regions"
URL_PREFIX = "wilayah/"

urlpatterns = [
    path("cari/", views.region_search, name="search"),
    path("pilih/", views.region_picker, name="picker"),
]
