"""E-mail due task reminders (run daily, e.g. from cron or the task worker)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from simpul.cases.services import send_task_reminders


class Command(BaseCommand):
    help = "Kirim pengingat tugas kasus yang jatuh tempo (sekali sehari per tugas)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = dt.date.fromisoformat(options["date"]) if options.get("date") else None
        sent = send_task_reminders(today=today)
        self.stdout.write(f"{sent} pengingat terkirim")
