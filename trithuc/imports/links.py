"""Links other apps' pages use to reach the import and export flow."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from trithuc.orgunits.models import OrgUnit


@dataclass(frozen=True)
class ExportLink:
    """A list page's «Xuất Excel»: the export of one spreadsheet kind (the import template's
    columns, so the file can be corrected and sent back), for the unit the list is filtered on
    or everything the user may see. The export asks the purpose first, as every export of
    personal data must."""

    kind: str
    unit: OrgUnit | None = None

    @property
    def url(self) -> str:
        url = reverse("imports:export", args=[self.kind])
        return f"{url}?{urlencode({'don_vi': self.unit.pk})}" if self.unit is not None else url
