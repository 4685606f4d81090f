import datetime as dt

import pytest
from django.db import connection

from simpul.crypto.aead import DecryptionError
from simpul.people.models import Person
from simpul.people.services import person_save


@pytest.mark.django_db
def test_round_trip_and_nothing_in_clear() -> None:
    p = person_save(Person(), full_name="Siti Contoh Sintetis", nik="6306054501900001", phone="0812-0000-1111", birth_date=dt.date(1990, 1, 5))
    fresh = Person.objects.get(pk=p.pk)
    assert fresh.full_name == "Siti Contoh Sintetis"
    assert fresh.birth_date == dt.date(1990, 1, 5)
    with connection.cursor() as cur:
        cur.execute("SELECT full_name, nik, phone, birth_date FROM people_person WHERE id = %s", [p.pk])
        row = cur.fetchone()
    assert all(v.startswith("v1:") for v in row)
    assert "Siti" not in "".join(row) and "6306054501900001" not in "".join(row)


@pytest.mark.django_db
def test_value_moved_to_another_row_or_column_does_not_decrypt() -> None:
    a = person_save(Person(), full_name="Ani Sintetis", nik="6306054501900002")
    b = person_save(Person(), full_name="Budi Sintetis", nik="6306050101900003")
    with connection.cursor() as cur:
        cur.execute("SELECT full_name, nik FROM people_person WHERE id = %s", [a.pk])
        name_a, nik_a = cur.fetchone()
        cur.execute("UPDATE people_person SET full_name = %s WHERE id = %s", [name_a, b.pk])
        cur.execute("UPDATE people_person SET nik = %s WHERE id = %s", [name_a, a.pk])
    with pytest.raises(DecryptionError):
        _ = Person.objects.get(pk=b.pk).full_name
    with pytest.raises(DecryptionError):
        _ = Person.objects.get(pk=a.pk).nik
    assert Person.objects.get(pk=a.pk).full_name == "Ani Sintetis"


@pytest.mark.django_db
def test_tampered_ciphertext_raises() -> None:
    a = person_save(Person(), full_name="Citra Sintetis")
    with connection.cursor() as cur:
        cur.execute("SELECT full_name FROM people_person WHERE id = %s", [a.pk])
        (stored,) = cur.fetchone()
        flipped = stored[:-6] + ("A" if stored[-6] != "A" else "B") + stored[-5:]
        cur.execute("UPDATE people_person SET full_name = %s WHERE id = %s", [flipped, a.pk])
    with pytest.raises(DecryptionError):
        _ = Person.objects.get(pk=a.pk).full_name


@pytest.mark.django_db
def test_deferred_field_loads_and_decrypts() -> None:
    a = person_save(Person(), full_name="Dewi Sintetis", phone="+62 812 1111 2222")
    p = Person.objects.only("id", "uid").get(pk=a.pk)
    assert p.full_name == "Dewi Sintetis"


@pytest.mark.django_db
def test_update_with_plaintext_is_refused() -> None:
    person_save(Person(), full_name="Eka Sintetis")
    with pytest.raises(TypeError):
        Person.objects.update(full_name="Leak")


@pytest.mark.django_db
def test_dates_and_values_moved_between_tables_or_rewritten_fail() -> None:
    from simpul.crypto import aead

    a = person_save(Person(), full_name="Fitri Sintetis", birth_date=dt.date(2012, 7, 1))
    b = person_save(Person(), full_name="Gita Sintetis", birth_date=dt.date(1999, 1, 1))
    with connection.cursor() as cur:
        cur.execute("SELECT birth_date, full_name FROM people_person WHERE id = %s", [a.pk])
        birth_a, name_a = cur.fetchone()
        cur.execute("UPDATE people_person SET birth_date = %s WHERE id = %s", [birth_a, b.pk])
    with pytest.raises(DecryptionError):
        _ = Person.objects.get(pk=b.pk).birth_date
    # Same row and column name, but another table: the AAD names the table.
    with pytest.raises(DecryptionError):
        aead.open_sealed(name_a, aead.associated_data("files_attachment", "full_name", str(a.uid)))
    # Relabelled with another key id, truncated, unknown key, not a sealed value at all.
    version, kid, body = name_a.split(":", 2)
    for bad in (f"{version}:k999:{body}", name_a[:30], f"{version}:{kid}:{body[:-8]}", "Fitri Sintetis", f"v9:{kid}:{body}"):
        with pytest.raises(DecryptionError):
            aead.open_sealed(bad, aead.associated_data("people_person", "full_name", str(a.uid)))
    assert Person.objects.get(pk=a.pk).full_name == "Fitri Sintetis"


@pytest.mark.django_db
def test_raw_mode_gives_ciphertext_and_loads_it_back() -> None:
    from simpul.crypto.fields import Ciphertext, raw_mode

    p = person_save(Person(), full_name="Hana Sintetis", birth_date=dt.date(2001, 2, 3))
    fresh = Person.objects.get(pk=p.pk)
    with raw_mode():
        stored = fresh.full_name
        assert isinstance(stored, Ciphertext) and stored.startswith("v1:")
        assert isinstance(fresh.birth_date, Ciphertext)
        assert isinstance(Person._meta.get_field("full_name").to_python(str(stored)), Ciphertext)
    assert fresh.full_name == "Hana Sintetis"
    assert Person._meta.get_field("full_name").to_python("plain") == "plain"


@pytest.mark.django_db
def test_open_for_reads_values_lists_with_the_same_checks() -> None:
    """``open_for(uid, stored)`` (used by lists that read values, not models) opens a value only
    for the row and column it was sealed for."""
    a = person_save(Person(), full_name="Dewi Sintetis", nik="6306054501900004")
    b = person_save(Person(), full_name="Eka Sintetis")
    (uid_a, name_a, nik_a), (uid_b, _name_b, _nik_b) = Person.objects.filter(pk__in=[a.pk, b.pk]).order_by("pk").values_list("uid", "full_name", "nik")
    name_field, nik_field = Person._meta.get_field("full_name"), Person._meta.get_field("nik")
    assert name_field.open_for(uid_a, name_a) == "Dewi Sintetis"  # type: ignore[attr-defined]
    assert nik_field.open_for(str(uid_a), nik_a) == "6306054501900004"  # type: ignore[attr-defined]
    assert name_field.open_for(uid_a, None) is None  # type: ignore[attr-defined]
    with pytest.raises(DecryptionError):
        name_field.open_for(uid_b, name_a)  # another row  # type: ignore[attr-defined]
    with pytest.raises(DecryptionError):
        nik_field.open_for(uid_a, name_a)  # another column  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_open_many_opens_a_page_with_the_same_checks() -> None:
    """``open_many`` (list pages) gives what ``open_for`` gives, value by value, and refuses a
    value moved to another row or column or altered."""
    a = person_save(Person(), full_name="Dewi Sintetis", nik="6306054501900004")
    b = person_save(Person(), full_name="Eka Sintetis")
    rows = list(Person.objects.filter(pk__in=[a.pk, b.pk]).order_by("pk").values_list("uid", "full_name", "nik"))
    name_field, nik_field = Person._meta.get_field("full_name"), Person._meta.get_field("nik")
    assert name_field.open_many([(uid, name) for uid, name, _nik in rows]) == ["Dewi Sintetis", "Eka Sintetis"]  # type: ignore[attr-defined]
    assert nik_field.open_many([(str(uid), nik) for uid, _name, nik in rows]) == ["6306054501900004", None]  # type: ignore[attr-defined]
    (uid_a, name_a, nik_a), (uid_b, name_b, _nik_b) = rows
    for pairs, field in (
        ([(uid_a, name_a), (uid_a, name_b)], name_field),  # b's name under a's row
        ([(uid_a, nik_a)], name_field),  # a NIK read as a name
        ([(uid_a, name_a[:-4] + ("AAAA" if name_a[-4:] != "AAAA" else "BBBB"))], name_field),  # altered
        ([(uid_a, "v2:" + name_a.split(":", 1)[1])], name_field),  # unknown format
        ([(uid_a, "not sealed")], name_field),
    ):
        with pytest.raises(DecryptionError):
            field.open_many(pairs)  # type: ignore[attr-defined]
