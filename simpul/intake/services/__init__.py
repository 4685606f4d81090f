"""Every write of the intake module, one module per seam. Each service checks access,
validates, runs in one transaction, writes the audit event (ids and field names only) and the
report's timeline.

- ``submit``: reports from every channel; ``officer``: completing, triage, decisions;
  ``messages``: thread and PIN; ``webhook``: the messaging gateway; ``duty``: who is on
  duty, response clock, duty roster; shared helpers in ``common``.

This package re-exports the public names, so ``from simpul.intake import services`` keeps working.
"""

from simpul.intake.services.common import ENCRYPTED_FIELDS, OFFICER_ROLES, PLAIN_FIELDS, provisional_risk
from simpul.intake.services.duty import (
    on_duty_set,
    on_duty_users,
    response_policy_set,
)
from simpul.intake.services.messages import message_post_officer, message_post_public, pin_matches, pin_set
from simpul.intake.services.officer import (
    report_accept_as_case,
    report_attach_to_case,
    report_close,
    report_facts,
    report_merge,
    report_refer,
    report_triage,
    report_update,
)
from simpul.intake.services.submit import (
    PublicResult,
    report_api_create,
    report_field_submit,
    report_record,
    report_submit_public,
)
from simpul.intake.services.webhook import (
    WebhookRefused,
    webhook_payload,
    webhook_receive,
    webhook_signature,
    webhook_verify,
)

__all__ = [
    "ENCRYPTED_FIELDS",
    "OFFICER_ROLES",
    "PLAIN_FIELDS",
    "PublicResult",
    "WebhookRefused",
    "message_post_officer",
    "message_post_public",
    "on_duty_set",
    "on_duty_users",
    "pin_matches",
    "pin_set",
    "provisional_risk",
    "report_accept_as_case",
    "report_api_create",
    "report_attach_to_case",
    "report_close",
    "report_facts",
    "report_field_submit",
    "report_merge",
    "report_record",
    "report_refer",
    "report_submit_public",
    "report_triage",
    "report_update",
    "response_policy_set",
    "webhook_payload",
    "webhook_receive",
    "webhook_signature",
    "webhook_verify",
]
