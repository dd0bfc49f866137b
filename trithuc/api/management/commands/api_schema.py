"""Write the OpenAPI schema of /api/v1/ (what the server serves) to a file, for docs/openapi.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand


def schema_dict() -> dict[str, Any]:
    """The schema /api/v1/openapi.json serves."""
    from trithuc.api.main import api

    return dict(api.get_openapi_schema(path_prefix="/api/v1"))


def schema_text() -> str:
    """The served schema as stable, readable JSON (the committed file is compared with this)."""
    return json.dumps(schema_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Ghi lược đồ OpenAPI của API /api/v1/ ra tệp (mặc định in ra màn hình)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("-o", "--output", help="Tệp đích, ví dụ docs/openapi.json")

    def handle(self, *args: Any, **options: Any) -> None:
        text = schema_text()
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"Đã ghi lược đồ OpenAPI vào {options['output']}.")
        else:
            sys.stdout.write(text)
