"""Delivery status from the messaging gateway, signed like intake's inbound webhook
(docs/messaging.md)."""

import json

from django.http import HttpRequest, JsonResponse
from ninja import Router, Schema

from simpul.api.errors import ErrorOut
from simpul.intake import services as intake
from simpul.messaging import services

router = Router(tags=["pesan"])
API_PREFIX = "messaging"


class StatusOut(Schema):
    state: str


@router.post(
    "/webhook/status", auth=None, url_name="messaging_status", include_in_schema=True,
    response={200: StatusOut, 401: ErrorOut, 409: ErrorOut, 415: ErrorOut, 422: ErrorOut, 503: ErrorOut},
)
def delivery_status(request: HttpRequest) -> JsonResponse:
    """Status kirim dari gerbang: badan JSON `{"id": "<id pesan penyedia>", "status": "delivered"|"read"|"failed"}`;
    header `X-Simpul-Timestamp` dan `X-Simpul-Signature` sama seperti webhook pesan masuk. Status yang
    berulang atau terlambat tidak mengubah apa pun."""
    try:
        intake.webhook_verify(
            body=request.body,
            timestamp=request.headers.get("X-Simpul-Timestamp", ""),
            signature=request.headers.get("X-Simpul-Signature", ""),
        )
    except intake.WebhookRefused as exc:
        return JsonResponse({"message": str(exc)}, status=exc.status)
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return JsonResponse({"message": "body is not JSON"}, status=422)
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("status"), str):
        return JsonResponse({"message": "id and status are required"}, status=422)
    state = services.status_receipt(provider_message_id=data["id"][:128], status=data["status"][:32])
    return JsonResponse({"state": state}, status=200)
