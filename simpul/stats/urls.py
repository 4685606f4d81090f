from django.urls import path

from simpul.stats import views

app_name = "stats"
URL_PREFIX = "statistik/"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tabel.csv", views.table_csv, name="table_csv"),
    path("tabel.xlsx", views.tables_xlsx, name="tables_xlsx"),
    path("simfoni/", views.simfoni, name="simfoni"),
    path("laporan/", views.report_create, name="report_create"),
    path("laporan/<uuid:uid>/", views.report_detail, name="report_detail"),
    path("laporan/<uuid:uid>/unduh.pdf", views.report_download, name="report_download"),
    path("publik/", views.public_page, name="public"),
    path("publik/data.csv", views.public_csv, name="public_csv"),
    path("publik/data.json", views.public_json, name="public_json"),
]
