from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from simpul.accounts.models import User
from simpul.api.tokens import token_create


class Command(BaseCommand):
    help = "Token API: simpul token create --user U --scopes intake:create,cases:read --days 90"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("--user", required=True)
        parser.add_argument("--scopes", required=True, help="dipisah koma")
        parser.add_argument("--days", type=int, default=90)
        parser.add_argument("--name", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        user = User.objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError(f"Pengguna {opts['user']!r} tidak ada.")
        scopes = [s.strip() for s in opts["scopes"].split(",") if s.strip()]
        try:
            token, raw = token_create(user=user, scopes=scopes, days=opts["days"], name=opts["name"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stderr.write(f"Token {token.prefix} untuk {user.username}, cakupan {', '.join(token.scopes)}, berlaku sampai {token.expires_at:%Y-%m-%d}.")
        self.stderr.write("Simpan sekarang: token ini tidak akan ditampilkan lagi.")
        self.stdout.write(raw)
