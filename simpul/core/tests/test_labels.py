"""No stored code reaches a page: the main pages of a demo case (case page with its timeline,
report page with its history, referral page, case list) show labels and placeholders, never a
snake_case code, a dotted action name, "None", a lone "?" or masked initials such as "(."."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from simpul.core import labels
from simpul.testing import client_for

SIMPUL = Path(__file__).resolve().parents[2]


class _Text(HTMLParser):
    """The text a reader sees (no tags, attributes, scripts or styles)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


SNAKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
LONE_MARKS = re.compile(r"(?<!\S)[?(]\.?(?!\S)|\(\.")


def raw_codes(text: str) -> list[str]:
    found = SNAKE.findall(text)
    found += [a for a in labels.known_actions() if "." in a and re.search(rf"(?<![\w.]){re.escape(a)}(?![\w.])", text)]
    found += re.findall(r"\b[a-z_]+ → [a-z_]+\b", text)  # a change between two codes ("created → baru")
    found += re.findall(r"(?<![\w/])None(?![\w/])", text)  # Python's None ("None/not recorded" is English)
    found += LONE_MARKS.findall(text)
    return found


@pytest.fixture
def world(demo: dict[str, Any]) -> dict[str, Any]:
    from simpul.cases import services as cases
    from simpul.cases.models import Referral
    from simpul.intake import services as intake
    from simpul.intake.tests.helpers import officer_report

    officer = demo["user"]["petugas_pengaduan.hss"]
    mk = demo["user"]["manajer_kasus.hss"]
    report = officer_report(
        demo, victim_name="Siti (demo) Aminah", safe_contact={"call": "ya", "message": "", "times": ""},
    )
    intake.report_triage(actor=officer, report=report, jenis_kasus="ktp", checklist=["ancaman"], kewenangan="kab_kota")
    case = intake.report_accept_as_case(actor=demo["user"]["kepala.hss"], report=report)
    cases.case_move(actor=mk, case=case, to="asesmen")
    cases.note_add(actor=mk, case=case, text="Korban didampingi ke puskesmas.")
    referral = cases.referral_create(
        actor=mk, case=case, to_org=demo["org"]["polres.hss"], service_type="penegakan_hukum",
        shared_sets=["identitas_korban", "kronologi"], reason="Mohon diproses",
        due_date=timezone.localdate() + dt.timedelta(days=3), override_basis="vital_interest", override_reason="Darurat",
    )
    Referral.objects.filter(pk=referral.pk).update(reason=None) if Referral._meta.get_field("reason").null else None
    report.refresh_from_db()
    return {"report": report, "case": case, "referral": referral}


PAGES = [
    ("case", "manajer_kasus.hss", lambda w: reverse("cases:detail", kwargs={"uid": w["case"].uid})),
    ("case list", "manajer_kasus.hss", lambda w: reverse("cases:list") + "?antrian=team"),
    ("report", "petugas_pengaduan.hss", lambda w: reverse("intake:detail", kwargs={"uid": w["report"].uid})),
    ("referral", "mitra.polres.hss", lambda w: reverse("cases:referral_detail", kwargs={"uid": w["referral"].uid})),
    ("report queue", "petugas_pengaduan.hss", lambda w: reverse("intake:queue") + "?status=semua"),
    ("statistics", "kepala.hss", lambda w: reverse("stats:dashboard")),
]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(("name", "username", "url"), PAGES, ids=[p[0] for p in PAGES])
def test_pages_show_labels_not_codes(world: dict[str, Any], name: str, username: str, url: Any, language: str) -> None:
    client = client_for(username)
    client.cookies["simpul_lang"] = language
    response = client.get(url(world))
    assert response.status_code == 200, name
    text = visible_text(response.content.decode())
    assert not raw_codes(text), f"{name} ({language}) shows raw codes {raw_codes(text)}:\n{text[:4000]}"


def test_the_world_really_has_what_used_to_leak(world: dict[str, Any]) -> None:
    """The pages above are only a test if the codes are there to leak."""
    html = client_for("manajer_kasus.hss").get(reverse("cases:detail", kwargs={"uid": world["case"].uid})).content.decode()
    text = visible_text(html)
    assert "Kasus dibuka" in text and "Tahap layanan dipindah: Identifikasi → Asesmen" in text
    assert "otomatis oleh sistem" in text  # the note copied from the report has no author
    listing = visible_text(client_for("manajer_kasus.hss").get(reverse("cases:list") + "?antrian=team").content.decode())
    assert "S. A. · Perempuan" in listing or "S. A. ·" in listing
    report_text = visible_text(
        client_for("petugas_pengaduan.hss").get(reverse("intake:detail", kwargs={"uid": world["report"].uid})).content.decode()
    )
    assert "Diterima sebagai kasus" in report_text and "telepon: Ya · pesan: tidak diisi" in report_text


def test_raw_code_detector_catches_each_kind() -> None:
    for leak in ("created → baru", "diterima_sebagai_kasus", "oleh case.open", "Alasan None", "telepon: ?", "(. S."):
        assert raw_codes(leak), leak
    assert not raw_codes("Apakah aman menelepon? Ya · Kasus dibuka · S. A. · 09:30 WITA")


def test_labels_in_both_languages() -> None:
    with override("id"):
        assert labels.action_label("case.open") == "Kasus dibuka"
        assert labels.code_label("diterima_sebagai_kasus", "intake.Status") == "Diterima sebagai kasus"
        assert labels.or_missing(None) == "tidak diisi" and labels.actor_name(None) == "otomatis oleh sistem"
    with override("en"):
        assert labels.action_label("case.open") == "Case opened"
        assert labels.code_label("diterima_sebagai_kasus", "intake.Status") == "Accepted as a case"
        assert labels.or_missing("None") == "not filled in" and labels.actor_name(None) == "automatically by the system"
    assert labels.code_label("rumah_aman_baru", "intake.Status") == "Rumah aman baru"  # never the code itself


def test_initials_skip_punctuation() -> None:
    from simpul.people.services import initials

    assert initials("Siti (demo) Aminah") == "S. A."
    assert initials("- & ()") == "—"
    assert initials("nur 'aini binti ahmad") == "N. B. A."


ACTION_PATTERNS = (
    re.compile(r"\brecord\(\s*\"([a-z0-9_]+\.[a-z0-9_.]+)\""),
    re.compile(r"\b_event\(\s*[\w.]+,\s*(?:[\w.]+,\s*)?\"([a-z0-9_.]+)\""),
    re.compile(r"\b_decide\([^\n]*?,\s*\"([a-z_]+)\""),
    re.compile(r"action=\"([a-z]+\.[a-z_]+)\""),
)


def test_every_recorded_action_has_a_label() -> None:
    found: set[str] = set()
    for path in SIMPUL.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        for pattern in ACTION_PATTERNS:
            found.update(pattern.findall(source))
    assert len(found) > 100
    missing = sorted(found - labels.known_actions())
    assert not missing, f"actions without a label in simpul/core/labels.py: {missing}"
