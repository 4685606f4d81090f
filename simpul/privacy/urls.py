from django.urls import path

from simpul.privacy import views

app_name = "privacy"
URL_PREFIX = "privasi/"

urlpatterns = [
    path("", views.home, name="home"),
    path("permintaan/", views.request_list, name="request_list"),
    path("permintaan/baru/", views.request_create, name="request_create"),
    path("permintaan/<uuid:uid>/", views.request_detail, name="request_detail"),
    path("permintaan/<uuid:uid>/cari-orang/", views.request_find, name="request_find"),
    path("permintaan/<uuid:uid>/tindakan/", views.request_act, name="request_act"),
    path("permintaan/<uuid:uid>/ekspor/<slug:fmt>/", views.request_export, name="request_export"),
    path("permintaan/<uuid:uid>/hapus/", views.request_erase, name="request_erase"),
    path("permintaan/<uuid:uid>/perbaiki/", views.request_correct, name="request_correct"),
    path("orang/<uuid:person_uid>/persetujuan/", views.person_consents, name="person_consents"),
    path("persetujuan/<uuid:uid>/tarik/", views.consent_withdraw, name="consent_withdraw"),
    path("penahanan-hukum/", views.hold_list, name="hold_list"),
    path("penahanan-hukum/<int:pk>/lepas/", views.hold_release, name="hold_release"),
    path("kebocoran/", views.breach_list, name="breach_list"),
    path("kebocoran/baru/", views.breach_create, name="breach_create"),
    path("kebocoran/<uuid:uid>/", views.breach_detail, name="breach_detail"),
    path("kebocoran/<uuid:uid>/pemberitahuan.<slug:fmt>", views.breach_notice, name="breach_notice"),
]
