"""The OpenAPI schema: the committed docs/openapi.json is the one the server serves, every
operation and field is described in Vietnamese, and the documentation page loads nothing from
outside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trithuc.api.management.commands.api_schema import schema_text

COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@pytest.mark.django_db
def test_committed_schema_is_the_served_one(client):
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert served.json() == committed, (
        "docs/openapi.json khác lược đồ API đang phục vụ: chạy "
        "`trithuc api_schema -o docs/openapi.json` rồi commit."
    )
    assert COMMITTED.read_text(encoding="utf-8") == schema_text()


def _is_vietnamese(text: str | None) -> bool:
    return bool(text) and bool(VIETNAMESE & set(text.lower()))


def test_every_operation_is_described_in_vietnamese():
    schema = json.loads(schema_text())
    undescribed = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not (
            _is_vietnamese(operation.get("summary"))
            and _is_vietnamese(operation.get("description"))
        )
    ]
    assert not undescribed


def test_every_parameter_and_field_is_described_in_vietnamese():
    schema = json.loads(schema_text())
    missing = [
        f"{path} {parameter['name']}"
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if not _is_vietnamese(parameter.get("description"))
    ]
    for name, component in schema["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            if not _is_vietnamese(spec.get("description")):
                missing.append(f"{name}.{field}")
    assert not missing


@pytest.mark.django_db
def test_documentation_page_loads_only_local_files(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in page.text
