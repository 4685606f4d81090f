from django.urls import path

from simpul.prevention import views

app_name = "prevention"
URL_PREFIX = "pencegahan/"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("kegiatan/baru/", views.activity_create, name="activity_create"),
    path("kegiatan/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("kegiatan/<int:pk>/ubah/", views.activity_edit, name="activity_edit"),
    path("kegiatan/<int:pk>/narasumber/", views.speaker_add, name="speaker_add"),
    path("kegiatan/<int:pk>/sesi/", views.session_add, name="session_add"),
    path("kegiatan/<int:pk>/peserta/", views.count_set, name="count_set"),
    path("kegiatan/<int:pk>/lampiran/", views.attachment_add, name="attachment_add"),
    path("kegiatan/<int:pk>/daftar-hadir/", views.attendees, name="attendees"),
    path("kegiatan/<int:pk>/tindak-lanjut/", views.followup_add, name="followup_add"),
    path("kegiatan/<int:pk>/tindak-lanjut/<int:fid>/status/", views.followup_status, name="followup_status"),
    path("kampanye/", views.campaign_list, name="campaign_list"),
    path("kampanye/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("jangkauan/", views.reach, name="reach"),
    path("jangkauan.csv", views.reach_csv, name="reach_csv"),
    path("kelompok/", views.groups, name="groups"),
    path("kelompok/<int:pk>/", views.group_edit, name="group_edit"),
]
