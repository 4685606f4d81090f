"""Issue 12.5: the sending case team reads what it referred and what became of it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.audit.models import AuditEvent
from simpul.cases import services
from simpul.cases.tests.factories import open_case
from simpul.testing import signed_in_client

pytestmark = pytest.mark.django_db


def _referral(demo, case):
    mk = demo["user"]["manajer_kasus.hss"]
    services.case_party_add(actor=mk, case=case, role="korban", full_name="Siti Contoh", sex="P", age_estimate=15)
    return services.referral_create(
        actor=mk, case=case, to_org=demo["org"]["polres.hss"], service_type="penegakan_hukum", shared_sets=["kronologi"],
        reason="Mohon pemeriksaan sintetis", due_date=timezone.localdate() + dt.timedelta(days=3),
        override_basis="vital_interest", override_reason="Korban dalam bahaya",
    )


def test_sender_reads_status_and_the_partners_work(demo):
    case = open_case(demo)
    mk = demo["user"]["manajer_kasus.hss"]
    services.case_assign(actor=mk, case=case, user=demo["user"]["pendamping.hss"])
    ref = _referral(demo, case)
    url = reverse("cases:referral_sent", kwargs={"uid": ref.uid})
    # Linked from the case page's referral list.
    assert url in signed_in_client("pendamping.hss").get(reverse("cases:detail", kwargs={"uid": case.uid})).content.decode()
    page = signed_in_client("pendamping.hss").get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Dikirim" in html and "Mohon pemeriksaan sintetis" in html and "Kronologi kejadian" in html and "Korban dalam bahaya" in html
    assert AuditEvent.objects.filter(action="referral.view_sent", object_id=str(ref.pk), actor_id=demo["user"]["pendamping.hss"].pk).exists()
    mitra = demo["user"]["mitra.polres.hss"]
    services.referral_respond(actor=mitra, referral=ref, accept=True)
    services.referral_action_add(actor=mitra, referral=ref, text="BAP korban sintetis")
    services.referral_complete(actor=mitra, referral=ref, outcome="Berkas lengkap sintetis")
    html = signed_in_client("manajer_kasus.hss").get(url).content.decode()
    assert "Selesai" in html and "BAP korban sintetis" in html and "Berkas lengkap sintetis" in html


def test_declined_referral_shows_the_reason(demo):
    case = open_case(demo)
    ref = _referral(demo, case)
    services.referral_respond(actor=demo["user"]["mitra.polres.hss"], referral=ref, accept=False, reason="Di luar wilayah sintetis")
    html = signed_in_client("kepala.hss").get(reverse("cases:referral_sent", kwargs={"uid": ref.uid})).content.decode()
    assert "Ditolak" in html and "Di luar wilayah sintetis" in html


@pytest.mark.parametrize("username", ["mitra.polres.hss", "mitra.rsud.hss", "pendamping.hss", "manajer_kasus.okus", "petugas_pengaduan.hss"])
def test_only_who_sees_the_sending_case_reads_it(demo, username):
    case = open_case(demo)  # not assigned to pendamping.hss
    ref = _referral(demo, case)
    assert signed_in_client(username).get(reverse("cases:referral_sent", kwargs={"uid": ref.uid})).status_code == 404


def test_query_count_does_not_grow_with_the_partners_log(demo):
    case = open_case(demo)
    ref = _referral(demo, case)
    mitra = demo["user"]["mitra.polres.hss"]
    services.referral_respond(actor=mitra, referral=ref, accept=True)
    url = reverse("cases:referral_sent", kwargs={"uid": ref.uid})
    client = signed_in_client("manajer_kasus.hss")
    services.referral_action_add(actor=mitra, referral=ref, text="Tindakan 1")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(5):
        services.referral_action_add(actor=mitra, referral=ref, text=f"Tindakan {i + 2}")
        services.service_add(actor=mitra, case=case, referral=ref, service_type="penegakan_hukum", start_date=timezone.localdate())
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "Tindakan 6" in response.content.decode()
    assert len(many) == len(one)
