from django.urls import path

from simpul.cases import views

app_name = "cases"
URL_PREFIX = "kasus/"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("ekspor.xlsx", views.case_export, name="export"),
    path("baru/", views.case_open, name="open"),
    path("rujukan/masuk/", views.referral_inbox, name="inbox"),
    path("rujukan/<uuid:uid>/", views.referral_detail, name="referral_detail"),
    path("rujukan/<uuid:uid>/tanggapi/", views.referral_respond, name="referral_respond"),
    path("rujukan/<uuid:uid>/tindakan/", views.referral_action, name="referral_action"),
    path("rujukan/<uuid:uid>/layanan/", views.referral_service, name="referral_service"),
    path("rujukan/<uuid:uid>/selesai/", views.referral_complete, name="referral_complete"),
    path("rujukan/<uuid:uid>/batal/", views.referral_cancel, name="referral_cancel"),
    path("rujukan/<uuid:uid>/surat.pdf", views.referral_letter, name="referral_letter"),
    path("<uuid:uid>/", views.case_detail, name="detail"),
    path("<uuid:uid>/ubah/", views.case_edit, name="edit"),
    path("<uuid:uid>/ringkasan.pdf", views.case_pdf, name="pdf"),
    path("<uuid:uid>/pihak/", views.party_add, name="party_add"),
    path("<uuid:uid>/pihak/<int:party_id>/ubah/", views.party_edit, name="party_edit"),
    path("<uuid:uid>/kejadian/", views.incident_add, name="incident_add"),
    path("<uuid:uid>/hubungan/", views.relationship_add, name="relationship_add"),
    path("<uuid:uid>/asesmen/", views.assessment_add, name="assessment_add"),
    path("<uuid:uid>/persetujuan/<str:kind>/", views.approval_request, name="approval_request"),
    path("<uuid:uid>/persetujuan/<int:approval_id>/putuskan/", views.approval_decide, name="approval_decide"),
    path("<uuid:uid>/tahap/", views.case_move, name="move"),
    path("<uuid:uid>/buka-kembali/", views.case_reopen, name="reopen"),
    path("<uuid:uid>/tugaskan/", views.case_assign, name="assign"),
    path("<uuid:uid>/layanan/", views.service_add, name="service_add"),
    path("<uuid:uid>/hukum/", views.legal_edit, name="legal"),
    path("<uuid:uid>/catatan/", views.note_add, name="note_add"),
    path("<uuid:uid>/catatan/<int:note_id>/koreksi/", views.note_correct, name="note_correct"),
    path("<uuid:uid>/tugas/", views.task_add, name="task_add"),
    path("<uuid:uid>/tugas/<int:task_id>/selesai/", views.task_done, name="task_done"),
    path("<uuid:uid>/rujuk/", views.referral_add, name="referral_add"),
    path("<uuid:uid>/lampiran/", views.attachment_add, name="attachment_add"),
]
