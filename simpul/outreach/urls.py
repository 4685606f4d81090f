from django.urls import path

from simpul.outreach import views

app_name = "outreach"
URL_PREFIX = "molin/"

urlpatterns = [
    path("", views.index, name="index"),
    path("kendaraan/", views.vehicles, name="vehicles"),
    path("kendaraan/<int:pk>/", views.vehicle_edit, name="vehicle_edit"),
    path("kru/", views.crew, name="crew"),
    path("permintaan/baru/", views.request_create, name="request_create"),
    path("permintaan/<int:pk>/", views.request_detail, name="request_detail"),
    path("permintaan/<int:pk>/jadwalkan/", views.trip_create, name="trip_create"),
    path("kalender/", views.calendar, name="calendar"),
    path("perjalanan/<int:pk>/", views.trip_detail, name="trip_detail"),
    path("perjalanan/<int:pk>/catat/", views.trip_log, name="trip_log"),
    path("perjalanan-saya/", views.my_trips, name="my_trips"),
]
