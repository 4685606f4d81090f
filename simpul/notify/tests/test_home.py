"""Beranda = my work: counts per role equal the data, links go to the (filtered) lists, and the
page's query count does not grow with the number of cases."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.utils import timezone

from simpul.cases import services as cases
from simpul.cases.models import CaseTask, Referral
from simpul.cases.tests.factories import open_case
from simpul.intake import services as intake
from simpul.intake.tests.helpers import officer_report
from simpul.notify.tests.helpers import case_with_victim, referral, to_plan
from simpul.testing import ROLE_PERSONAS, signed_in_client

pytestmark = pytest.mark.django_db

ITEM = re.compile(r'<a href="([^"]*)"><span class="work-count">(\d+)</span> <span class="work-label">([^<]+)</span></a>')


def work(username: str) -> dict[str, tuple[int, str]]:
    page = signed_in_client(username).get("/beranda/")
    assert page.status_code == 200
    return {html.unescape(label): (int(n), html.unescape(url)) for url, n, label in ITEM.findall(page.content.decode())}


def build(demo: dict[str, Any]) -> dict[str, Any]:
    mk, pendamping = demo["user"]["manajer_kasus.hss"], demo["user"]["pendamping.hss"]
    a = case_with_victim(demo)  # assigned to the pendamping, with an overdue task
    cases.case_assign(actor=mk, case=a, user=pendamping)
    cases.task_add(actor=mk, case=a, title="Kunjungan (sintetis)", due_date=timezone.localdate() + dt.timedelta(days=1), assignee=pendamping)
    CaseTask.objects.update(due_date=timezone.localdate() - dt.timedelta(days=1))
    b = open_case(demo, risk="tinggi")  # high risk, nobody assigned, plan waiting for approval
    to_plan(demo, b)
    cases.approval_request(actor=mk, case=b, kind="plan", content="Rencana (sintetis)")
    ref = referral(demo, b)  # to Polres HSS
    open_case(demo, org="uptd.okus")  # another kabupaten: counted by nobody here
    r1 = officer_report(demo)  # new
    officer_report(demo, received_at=timezone.now() - dt.timedelta(days=5))  # new and overdue
    intake.message_post_public(report=r1, body="Pesan pelapor (sintetis)")
    return {"a": a, "b": b, "ref": ref}


def test_home_counts_for_each_role(demo: Any) -> None:
    build(demo)
    kepala = work("kepala.hss")
    assert kepala["rencana intervensi menunggu persetujuan"] == (1, "/kasus/?antrian=approval")
    assert kepala["kasus risiko tinggi tanpa pendamping"] == (1, "/kasus/?risk=tinggi")
    assert kepala["pengaduan baru menunggu triase"] == (2, "/lapor/petugas/")
    assert kepala["pengaduan melewati batas waktu respons"][0] == 1
    assert kepala["pesan pelapor belum dibalas"][0] == 1
    assert kepala["kasus terlambat (tugas atau rujukan lewat tenggat)"] == (1, "/kasus/?antrian=overdue")
    assert kepala["rujukan masuk menunggu tanggapan"][0] == 0  # sent by them, not received
    mk = work("manajer_kasus.hss")
    assert mk["rencana intervensi menunggu persetujuan"][0] == 0  # their own request
    pendamping = work("pendamping.hss")
    assert pendamping["kasus ditugaskan kepada saya"] == (1, "/kasus/?antrian=mine")
    assert pendamping["tugas saya terlambat"][0] == 1
    assert pendamping["kasus terlambat (tugas atau rujukan lewat tenggat)"][0] == 1
    assert "rencana intervensi menunggu persetujuan" not in pendamping
    assert "pengaduan baru menunggu triase" not in pendamping
    petugas = work("petugas_pengaduan.hss")
    assert petugas["pengaduan baru menunggu triase"][0] == 2 and "kasus ditugaskan kepada saya" not in petugas
    mitra = work("mitra.polres.hss")
    assert mitra == {
        "rujukan masuk menunggu tanggapan": (1, "/kasus/rujukan/masuk/?status=sent"),
        "rujukan masuk melewati tenggat tanggapan": (0, "/kasus/rujukan/masuk/?status=sent"),
        "rujukan masuk sedang ditangani": (0, "/kasus/rujukan/masuk/?status=accepted"),
    }
    assert work("relawan.hss") == {"laporan saya masih diproses": (0, "/lapor/lapangan/")}
    for username in ("admin.hss", "analis.kalsel"):
        assert work(username) == {}
    okus = work("manajer_kasus.okus")
    assert okus["kasus risiko tinggi tanpa pendamping"][0] == 0 and okus["pengaduan baru menunggu triase"][0] == 0


def test_the_links_lead_to_lists_showing_the_counted_rows(demo: Any) -> None:
    world = build(demo)
    client = signed_in_client("kepala.hss")
    page = client.get("/kasus/?antrian=approval").content.decode()
    assert world["b"].number in page and world["a"].number not in page
    page = client.get("/kasus/?risk=tinggi").content.decode()
    assert world["b"].number in page
    assert world["a"].number in signed_in_client("pendamping.hss").get("/kasus/?antrian=mine").content.decode()


def test_supervisor_caseload(demo: Any) -> None:
    build(demo)
    page = signed_in_client("kepala.hss").get("/beranda/").content.decode()
    assert "Beban kerja tim" in page
    table = page.split('id="caseload-workers"')[1].split("</table>")[0]
    assert re.search(r"Pendamping HSS \(demo\)</th><td>1</td><td><span class=\"overdue-text\">1</span>", table)
    stages = page.split('id="caseload-stages"')[1].split("</table>")[0]
    assert re.search(r"Rencana intervensi</a></th><td>1</td>", stages) and re.search(r"Identifikasi</a></th><td>1</td>", stages)
    assert "stage=rencana_intervensi" in stages
    for username in ("pendamping.hss", "petugas_pengaduan.hss", "mitra.polres.hss"):
        assert "Beban kerja tim" not in signed_in_client(username).get("/beranda/").content.decode()


@pytest.mark.parametrize("persona", sorted(ROLE_PERSONAS))
def test_home_query_count_is_constant(demo: Any, persona: str, django_assert_max_num_queries: Any) -> None:
    username = ROLE_PERSONAS[persona]
    build(demo)
    client = signed_in_client(username)
    client.get("/beranda/")
    with django_assert_max_num_queries(40) as few:
        client.get("/beranda/")
    mk, pendamping = demo["user"]["manajer_kasus.hss"], demo["user"]["pendamping.hss"]
    for _ in range(6):
        c = case_with_victim(demo, risk="tinggi")
        cases.case_assign(actor=mk, case=c, user=pendamping)
        cases.task_add(actor=mk, case=c, title="T", due_date=timezone.localdate(), assignee=pendamping)
        referral(demo, c)
        officer_report(demo)
    Referral.objects.update(due_date=timezone.localdate() - dt.timedelta(days=1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/beranda/")
