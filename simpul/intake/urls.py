from django.urls import path

from simpul.intake import views

app_name = "intake"
URL_PREFIX = "lapor/"

urlpatterns = [
    # Public portal (no sign-in).
    path("", views.public_report, name="public_report"),
    path("terkirim/", views.public_done, name="public_done"),
    path("pin/", views.public_set_pin, name="public_set_pin"),
    path("status/", views.public_status, name="public_status"),
    path("status/pesan/", views.public_message, name="public_message"),
    path("keluar/", views.quick_exit, name="quick_exit"),
    # Relawan and Satgas.
    path("lapangan/", views.field_list, name="field_list"),
    path("lapangan/baru/", views.field_new, name="field_new"),
    # Officers.
    path("petugas/", views.queue, name="queue"),
    path("petugas/baru/", views.officer_new, name="officer_new"),
    path("petugas/pengaturan/", views.settings_page, name="settings"),
    path("petugas/<uuid:uid>/", views.officer_detail, name="detail"),
    path("petugas/<uuid:uid>/ubah/", views.officer_edit, name="edit"),
    path("petugas/<uuid:uid>/triase/", views.officer_triage, name="triage"),
    path("petugas/<uuid:uid>/pesan/", views.officer_message, name="message"),
    # One view per decision, each form of the report page posts to its own URL (paths unchanged).
    path("petugas/<uuid:uid>/tindak/terima/", views.decide_accept, name="decide_accept"),
    path("petugas/<uuid:uid>/tindak/gabung-kasus/", views.decide_attach, name="decide_attach"),
    path("petugas/<uuid:uid>/tindak/rujuk/", views.decide_refer, name="decide_refer"),
    path("petugas/<uuid:uid>/tindak/tutup/", views.decide_close, name="decide_close"),
    path("petugas/<uuid:uid>/tindak/gabung/", views.decide_merge, name="decide_merge"),
]
