import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from simpul.access.core import AccessDenied
from simpul.cases import services
from simpul.cases.models import CaseEvent, CaseNote, CaseParty, CaseReport
from simpul.cases.seams import ReportFacts
from simpul.cases.tests.factories import open_case


def test_numbers_are_gapless_per_org_and_year(demo):
    a = open_case(demo)
    b = open_case(demo)
    c = open_case(demo, reported_at=dt.date(2024, 12, 31))
    d = open_case(demo, org="uptd.okus")
    assert (a.number, b.number) == ("63.06/2025/0001", "63.06/2025/0002")
    assert c.number == "63.06/2024/0001"
    assert d.number == "16.09/2025/0001"
    assert a.kabupaten_code == "63.06" and a.province_code == "63"
    assert CaseEvent.objects.filter(case=a, kind="case.open").count() == 1


def test_failed_creation_gives_number_back(demo):
    open_case(demo)
    with pytest.raises(ValidationError):
        open_case(demo, region="99.99")
    assert open_case(demo).number.endswith("/0002")


def test_open_needs_manager(demo):
    with pytest.raises(AccessDenied):
        open_case(demo, user="pendamping.hss")
    with pytest.raises(AccessDenied):
        open_case(demo, user="manajer_kasus.okus")


def _facts(org, **kw):
    import uuid

    values = {
        "uid": uuid.uuid4(), "organisation": org, "region_code": "63.06.05", "jenis_kasus": "ampk", "risk": "tinggi",
        "kewenangan": "kab_kota", "channel": "sapa129", "received_on": dt.date(2025, 5, 2),
    }
    return ReportFacts(**{**values, **kw})


def test_open_from_report_copies_and_links(demo):
    report = _facts(demo["org"]["uptd.hss"], story="Cerita sintetis.", victim_name="Siti Contoh")
    case = services.case_open_from_report(actor=demo["user"]["petugas_pengaduan.hss"], facts=report)
    assert (case.region_id, case.jenis_kasus, case.risk, case.channel) == ("63.06.05", "ampk", "tinggi", "sapa129")
    assert case.reported_at == dt.date(2025, 5, 2)
    assert case.source_report_uid == report.uid
    assert CaseParty.objects.get(case=case, role="korban").person.full_name == "Siti Contoh"
    assert "Cerita sintetis." in CaseNote.objects.get(case=case).text
    again = services.case_open_from_report(actor=demo["user"]["manajer_kasus.hss"], facts=report)
    assert again.pk == case.pk
    second = _facts(demo["org"]["uptd.hss"])
    services.case_attach_report(actor=demo["user"]["manajer_kasus.hss"], report_uid=second.uid, case=case)
    assert set(CaseReport.objects.filter(case=case).values_list("report_uid", flat=True)) == {report.uid, second.uid}
    with pytest.raises(AccessDenied):
        services.case_open_from_report(actor=demo["user"]["petugas_pengaduan.okus"], facts=_facts(demo["org"]["uptd.hss"]))
