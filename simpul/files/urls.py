from django.urls import path

from simpul.files import views

app_name = "files"
URL_PREFIX = "berkas/"

urlpatterns = [
    path("<uuid:uid>/", views.download, name="download"),
]
