"""`simpul demo` is idempotent: a second run reuses what is there and loses no data."""

from __future__ import annotations

import io
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from simpul.accounts.models import Membership, Organisation, User
from simpul.conf import VAR_DIR
from simpul.regions.models import Region


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_twice_keeps_data_and_changed_passwords(demo: dict[str, Any]) -> None:
    out = io.StringIO()
    call_command("demo", no_serve=True, cases=0, stdout=out)
    first = out.getvalue()
    assert "Kata sandi semua pengguna demo" in first and "admin.hss" in first
    villages = Region.objects.filter(level=4).count()
    assert villages >= 83762  # (other modules' demo data may add a synthetic desa)
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count(), villages)
    admin = User.objects.get(username="admin.hss")
    admin.set_password("Sandi-Baru-Admin-2026")
    admin.save()
    out = io.StringIO()
    call_command("demo", no_serve=True, cases=0, stdout=out)
    assert "Memuat kode wilayah" not in out.getvalue()  # already loaded: not loaded again
    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count(), Region.objects.filter(level=4).count()) == counts
    assert User.objects.filter(username="admin.hss").count() == 1
    admin.refresh_from_db()
    assert admin.check_password("Sandi-Baru-Admin-2026")
    for name in ("secret_key", "demo_totp_key"):
        path = Path(VAR_DIR) / name
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
