from django.urls import path

from simpul.ops import views

app_name = "ops"
URL_PREFIX = ""

urlpatterns = [path("metrics", views.metrics_view, name="metrics")]
