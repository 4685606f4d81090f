"""Free text that can carry a person's name or story is sealed at rest (issue 12, part 3).

The class is closed by a walk over every model: a clear (unsealed) character or text column
without choices must be named here with the reason it may stay clear; docs/privacy.md ("Free
text") carries the same list. The migration that seals existing clear values is tested forwards
and backwards on real rows."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor

from simpul.crypto.fields import EncryptedMixin

# label.field -> why it may stay clear. Codes, hashes and blind indexes are not free text.
CLEAR_ALLOWED: dict[str, str] = {
    "regions.Region.code": "public Kemendagri code",
    "regions.Region.name": "public region name",
    "regions.Region.search_name": "public region name, normalised",
    "accounts.User.password": "Argon2 hash",
    "accounts.User.username": "staff account: needed to sign in (staff accounts decision)",
    "accounts.User.first_name": "staff account (staff accounts decision, docs/privacy.md)",
    "accounts.User.last_name": "staff account (staff accounts decision, docs/privacy.md)",
    "accounts.User.email": "staff account: needed for sign-in mail (staff accounts decision)",
    "accounts.User.phone": "staff account (staff accounts decision, docs/privacy.md)",
    "accounts.Organisation.name": "public institution",
    "accounts.Organisation.short_name": "public institution",
    "audit.AuditEvent.action": "code",
    "audit.AuditEvent.object_type": "code",
    "audit.AuditEvent.object_id": "row id",
    "audit.AuditEvent.ip": "client address of a staff request (security log)",
    "audit.AuditEvent.prev_hash": "hash",
    "audit.AuditEvent.hash": "hash",
    "audit.AuditHead.hash": "hash",
    "api.ApiToken.name": "staff-chosen token label",
    "api.ApiToken.prefix": "token prefix",
    "api.ApiToken.token_hash": "hash",
    "files.Attachment.owner_type": "code",
    "files.Attachment.mime_type": "code",
    "files.Attachment.storage_name": "random name (the real name is sealed)",
    "people.Person.nik_bidx": "blind index",
    "people.Person.phone_bidx": "blind index",
    "people.Person.email_bidx": "blind index",
    "people.Person.name_bidx": "blind index",
    "people.Person.name_birth_bidx": "blind index",
    "people.Person.nationality": "ISO code (statistics)",
    "people.PersonNameToken.token_bidx": "blind index",
    "privacy.LegalHold.object_type": "code",
    "privacy.LegalHold.object_id": "row id",
    "privacy.LegalHold.label": "case number (not identifying)",
    "intake.Report.tracking_code": "random code",
    "intake.Report.pin_hash": "hash",
    "intake.Report.reporter_phone_bidx": "blind index",
    "intake.Report.victim_nik_bidx": "blind index",
    "intake.Report.victim_phone_bidx": "blind index",
    "intake.Report.victim_name_birth_bidx": "blind index",
    "intake.Report.idempotency_key": "client-chosen random key",
    "intake.ReportEvent.kind": "code",
    "intake.ReportEvent.from_status": "code",
    "intake.ReportEvent.to_status": "code",
    "intake.WebhookReceipt.message_id": "provider message id",
    "messaging.OutboundMessage.template": "code of a fixed template",
    "messaging.OutboundMessage.to_bidx": "blind index",
    "messaging.OutboundMessage.idempotency_key": "random key",
    "messaging.OutboundMessage.provider_message_id": "provider message id",
    "messaging.OutboundMessage.last_error": "error code, never provider text",
    "cases.Case.number": "case number (not identifying)",
    "cases.Case.kabupaten_code": "code",
    "cases.Case.province_code": "code",
    "cases.CaseEvent.kind": "code",
    "cases.Referral.province_code": "code",
    "cases.Referral.kabupaten_code": "code",
    "stats.ReportJob.error": "system error text, never user input",
    "stats.ReportJob.region_code": "code",
    "notify.Notification.reference": "case number or tracking code (stored clear on the case/report too)",
    "notify.Notification.path": "link inside Simpul (ids, no words)",
    "notify.Notification.key": "dedupe key (event and ids)",
    "webhooks.Endpoint.url": "address of another system's endpoint (no person)",
    "webhooks.Endpoint.description": "an admin's label of a system endpoint",
    "webhooks.Endpoint.secret_hint": "first characters of a random secret",
    "webhooks.Delivery.event_type": "code",
    "webhooks.Delivery.last_error": "system error text",
    "webhooks.Attempt.error": "system error text",
    "webhooks.Attempt.excerpt": "200 characters of a receiver's answer to an ids-only payload",
    "prevention.StakeholderGroup.code": "code",
    "prevention.StakeholderGroup.name": "group name (e.g. 'guru')",
    "prevention.Campaign.name": "public campaign",
    "prevention.Campaign.description": "public campaign description (no person)",
    "prevention.Activity.title": "public event title",
    "prevention.Activity.venue": "public place of an event",
    "prevention.Speaker.name": "public speaker of an event (not a survivor)",
    "prevention.Speaker.institution": "public institution",
    "prevention.Speaker.topic": "topic of a public session",
    "prevention.Session.title": "topic of a public session",
    "prevention.FollowUp.owner_name": "official responsible (staff/position)",
    "outreach.Vehicle.name": "vehicle",
    "outreach.Vehicle.plate": "vehicle",
    "outreach.CrewMember.duty": "staff duty",
    "coordination.TaskForce.name": "public body",
    "coordination.TaskForce.legal_basis": "public regulation",
    "coordination.TaskForceMember.position": "official position",
    "coordination.Meeting.place": "meeting venue",
    "coordination.ActionItem.owner_name": "official responsible (staff/position)",
    "coordination.Plan.title": "public plan",
    "coordination.Plan.legal_basis": "public regulation",
    "coordination.Programme.name": "public plan",
    "coordination.PlanActivity.name": "public plan",
    "coordination.Indicator.name": "public plan",
    "coordination.Indicator.unit": "unit",
    "coordination.Indicator.computed_key": "code",
}

CODE_PREFIXES = ("stats.CaseFact.", "stats.MonthlyCount.", "stats.YearlyCount.")  # summary codes and counts


def _clear_text_columns() -> list[str]:
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("simpul."):
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.CharField | models.TextField) and not isinstance(f, EncryptedMixin) and not f.choices:
                found.append(f"{model._meta.label}.{f.name}")
    return found


def test_every_clear_free_text_column_is_a_documented_decision() -> None:
    undecided = [c for c in _clear_text_columns() if c not in CLEAR_ALLOWED and not c.startswith(CODE_PREFIXES)]
    assert not undecided, (
        "clear text columns that could carry a name or a story: seal them (EncryptedTextField) or "
        f"add them to CLEAR_ALLOWED with a reason and to docs/privacy.md: {undecided}"
    )


def test_the_allow_list_names_only_real_columns() -> None:
    stale = sorted(set(CLEAR_ALLOWED) - set(_clear_text_columns()))
    assert not stale, f"CLEAR_ALLOWED names columns that are gone or now sealed: {stale}"


def test_privacy_doc_lists_the_sealed_free_text_fields() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "privacy.md").read_text()
    for name in ("Meeting.minutes", "ActionItem.description", "DispatchRequest.area", "LegalHold.reason"):
        assert name in doc


NAME = "Siti Nurhaliza Sintetis"


def _raw(table: str, column: str, row_id: int) -> Any:
    with connection.cursor() as cur:
        cur.execute(f"SELECT {connection.ops.quote_name(column)} FROM {connection.ops.quote_name(table)} WHERE id = %s", [row_id])  # noqa: S608
        return cur.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_seal_migration_seals_existing_rows_and_reverses(demo: dict[str, Any]) -> None:
    """Rows written while the columns were clear are sealed by the migration, read back through
    the model, and opened again by the reverse migration."""
    before = [("coordination", "0002_initial")]
    after = [("coordination", "0004_sealed_text")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    tf_model = old.get_model("coordination", "TaskForce")
    org = demo["org"]["dinas.hss"]
    tf = tf_model.objects.create(name="Gugus Tugas Uji", organisation_id=org.id, kind="tppo", level="kabupaten")
    meeting = old.get_model("coordination", "Meeting").objects.create(
        task_force_id=tf.id, date=dt.date(2026, 1, 5), agenda=f"Kasus {NAME}", minutes=f"Notulen tentang {NAME}"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    raw_minutes = _raw("coordination_meeting", "minutes", meeting.id)
    assert NAME not in raw_minutes and NAME not in _raw("coordination_meeting", "agenda", meeting.id)

    from simpul.coordination.models import Meeting

    live = Meeting.objects.get(id=meeting.id)
    assert isinstance(live.uid, uuid.UUID)
    assert live.agenda == f"Kasus {NAME}" and live.minutes == f"Notulen tentang {NAME}"

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    assert _raw("coordination_meeting", "minutes", meeting.id) == f"Notulen tentang {NAME}"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
