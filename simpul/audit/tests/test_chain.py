"""The audit log is append-only and hash-chained: `simpul audit verify` finds any edit,
deletion, insertion or reordering and names the first broken row."""

from __future__ import annotations

import io
import threading
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from simpul.audit import services
from simpul.audit.models import AuditEvent, AuditHead

pytestmark = pytest.mark.django_db


def _drop_trigger() -> None:
    """Tests only: remove the append-only trigger (rolled back with the test's transaction)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS audit_append_only ON audit_auditevent")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_append_only")


def _sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _chain(n: int = 6) -> list[AuditEvent]:
    start = AuditHead.objects.filter(id=1).values_list("seq", flat=True).first() or 0
    for i in range(n):
        services.record("test.event", object_type="test.thing", object_id=i, fields=["status"], extra={"i": i})
    return list(AuditEvent.objects.filter(seq__gt=start).order_by("seq"))


def _verify() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue()


def test_intact_chain_exits_zero() -> None:
    rows = _chain()
    code, message = _verify()
    assert code == 0, message
    assert "utuh" in message
    assert services.verify().ok
    assert services.verify().checked >= len(rows)
    # Each row carries the hash of the previous one.
    for before, after in zip(rows, rows[1:], strict=False):
        assert after.prev_hash == before.hash


def test_verify_pages_through_the_chain_in_batches() -> None:
    _chain(7)
    result = services.verify(batch_size=2)
    assert result.ok and result.checked == AuditEvent.objects.count()


def test_edited_row_is_found() -> None:
    rows = _chain()
    _drop_trigger()
    _sql("UPDATE audit_auditevent SET object_id = %s WHERE id = %s", ["999", rows[3].id])
    code, message = _verify()
    assert code != 0
    assert f"#{rows[3].seq}" in message and "diubah" in message


def test_edited_extra_and_ip_are_found() -> None:
    rows = _chain()
    _drop_trigger()
    AuditEvent.objects.filter(id=rows[1].id).update(ip="10.0.0.1")
    result = services.verify()
    assert not result.ok and result.first_bad_seq == rows[1].seq


def test_deleted_row_is_found() -> None:
    rows = _chain()
    _drop_trigger()
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [rows[2].id])
    code, message = _verify()
    assert code != 0
    assert f"#{rows[2].seq}" in message


def test_deleted_last_row_is_found() -> None:
    rows = _chain()
    _drop_trigger()
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [rows[-1].id])
    code, message = _verify()
    assert code != 0
    assert f"#{rows[-1].seq}" in message


def test_row_inserted_in_the_middle_is_found() -> None:
    rows = _chain()
    _drop_trigger()
    # Make room after rows[2] and slip a forged row in (with a hash that fits its own content).
    _sql("UPDATE audit_auditevent SET id = id + 100000 WHERE id > %s", [rows[2].id])
    forged = AuditEvent(
        id=rows[2].id + 1, seq=rows[-1].seq + 50, at=rows[2].at, action="auth.login", prev_hash=rows[2].hash
    )
    forged.hash = services.compute_hash(rows[2].hash, forged)
    forged.save(force_insert=True)
    result = services.verify()
    assert not result.ok
    assert result.first_bad_seq == rows[3].seq
    code, message = _verify()
    assert code != 0 and f"#{rows[3].seq}" in message


def test_row_appended_behind_the_log_is_found() -> None:
    rows = _chain()
    last = rows[-1]
    forged = AuditEvent(seq=last.seq + 1, at=last.at, action="auth.login", prev_hash=last.hash)
    forged.hash = services.compute_hash(last.hash, forged)
    forged.save(force_insert=True)  # INSERT is allowed; the head row was not moved on
    result = services.verify()
    assert not result.ok and result.first_bad_seq == forged.seq
    code, message = _verify()
    assert code != 0 and f"#{forged.seq}" in message


def test_two_rows_reordered_are_found() -> None:
    rows = _chain()
    a, b = rows[1], rows[4]
    _drop_trigger()
    # Swap their positions in the table (ids), keeping each row's own content and hash.
    _sql("UPDATE audit_auditevent SET id = %s WHERE id = %s", [10_000_000, a.id])
    _sql("UPDATE audit_auditevent SET id = %s WHERE id = %s", [a.id, b.id])
    _sql("UPDATE audit_auditevent SET id = %s WHERE id = %s", [b.id, 10_000_000])
    result = services.verify()
    assert not result.ok and result.first_bad_seq == a.seq
    code, message = _verify()
    assert code != 0 and f"#{a.seq}" in message


def test_swapped_sequence_numbers_are_found() -> None:
    rows = _chain()
    a, b = rows[2], rows[3]
    _drop_trigger()
    _sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [10_000_000, a.id])
    _sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [a.seq, b.id])
    _sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [b.seq, a.id])
    result = services.verify()
    assert not result.ok and result.first_bad_seq == a.seq


def test_update_is_blocked_by_the_database() -> None:
    rows = _chain(2)
    with pytest.raises(DatabaseError), transaction.atomic():
        _sql("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["x", rows[0].id])
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(id=rows[0].id).update(object_id="1")
    assert services.verify().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE is blocked on PostgreSQL only")
def test_delete_is_blocked_on_postgresql() -> None:
    rows = _chain(2)
    with pytest.raises(DatabaseError), transaction.atomic():
        _sql("DELETE FROM audit_auditevent WHERE id = %s", [rows[0].id])
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(id=rows[0].id).delete()
    assert AuditEvent.objects.filter(id=rows[0].id).exists()


def test_identifying_keys_are_refused_in_extra() -> None:
    for key in ("nama", "NIK", "password", "alamat", "email"):
        with pytest.raises(ValueError, match="identifying"):
            services.record("test.event", extra={key: "Siti Contoh"})


def test_record_rolls_back_with_the_change_it_describes() -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.record("test.event")
        raise RuntimeError("the change failed")
    assert AuditEvent.objects.count() == before
    assert services.verify().ok


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_twenty_threads_recording_at_once_keep_a_valid_chain() -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(20)

    def worker(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            for i in range(5):
                services.record("test.concurrent", object_type="test.thing", object_id=f"{n}-{i}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert AuditEvent.objects.filter(action="test.concurrent").count() == 100
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    result = services.verify()
    assert result.ok, result
    assert AuditHead.objects.get(id=1).seq == len(seqs)
