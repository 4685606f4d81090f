"""Prevention: recording activities, participant counts, the named list (protected) and reach statistics."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from simpul import access
from simpul.audit.models import AuditEvent
from simpul.prevention import selectors, services
from simpul.prevention.demo import seed_demo
from simpul.prevention.models import Activity, StakeholderGroup
from simpul.prevention.reference import ensure_stakeholder_groups
from simpul.testing import signed_in_client

pytestmark = pytest.mark.django_db


def _activity(demo: dict[str, Any], org: str = "dinas.hss", user: str = "admin.hss", **kw: Any) -> Activity:
    data = {"title": "Sosialisasi uji", "type": "sosialisasi", "main_topic": "tppo", "start_date": dt.date(2025, 12, 5),
            "end_date": dt.date(2025, 12, 5), "region": None, "topics": ["kdrt"], **kw}
    return services.activity_create(actor=demo["user"][user], organisation=demo["org"][org], data=data)


def _g(code: str) -> StakeholderGroup:
    ensure_stakeholder_groups()
    return StakeholderGroup.objects.get(code=code)


def test_reach_breakdowns_add_up_with_unknown_rows(demo: dict[str, Any]) -> None:
    from simpul.regions.models import Region

    admin = demo["user"]["admin.hss"]
    a = _activity(demo, region=Region.objects.get(code="63.06.05"))
    services.count_set(actor=admin, activity=a, group=_g("pelajar-smp"), sex="P", age_group="anak", count=12)
    services.count_set(actor=admin, activity=a, group=_g("media"), sex="L", age_group="dewasa", count=3)
    services.count_set(actor=admin, activity=a, group=None, sex="X", age_group="x", count=5)
    b = _activity(demo, title="Kampanye tanpa wilayah", main_topic="kdrt", start_date=dt.date(2026, 1, 10), end_date=dt.date(2026, 1, 10))
    services.count_set(actor=admin, activity=b, group=_g("media"), sex="P", age_group="dewasa", count=4)
    services.attendee_add(actor=demo["user"]["kepala.dinas.hss"], activity=b, data={"name": "Siti Contoh", "phone": "0812000000", "group": _g("camat"), "sex": "P", "age_group": "dewasa"})

    r = selectors.reach(actor=demo["user"]["analis.kalsel"])
    assert r.total == 12 + 3 + 5 + 4 + 1
    for br in r.breakdowns:
        assert br.total == r.total, br.key
    kec = {row[0]: row[2] for row in next(b for b in r.breakdowns if b.key == "kecamatan").rows}
    assert kec == {"63.06.05": 20, "x": 5}
    group = {row[1]: row[2] for row in next(b for b in r.breakdowns if b.key == "group").rows}
    assert group["Tidak diketahui"] == 5 and group["Media massa"] == 7 and group["Camat"] == 1
    months = {row[0]: row[2] for row in next(b for b in r.breakdowns if b.key == "month").rows}
    assert months == {"2025-12": 20, "2026-01": 5}
    # Period filter
    assert selectors.reach(actor=demo["user"]["analis.kalsel"], start=dt.date(2026, 1, 1)).total == 5
    # Count 0 removes the cell; setting again replaces (never adds twice)
    services.count_set(actor=admin, activity=a, group=_g("media"), sex="L", age_group="dewasa", count=0)
    services.count_set(actor=admin, activity=a, group=_g("pelajar-smp"), sex="P", age_group="anak", count=10)
    assert selectors.reach(actor=admin).total == 10 + 5 + 4 + 1


def test_reach_is_scoped_to_jurisdiction(demo: dict[str, Any]) -> None:
    admin = demo["user"]["admin.hss"]
    a = _activity(demo)
    services.count_set(actor=admin, activity=a, group=None, sex="X", age_group="x", count=7)
    okus = _activity(demo, org="dinas.okus", user="admin.okus")
    services.count_set(actor=demo["user"]["admin.okus"], activity=okus, group=None, sex="X", age_group="x", count=50)
    assert selectors.reach(actor=demo["user"]["analis.kalsel"]).total == 7  # Kalsel analyst: not OKU Selatan
    assert selectors.reach(actor=demo["user"]["kepala.hss"]).total == 7  # HSS jurisdiction
    assert selectors.reach(actor=demo["user"]["admin.okus"]).total == 50
    assert selectors.reach(actor=demo["user"]["pendamping.hss"]).total == 0


def test_organisations_see_and_edit_only_their_own(demo: dict[str, Any]) -> None:
    a = _activity(demo)
    assert access.can(demo["user"]["admin.hss"], "edit", a)
    for other in ("admin.okus", "kepala.hss", "analis.kalsel", "pendamping.hss"):
        assert not access.can(demo["user"][other], "edit", a), other
        assert not access.visible(demo["user"][other], Activity).filter(pk=a.pk).exists(), other
    with pytest.raises(access.AccessDenied):
        services.activity_update(actor=demo["user"]["admin.okus"], activity=a, data={"title": "x"})
    client = signed_in_client("admin.okus")
    assert client.get(reverse("prevention:activity_detail", args=[a.pk])).status_code == 404
    assert client.post(reverse("prevention:activity_edit", args=[a.pk]), {"title": "diubah"}).status_code == 404
    # A partner organisation's kepala/admin may view but not edit
    a.partners.add(demo["org"]["uptd.hss"])
    assert access.can(demo["user"]["kepala.hss"], "view", a) and not access.can(demo["user"]["kepala.hss"], "edit", a)
    # Analysts: aggregates only
    analis = signed_in_client("analis.kalsel")
    assert analis.get(reverse("prevention:activity_detail", args=[a.pk])).status_code == 404
    assert analis.get(reverse("prevention:attendees", args=[a.pk])).status_code == 404
    assert analis.get(reverse("prevention:reach")).status_code == 200


def test_create_form_errors_are_indonesian_and_keep_input(demo: dict[str, Any]) -> None:
    client = signed_in_client("admin.hss")
    org = demo["org"]["dinas.hss"]
    resp = client.post(reverse("prevention:activity_create"), {
        "organisation": org.pk, "title": "Sosialisasi di pasar", "type": "sosialisasi", "main_topic": "ktpa",
        "start_date": "2025-12-05", "end_date": "2025-12-01",
    })
    assert resp.status_code == 400
    body = resp.content.decode()
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in body
    assert 'value="Sosialisasi di pasar"' in body
    resp = client.post(reverse("prevention:activity_create"), {
        "organisation": org.pk, "title": "Sosialisasi di pasar", "type": "sosialisasi", "main_topic": "ktpa",
        "start_date": "2025-12-05", "end_date": "2025-12-05", "topics": ["tppo"],
    })
    assert resp.status_code == 302
    act = Activity.objects.get(title="Sosialisasi di pasar")
    assert act.organisation == org
    assert set(act.topic_rows.values_list("topic", flat=True)) == {"ktpa", "tppo"}
    resp = client.post(reverse("prevention:count_set", args=[act.pk]), {"sex": "P", "age_group": "anak", "count": "-3"})
    assert resp.status_code == 400
    resp = client.post(reverse("prevention:session_add", args=[act.pk]), {"order": 1, "date": "2026-01-01", "title": "Sesi"})
    assert resp.status_code == 400 and "Tanggal sesi harus di antara" in resp.content.decode()


def test_attendance_list_is_encrypted_and_every_view_audited(demo: dict[str, Any]) -> None:
    from django.db import connection

    admin = demo["user"]["admin.hss"]
    a = _activity(demo)
    # The named list is the organiser's kepala's; admin (accounts only) is refused.
    with pytest.raises(access.AccessDenied):
        services.attendee_add(actor=admin, activity=a, data={"name": "Budi Sintetis"})
    att = services.attendee_add(actor=demo["user"]["kepala.dinas.hss"], activity=a, data={"name": "Budi Sintetis", "phone": "08123456789"})
    with connection.cursor() as cur:
        cur.execute("SELECT name, phone FROM prevention_attendee WHERE id = %s", [att.pk])
        raw = cur.fetchone()
    assert "Budi" not in raw[0] and "0812" not in raw[1]
    before = AuditEvent.objects.filter(action="prevention.attendees_view").count()
    assert signed_in_client("admin.hss").get(reverse("prevention:attendees", args=[a.pk])).status_code == 404
    resp = signed_in_client("kepala.dinas.hss").get(reverse("prevention:attendees", args=[a.pk]))
    assert resp.status_code == 200 and "Budi Sintetis" in resp.content.decode()
    ev = AuditEvent.objects.filter(action="prevention.attendees_view").last()
    assert AuditEvent.objects.filter(action="prevention.attendees_view").count() == before + 1
    assert ev is not None and "Budi" not in str(ev.extra) and ev.object_id == str(a.pk)
    # The aggregate detail page does not show names
    detail = signed_in_client("admin.hss").get(reverse("prevention:activity_detail", args=[a.pk])).content.decode()
    assert "Budi Sintetis" not in detail


def test_reach_csv_and_page(demo: dict[str, Any]) -> None:
    admin = demo["user"]["admin.hss"]
    a = _activity(demo)
    services.count_set(actor=admin, activity=a, group=_g("media"), sex="P", age_group="dewasa", count=9)
    resp = signed_in_client("analis.kalsel").get(reverse("prevention:reach_csv"))
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    lines = resp.content.decode().splitlines()
    assert lines[0] == "rincian,kode,label,jumlah_orang"
    assert "total,,Jumlah,9" in lines
    page = signed_in_client("analis.kalsel").get(reverse("prevention:reach"), {"start": "bukan-tanggal"})
    assert page.status_code == 400


def test_list_query_count_is_constant(demo: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    admin = demo["user"]["admin.hss"]
    for i in range(3):
        a = _activity(demo, title=f"Kegiatan {i}")
        services.count_set(actor=admin, activity=a, group=None, sex="X", age_group="x", count=i + 1)
    client = signed_in_client("admin.hss")
    client.get(reverse("prevention:list"))
    with django_assert_max_num_queries(14) as ctx:
        client.get(reverse("prevention:list"))
    few = len(ctx.captured_queries)
    for i in range(15):
        _activity(demo, title=f"Tambahan {i}")
    with django_assert_max_num_queries(few):
        client.get(reverse("prevention:list"))
    analis = signed_in_client("analis.kalsel")
    with django_assert_max_num_queries(24) as ctx:  # one GROUP BY per breakdown and source: constant
        assert analis.get(reverse("prevention:reach")).status_code == 200
    n = len(ctx.captured_queries)
    for i in range(5):
        _activity(demo, title=f"Lagi {i}")
    with django_assert_max_num_queries(n):
        analis.get(reverse("prevention:reach"))


def test_demo_seed_is_idempotent(demo: dict[str, Any]) -> None:
    first = seed_demo()
    again = seed_demo()
    assert first["hss_sosialisasi"].pk == again["hss_sosialisasi"].pk
    assert first["hss_pelatihan"].sessions.count() == 8
    assert first["hss_sosialisasi"].campaign is not None
    assert first["hss_sosialisasi"].venue == "Aula Kecamatan Kandangan"
    r = selectors.reach(actor=demo["user"]["kepala.hss"], campaign_id=first["hss_sosialisasi"].campaign_id)
    assert r.total == 70  # the HSS sosialisasi; the Kalsel meeting (province level) is outside HSS


def test_attachments_are_stored_by_the_files_module_and_follow_the_activity(demo: dict[str, Any], tmp_path: Any, settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    a = _activity(demo)
    client = signed_in_client("admin.hss")
    pdf = SimpleUploadedFile("daftar-hadir.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")
    resp = client.post(reverse("prevention:attachment_add", args=[a.pk]), {"berkas": pdf})
    assert resp.status_code == 302
    from simpul.files.models import Attachment

    att = Attachment.objects.get(owner_type="prevention.activity", owner_id=a.pk)
    assert "daftar-hadir.pdf" in client.get(reverse("prevention:activity_detail", args=[a.pk])).content.decode()
    assert signed_in_client("admin.okus").get(reverse("files:download", args=[att.uid])).status_code in (403, 404)
    bad = SimpleUploadedFile("x.exe", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/octet-stream")
    assert client.post(reverse("prevention:attachment_add", args=[a.pk]), {"berkas": bad}).status_code == 400
