"""Input text PostgreSQL cannot store is refused up front with a 422: a NUL character, or a lone
UTF-16 surrogate from a JSON escape. SQLite keeps both, so without this check the same request
would pass on one database and fail with a server error on the other."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.errors import ValidationError as InputError
from ninja.parser import Parser


def _unstorable(value: Any, loc: tuple[Any, ...]) -> list[dict[str, Any]]:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return [{"loc": loc, "type": "unstorable_text", "msg": "surrogate"}]
        return [{"loc": loc, "type": "unstorable_text", "msg": "nul"}] if "\x00" in value else []
    if isinstance(value, dict):
        return [
            e for k, v in value.items() for e in _unstorable(k, loc) + _unstorable(v, (*loc, k))
        ]
    if isinstance(value, list):
        return [e for i, v in enumerate(value) for e in _unstorable(v, (*loc, i))]
    return []


class StorableTextParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        data = super().parse_body(request)
        if errors := _unstorable(data, ("body",)):
            raise InputError(errors)
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> Any:
        result = super().parse_querydict(data, list_fields, request)
        if errors := _unstorable(result, ("query",)):
            raise InputError(errors)
        return result
