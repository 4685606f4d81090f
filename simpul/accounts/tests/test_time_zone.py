"""Each organisation shows times in its own zone (WIB/WITA/WIT), derived from its province."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from simpul.accounts.middleware import forget_organisation_time_zone
from simpul.accounts.models import Organisation, OrgType, TimeZone, time_zone_for_region
from simpul.audit.models import AuditEvent
from simpul.testing import client_for


@pytest.fixture(autouse=True)
def _fresh_zone_cache() -> Any:
    forget_organisation_time_zone()
    yield
    forget_organisation_time_zone()


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("63.06.05", TimeZone.WITA),  # Kalimantan Selatan
        ("64", TimeZone.WITA), ("51.71", TimeZone.WITA), ("73", TimeZone.WITA), ("76.01", TimeZone.WITA),
        ("16.09", TimeZone.WIB), ("31", TimeZone.WIB), ("61", TimeZone.WIB), ("62.01", TimeZone.WIB),
        ("81", TimeZone.WIT), ("82", TimeZone.WIT), ("91", TimeZone.WIT), ("94.01", TimeZone.WIT),
        (None, TimeZone.WIB),
    ],
)
def test_zone_follows_the_province(code: str | None, zone: str) -> None:
    assert time_zone_for_region(code) == zone


def test_new_organisation_gets_the_zone_of_its_province(demo: dict[str, Any]) -> None:
    assert demo["org"]["uptd.hss"].time_zone == "Asia/Makassar"
    assert demo["org"]["uptd.okus"].time_zone == "Asia/Jakarta"
    org = Organisation.objects.create(name="UPTD PPA Jayapura (uji)", type=OrgType.UPTD_PPA, region_id=None)
    assert org.time_zone == "Asia/Jakarta"


def _report_page_times(demo: dict[str, Any], username: str) -> str:
    from simpul.intake.tests.helpers import officer_report

    report = officer_report(demo)
    type(report).objects.filter(pk=report.pk).update(received_at=dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC))
    html = client_for(username).get(reverse("intake:detail", kwargs={"uid": report.uid})).content.decode()
    return html


def test_staff_see_times_in_their_organisations_zone_with_its_abbreviation(demo: dict[str, Any]) -> None:
    html = _report_page_times(demo, "petugas_pengaduan.hss")
    # 01:30 UTC is 09:30 in Kandangan (WITA), not 08:30 WIB.
    assert "2 Mar 2026 09:30 WITA" in html
    assert "WIB" not in html


def test_admin_changes_the_zone_and_it_applies_at_once(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    admin = client_for("admin.hss")
    url = reverse("accounts:org_users", kwargs={"org_id": org.pk})
    bad = admin.post(url, {"time_zone": "Europe/Paris"})
    assert bad.status_code == 400 and "Zona waktu" in bad.content.decode()
    response = admin.post(url, {"time_zone": "Asia/Jayapura"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.time_zone == "Asia/Jayapura"
    assert AuditEvent.objects.filter(action="organisation.time_zone", object_id=str(org.pk)).exists()
    assert "2 Mar 2026 10:30 WIT" in _report_page_times(demo, "petugas_pengaduan.hss")


def test_only_the_organisations_admin_changes_its_zone(demo: dict[str, Any]) -> None:
    org = demo["org"]["uptd.hss"]
    url = reverse("accounts:org_users", kwargs={"org_id": org.pk})
    assert client_for("kepala.hss").post(url, {"time_zone": "Asia/Jayapura"}).status_code in (403, 404)
    org.refresh_from_db()
    assert org.time_zone == "Asia/Makassar"
