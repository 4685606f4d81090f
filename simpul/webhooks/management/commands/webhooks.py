"""`simpul webhooks retry`: attempt every outbound webhook delivery whose retry time has come."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Webhook keluar: `retry` mengirim ulang kiriman yang sudah waktunya."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["retry"])

    def handle(self, *args: Any, **options: Any) -> None:
        from simpul.webhooks import services

        n = services.retry_due()
        self.stdout.write(f"{n}")
