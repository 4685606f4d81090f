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
    path("permintaan/<uuid:uid>/tetapkan-orang/", views.request_identify, name="request_identify"),
    path("permintaan/<uuid:uid>/mulai/", views.request_start, name="request_start"),
    path("permintaan/<uuid:uid>/selesai/", views.request_complete, name="request_complete"),
    path("permintaan/<uuid:uid>/tolak/", views.request_refuse, name="request_refuse"),
    path("permintaan/<uuid:uid>/batasi/", views.request_restrict, name="request_restrict"),
    path("permintaan/<uuid:uid>/tarik-persetujuan/", views.request_withdraw, name="request_withdraw"),
    path("permintaan/<uuid:uid>/cabut-pembatasan/", views.request_lift, name="request_lift"),
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
