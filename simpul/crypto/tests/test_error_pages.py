"""A value that fails to decrypt gives the generic 500 page; neither the page nor the log shows
the stored value, the plaintext of neighbouring fields, or crypto details."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.db import connection

from simpul.people.models import Person
from simpul.people.services import person_save
from simpul.testing import signed_in_client


@pytest.mark.django_db
@pytest.mark.urls("simpul.crypto.tests.urls_decrypt_error")
def test_decryption_error_in_a_view_is_a_generic_500(demo: dict[str, Any], caplog: Any) -> None:
    p = person_save(Person(), full_name="Siti Contoh Tersembunyi", nik="6306054501900999")
    with connection.cursor() as cur:
        cur.execute("SELECT full_name FROM people_person WHERE id = %s", [p.pk])
        (stored,) = cur.fetchone()
        tampered = stored[:-4] + ("AAAA" if not stored.endswith("AAAA") else "BBBB")
        cur.execute("UPDATE people_person SET full_name = %s WHERE id = %s", [tampered, p.pk])
    client = signed_in_client("pendamping.hss")
    client.raise_request_exception = False
    request_log = logging.getLogger("django.request")  # does not propagate to the root logger
    request_log.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.DEBUG):
            response = client.get(f"/uji-orang/{p.pk}/")
    finally:
        request_log.removeHandler(caplog.handler)
    assert response.status_code == 500
    assert any(r.name == "django.request" and r.levelno >= logging.ERROR for r in caplog.records)
    page = response.content.decode()
    assert "Terjadi kesalahan" in page
    import traceback

    logs = "\n".join(
        r.getMessage() + ("".join(traceback.format_exception(*r.exc_info)) if r.exc_info else "") for r in caplog.records
    )
    for secret in ("Siti", "6306054501900999", stored[10:40], tampered[10:40]):
        assert secret not in page
        assert secret not in logs
    assert "DecryptionError" not in page and "Traceback" not in page
