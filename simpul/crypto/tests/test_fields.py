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
