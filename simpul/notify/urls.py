from django.urls import path

from simpul.notify import views

app_name = "notify"
URL_PREFIX = "notifikasi/"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/buka/", views.notification_open, name="open"),
    path("baca-semua/", views.read_all, name="read_all"),
    path("pengaturan/", views.preferences, name="preferences"),
]
