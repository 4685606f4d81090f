"""Issue 13: the case list (sorting, filters, paging, all in the URL; "Kasus saya" for a
pendamping) and the partner's referral inbox (paging, filters, sorting), with constant queries."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.cases import services
from simpul.cases.bulk import bulk_cases
from simpul.cases.models import CaseTask, Referral
from simpul.cases.tests.factories import open_case
from simpul.testing import signed_in_client

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r'href="/kasus/[0-9a-f-]{36}/">([^<]+)</a>')


def _numbers(html):
    return NUMBER.findall(html)


def test_pendamping_lands_on_their_own_cases(demo):
    mk = demo["user"]["manajer_kasus.hss"]
    mine = open_case(demo)
    services.case_assign(actor=mk, case=mine, user=demo["user"]["pendamping.hss"])
    open_case(demo)  # the team's, not assigned to them
    html = signed_in_client("pendamping.hss").get(reverse("cases:list")).content.decode()
    assert 'href="?antrian=mine" aria-current="page"' in html
    assert _numbers(html) == [mine.number]
    # a manager still lands on the team queue
    assert 'href="?antrian=team" aria-current="page"' in signed_in_client("manajer_kasus.hss").get(reverse("cases:list")).content.decode()


def test_sorting_by_risk_stage_and_due(demo):
    low = open_case(demo, risk="rendah", reported_at=dt.date(2025, 3, 3))
    high = open_case(demo, risk="tinggi", reported_at=dt.date(2025, 3, 1))
    mid = open_case(demo, risk="sedang", reported_at=dt.date(2025, 3, 2))
    client = signed_in_client("kepala.hss")
    url = reverse("cases:list") + "?antrian=team&urut="
    assert _numbers(client.get(url + "reported").content.decode()) == [low.number, mid.number, high.number]
    assert _numbers(client.get(url + "-reported").content.decode()) == [high.number, mid.number, low.number]
    assert _numbers(client.get(url + "risk").content.decode()) == [high.number, mid.number, low.number]
    mk = demo["user"]["manajer_kasus.hss"]
    services.case_move(actor=mk, case=low, to="asesmen")
    assert _numbers(client.get(url + "stage").content.decode())[-1] == low.number
    services.task_add(actor=mk, case=mid, title="Kunjungan", due_date=timezone.localdate() + dt.timedelta(days=1))
    services.task_add(actor=mk, case=low, title="Kunjungan", due_date=timezone.localdate() + dt.timedelta(days=5))
    assert _numbers(client.get(url + "due").content.decode()) == [mid.number, low.number, high.number]
    # the sort survives paging and filtering (all in the URL)
    html = client.get(url + "risk&per=10").content.decode()
    assert 'name="urut" value="risk"' in html
    assert client.get(url + "nonsense").status_code == 200


def test_filters_caseworker_overdue_period_region(demo):
    mk = demo["user"]["manajer_kasus.hss"]
    a = open_case(demo, reported_at=dt.date(2025, 1, 10))
    b = open_case(demo, reported_at=dt.date(2025, 3, 10))
    services.case_assign(actor=mk, case=a, user=demo["user"]["pendamping.hss"])
    CaseTask.objects.create(case=b, title="Lewat", due_date=timezone.localdate() - dt.timedelta(days=2))
    client = signed_in_client("kepala.hss")
    base = reverse("cases:list") + "?antrian=team"
    pend = demo["user"]["pendamping.hss"].pk
    assert _numbers(client.get(f"{base}&caseworker={pend}").content.decode()) == [a.number]
    assert _numbers(client.get(f"{base}&overdue=1").content.decode()) == [b.number]
    assert _numbers(client.get(f"{base}&date_from=2025-03-01&date_to=2025-03-31").content.decode()) == [b.number]
    assert set(_numbers(client.get(f"{base}&region=63.06").content.decode())) == {a.number, b.number}
    assert client.get(f"{base}&caseworker=abc&date_from=kemarin").status_code == 200  # bad input never 500s


@pytest.mark.parametrize("sort", ["reported", "risk", "stage", "due"])
def test_sorted_list_query_count_is_constant(demo, sort, django_assert_max_num_queries):
    bulk_cases(demo["org"]["uptd.hss"], 60, assign_to=demo["user"]["pendamping.hss"])
    client = signed_in_client("kepala.hss")
    client.get(reverse("cases:list"))
    counts = []
    for size in (10, 50):
        with django_assert_max_num_queries(24) as ctx:
            r = client.get(reverse("cases:list") + f"?antrian=team&urut={sort}&per={size}&overdue=&caseworker=")
        assert r.status_code == 200 and r.content.decode().count('class="victim"') == size
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def _referrals(demo, n):
    mk = demo["user"]["manajer_kasus.hss"]
    case = open_case(demo)
    services.case_party_add(actor=mk, case=case, role="korban", full_name="Siti Contoh", sex="P", age_estimate=15)
    today = timezone.localdate()
    Referral.objects.bulk_create([
        Referral(
            case=case, from_org=case.organisation, to_org=demo["org"]["polres.hss"], service_type="penegakan_hukum", shared_sets=["kronologi"],
            consent_basis="vital_interest", without_consent=True, due_date=today + dt.timedelta(days=(i % 7) - 3),
            province_code=case.province_code, kabupaten_code=case.kabupaten_code, status="sent" if i % 3 else "accepted",
        )
        for i in range(n)
    ])
    return case


def test_partner_inbox_is_paged_filtered_and_sorted(demo):
    _referrals(demo, 67)
    client = signed_in_client("mitra.polres.hss")
    url = reverse("cases:inbox")
    html = client.get(url).content.decode()
    assert html.count('class="ref"') == 25 and "(67 rujukan)" in html
    assert client.get(url + "?hal=3").content.decode().count('class="ref"') == 17
    today = timezone.localdate()
    overdue = Referral.objects.filter(status="sent", due_date__lt=today).count()
    assert f"({overdue} rujukan)" in client.get(url + "?terlambat=1").content.decode()
    accepted = Referral.objects.filter(status="accepted").count()
    assert f"({accepted} rujukan)" in client.get(url + "?status=accepted").content.decode()
    due_page = client.get(url + "?urut=due").content.decode()
    dates = re.findall(r'data-label="Tenggat">(\d\d-\d\d-\d{4})', due_page)
    parsed = [dt.date(int(d[6:]), int(d[3:5]), int(d[:2])) for d in dates]
    assert parsed == sorted(parsed) and len(parsed) == 25


@pytest.mark.parametrize("n", [30, 90])
def test_partner_inbox_query_count_is_constant(demo, n, django_assert_max_num_queries):
    _referrals(demo, n)
    client = signed_in_client("mitra.polres.hss")
    client.get(reverse("cases:inbox"))
    with django_assert_max_num_queries(16):
        r = client.get(reverse("cases:inbox") + "?urut=due&terlambat=1&hal=1")
    assert r.status_code == 200


def test_list_filters_are_shown_with_the_case_count(demo):
    open_case(demo)
    html = signed_in_client("kepala.hss").get(reverse("cases:list") + "?antrian=team&stage=identifikasi").content.decode()
    assert 'name="caseworker"' in html and 'name="overdue"' in html and "Hapus saringan" in html
