from django.urls import path

from simpul.coordination import views

app_name = "coordination"
URL_PREFIX = "koordinasi/"

urlpatterns = [
    path("", views.index, name="index"),
    path("gugus-tugas/baru/", views.taskforce_create, name="taskforce_create"),
    path("gugus-tugas/<int:pk>/", views.taskforce_detail, name="taskforce_detail"),
    path("gugus-tugas/<int:pk>/anggota/", views.member_add, name="member_add"),
    path("gugus-tugas/<int:pk>/rapat/baru/", views.meeting_create, name="meeting_create"),
    path("rapat/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("tindakan/<int:pk>/status/", views.action_status, name="action_status"),
    path("relawan/", views.volunteers, name="volunteers"),
    path("relawan/baru/", views.volunteer_create, name="volunteer_create"),
    path("relawan/<int:pk>/", views.volunteer_edit, name="volunteer_edit"),
    path("rad/baru/", views.plan_create, name="plan_create"),
    path("rad/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("rad/<int:pk>/program/", views.programme_add, name="programme_add"),
    path("rad/program/<int:pk>/kegiatan/", views.plan_activity_add, name="plan_activity_add"),
    path("rad/kegiatan/<int:pk>/indikator/", views.indicator_create, name="indicator_create"),
    path("rad/indikator/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("rad/indikator/<int:pk>/target/", views.target_set, name="target_set"),
    path("rad/indikator/<int:pk>/realisasi/", views.realisation_set, name="realisation_set"),
    path("rad/<int:pk>/capaian/", views.progress, name="progress"),
    path("rad/<int:pk>/capaian.xlsx", views.progress_xlsx, name="progress_xlsx"),
    path("rad/<int:pk>/capaian.pdf", views.progress_pdf, name="progress_pdf"),
]
