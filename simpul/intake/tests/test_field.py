"""Field reports by relawan and Satgas: a short form, and the status of their own reports only."""

from __future__ import annotations

from typing import Any

import pytest

from simpul.intake.models import Channel, Report
from simpul.intake.tests.helpers import officer_report
from simpul.testing import signed_in_client

pytestmark = pytest.mark.django_db


def test_relawan_files_a_field_report_and_sees_only_own_status(demo: Any) -> None:
    relawan = signed_in_client("relawan.hss")
    form = relawan.get("/lapor/lapangan/baru/").content.decode()
    assert 'value="63.06.05"' in form  # kecamatan of the relawan's kabupaten are offered
    response = relawan.post("/lapor/lapangan/baru/", {
        "story": "Anak perempuan sering dikunci di rumah.", "wilayah": "63.06.05", "at_risk": "anak_perempuan",
        "urgency": "segera", "idem": "r" * 20,
    })
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.channel == Channel.LAPANGAN and report.submitted_by == demo["user"]["relawan.hss"]
    assert report.organisation == demo["org"]["uptd.hss"] and report.victim_is_child == "ya"
    assert report.due_at == report.received_at  # "segera": at once
    other = officer_report(demo)
    listing = relawan.get("/lapor/lapangan/").content.decode()
    assert report.display_code in listing and other.display_code not in listing
    assert "dikunci" not in listing  # status only, never the content
    assert "menunggu diperiksa" in listing
    # Never the case file or the report page.
    assert relawan.get(f"/lapor/petugas/{report.uid}/").status_code == 404
    # Another field reporter does not see it.
    assert report.display_code not in signed_in_client("satgas.hss").get("/lapor/lapangan/").content.decode()


def test_field_report_errors_are_shown_in_indonesian(demo: Any) -> None:
    response = signed_in_client("satgas.hss").post("/lapor/lapangan/baru/", {"story": "Ada keributan", "idem": "s" * 20})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih desa/kelurahan atau kecamatan." in html and "Pilih seberapa mendesak." in html
    assert "Ada keributan</textarea>" in html
