from django.urls import path

from simpul.guide import views

app_name = "guide"
URL_PREFIX = "panduan/"

urlpatterns = [
    path("", views.index, name="index"),
    path("panduan.pdf", views.handout_pdf, name="pdf"),
]
