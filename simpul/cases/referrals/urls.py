"""Referral URLs, wired into the cases URL namespace (``cases:referral_*``) by
:mod:`simpul.cases.urls`."""

from django.urls import path

from simpul.cases.referrals import views

urlpatterns = [
    path("rujukan/masuk/", views.referral_inbox, name="inbox"),
    path("rujukan/<uuid:uid>/", views.referral_detail, name="referral_detail"),
    path("rujukan/<uuid:uid>/kiriman/", views.referral_sent, name="referral_sent"),
    path("rujukan/<uuid:uid>/tanggapi/", views.referral_respond, name="referral_respond"),
    path("rujukan/<uuid:uid>/tindakan/", views.referral_action, name="referral_action"),
    path("rujukan/<uuid:uid>/layanan/", views.referral_service, name="referral_service"),
    path("rujukan/<uuid:uid>/selesai/", views.referral_complete, name="referral_complete"),
    path("rujukan/<uuid:uid>/batal/", views.referral_cancel, name="referral_cancel"),
    path("rujukan/<uuid:uid>/surat.pdf", views.referral_letter, name="referral_letter"),
    path("<uuid:uid>/rujuk/", views.referral_add, name="referral_add"),
]
