from django.urls import path

from simpul.cases.referrals import urls as referral_urls
from simpul.cases.views import case, lists, work

app_name = "cases"
URL_PREFIX = "kasus/"

urlpatterns = [
    path("", lists.case_list, name="list"),
    path("ekspor.xlsx", lists.case_export, name="export"),
    path("baru/", case.case_open, name="open"),
    *referral_urls.urlpatterns,
    path("<uuid:uid>/", case.case_detail, name="detail"),
    path("<uuid:uid>/ubah/", case.case_edit, name="edit"),
    path("<uuid:uid>/ringkasan.pdf", case.case_pdf, name="pdf"),
    path("<uuid:uid>/pihak/", work.party_add, name="party_add"),
    path("<uuid:uid>/pihak/<int:party_id>/ubah/", work.party_edit, name="party_edit"),
    path("<uuid:uid>/kejadian/", work.incident_add, name="incident_add"),
    path("<uuid:uid>/hubungan/", work.relationship_add, name="relationship_add"),
    path("<uuid:uid>/asesmen/", work.assessment_add, name="assessment_add"),
    path("<uuid:uid>/persetujuan-korban/", work.consent_add, name="consent_add"),
    path("<uuid:uid>/persetujuan/<str:kind>/", case.approval_request, name="approval_request"),
    path("<uuid:uid>/persetujuan/<int:approval_id>/putuskan/", case.approval_decide, name="approval_decide"),
    path("<uuid:uid>/tahap/", case.case_move, name="move"),
    path("<uuid:uid>/buka-kembali/", case.case_reopen, name="reopen"),
    path("<uuid:uid>/tugaskan/", case.case_assign, name="assign"),
    path("<uuid:uid>/layanan/", work.service_add, name="service_add"),
    path("<uuid:uid>/hukum/", work.legal_edit, name="legal"),
    path("<uuid:uid>/catatan/", work.note_add, name="note_add"),
    path("<uuid:uid>/catatan/<int:note_id>/koreksi/", work.note_correct, name="note_correct"),
    path("<uuid:uid>/tugas/", work.task_add, name="task_add"),
    path("<uuid:uid>/tugas/<int:task_id>/selesai/", work.task_done, name="task_done"),
    path("<uuid:uid>/lampiran/", case.attachment_add, name="attachment_add"),
]
