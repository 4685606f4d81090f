from django.urls import path

from simpul.webhooks import views

app_name = "webhooks"
URL_PREFIX = "webhook/"

urlpatterns = [
    path("", views.endpoint_list, name="list"),
    path("gagal/", views.dead_letters, name="dead"),
    path("<uuid:uid>/", views.endpoint_detail, name="detail"),
    path("<uuid:uid>/aktif/", views.endpoint_active, name="active"),
    path("<uuid:uid>/hapus/", views.endpoint_delete, name="delete"),
    path("kiriman/<uuid:uid>/ulang/", views.delivery_retry, name="retry"),
]
