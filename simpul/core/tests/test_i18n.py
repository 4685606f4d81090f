"""English catalogues of the foundation apps are complete, and scripts/i18n_check.py finds gaps."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import polib
import pytest
from django.test import Client

from simpul.conf import BASE_DIR

FOUNDATION_APPS = ["core", "accounts", "regions", "api", "access"]

pytestmark = pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext missing (make system-deps)")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_check", BASE_DIR / "scripts" / "i18n_check.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("app", FOUNDATION_APPS)
def test_foundation_catalogue_is_complete(app: str) -> None:
    script = _script()
    assert script.check_app(BASE_DIR / "simpul" / app) == []


def test_check_finds_missing_stale_empty_and_fuzzy(tmp_path: Path) -> None:
    script = _script()
    app = tmp_path / "contoh"
    (app / "templates").mkdir(parents=True)
    (app / "views.py").write_text('from django.utils.translation import gettext as _\n\nA = _("Halo")\nB = _("Sampai jumpa")\nC = _("Terima kasih")\n')
    (app / "templates" / "t.html").write_text('{% load i18n %}{% translate "Selamat pagi" %}\n')
    assert any("no locale" in p for p in script.check_app(app))
    po_dir = app / "locale" / "en" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Halo", msgstr="Hello"))
    po.append(polib.POEntry(msgid="Sampai jumpa", msgstr=""))
    po.append(polib.POEntry(msgid="Terima kasih", msgstr="Thanks", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Kata lama", msgstr="Old word"))
    po.save(str(po_dir / "django.po"))
    problems = "\n".join(script.check_app(app))
    assert "missing msgid 'Selamat pagi'" in problems
    assert "stale msgid 'Kata lama'" in problems
    assert "empty msgstr for 'Sampai jumpa'" in problems
    assert "fuzzy msgstr for 'Terima kasih'" in problems
    assert "'Halo'" not in problems


@pytest.mark.django_db
def test_pages_switch_to_english(demo: object) -> None:
    client = Client()
    response = client.post("/bahasa/", {"language": "en", "next": "/masuk/"})
    assert response.status_code == 302
    html = client.get("/masuk/").content.decode()
    assert 'lang="en"' in html and "Sign in" in html and "Username" in html
    html = client.get("/wilayah/pilih/").content.decode()
    assert "Region code" in html or "Search regions" in html
