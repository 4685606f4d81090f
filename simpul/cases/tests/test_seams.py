"""The module boundaries Issue 14 asks for, checked on the source: cases never imports intake, and
intake, cases and statistics share one definition of each code list with unchanged stored values."""

import ast
import dataclasses
import datetime as dt
import uuid
from pathlib import Path

import pytest

import simpul.cases
from simpul.cases.seams import ReportFacts

CASES_DIR = Path(simpul.cases.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_cases_code_does_not_import_intake():
    offenders = [
        str(p.relative_to(CASES_DIR))
        for p in CASES_DIR.rglob("*.py")
        if "tests" not in p.parts and any(m == "simpul.intake" or m.startswith("simpul.intake.") for m in _imports(p))
    ]
    assert offenders == []


def test_report_facts_are_a_frozen_typed_record():
    facts = ReportFacts(
        uid=uuid.uuid4(), organisation=None, region_code="63.06", jenis_kasus="ktp", risk="sedang",  # type: ignore[arg-type]
        kewenangan="kab_kota", channel="telepon", received_on=dt.date(2025, 1, 2),
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.risk = "tinggi"  # type: ignore[misc]


def test_one_definition_of_each_shared_code_list_with_the_stored_values():
    from simpul.cases import models as case_models
    from simpul.core import codes
    from simpul.intake import models as intake_models

    for name in ("JenisKasus", "Risk", "Kewenangan", "Channel", "AmpkCategory"):
        assert getattr(case_models, name) is getattr(codes, name) is getattr(intake_models, name)
    assert codes.JenisKasus.values == ["ktp", "ampk", "tppo", "abh", "perkawinan_anak", "lainnya"]
    assert codes.Risk.values == ["tinggi", "sedang", "rendah"]
    assert codes.Kewenangan.values == ["kab_kota", "provinsi", "pusat"]
    assert set(codes.Channel.values) == {
        "langsung", "telepon", "whatsapp", "surat", "pihak_lain", "penjangkauan", "rujukan", "pelimpahan",
        "sapa129", "media", "portal", "lapangan", "api", "lainnya",
    }
    # Intake reports keep the channels they always had.
    report_channels = {c for c, _label in intake_models.Report._meta.get_field("channel").choices}
    assert report_channels == set(codes.Channel.values) - {"pihak_lain", "lainnya"}
