"""Access matrix of the files module: an attachment owned by UPTD PPA HSS (its organisation
record) is downloadable by that organisation's members only; everyone else gets 404."""

from __future__ import annotations

from typing import Any

from simpul.testing import ANON, UrlSpec


def _attachment(world: dict[str, Any]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from simpul.files.services import attachment_store

    org = world["org"]["uptd.hss"]
    upload = SimpleUploadedFile("catatan.txt", b"Catatan uji sintetis\n", content_type="text/plain")
    world["attachment"] = attachment_store(actor=world["user"]["admin.hss"], owner=org, uploaded_file=upload, organisation=org)


def _uid(world: dict[str, Any]) -> dict[str, Any]:
    return {"uid": world["attachment"].uid}


SPECS = [
    UrlSpec(
        "files:download",
        kwargs=_uid,
        setup=_attachment,
        expect={
            ANON: 302,
            "admin": 200,
            "kepala": 200,
            "manajer_kasus": 200,
            "pendamping": 200,
            "petugas_pengaduan": 200,
        },
        default=404,
        note="members of the owning organisation only; hidden (404) for everyone else",
    ),
]
