"""Make, list and revoke API tokens from the command line (for service accounts and support)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from trithuc.accounts.models import User
from trithuc.api import selectors, services
from trithuc.api.models import ApiToken


class Command(BaseCommand):
    help = "Quản lý khóa API: create (tạo, in khóa một lần), list (liệt kê), revoke (thu hồi)."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Tạo khóa cho một người dùng")
        create.add_argument("--user", required=True, help="Tên đăng nhập")
        create.add_argument("--name", required=True, help="Tên gợi nhớ của khóa")
        create.add_argument("--days", type=int, default=None, help="Thời hạn (ngày)")
        listing = sub.add_parser("list", help="Liệt kê khóa của một người dùng")
        listing.add_argument("--user", required=True, help="Tên đăng nhập")
        revoke = sub.add_parser("revoke", help="Thu hồi một khóa theo tiền tố")
        revoke.add_argument("prefix", help="Tiền tố của khóa (8 ký tự sau «tt_»)")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _user(self, username: str) -> User:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"Không có người dùng «{username}».") from exc

    def _create(self, options: dict[str, Any]) -> None:
        user = self._user(options["user"])
        try:
            token, secret = services.token_create(
                actor=None, user=user, name=options["name"], days=options["days"]
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"Khóa «{token.name}» của {user.username}, hết hạn {token.expires_at:%d/%m/%Y}:"
        )
        self.stdout.write(secret)

    def _list(self, options: dict[str, Any]) -> None:
        for token in selectors.token_list(user=self._user(options["user"])):
            state = (
                "thu hồi" if token.is_revoked else "hết hạn" if token.is_expired else "đang dùng"
            )
            self.stdout.write(
                f"tt_{token.prefix}_…  {token.name}  hết hạn {token.expires_at:%d/%m/%Y}  {state}"
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        prefix = options["prefix"].removeprefix("tt_").split("_")[0]
        token = ApiToken.objects.filter(prefix=prefix).first()
        if token is None:
            raise CommandError(f"Không có khóa tiền tố «{prefix}».")
        services.token_revoke(actor=None, token=token)
        self.stdout.write(f"Đã thu hồi khóa «{token.name}» của {token.user.username}.")
