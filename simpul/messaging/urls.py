from django.urls import path

from simpul.messaging import views

app_name = "messaging"
URL_PREFIX = "pesan/"

urlpatterns = [
    path("laporan/<uuid:uid>/", views.report_messages, name="report"),
    path("pilihan/", views.public_preference, name="preference"),
]
