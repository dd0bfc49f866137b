"""The reference org structure: Hậu Giang as the program found it in 2023, and the 2025 reorganisation.

Administrative units (districts, communes, wards) and the mapping of 2023 communes onto the wards of
1 July 2025 come from ``vietnamadminunits`` (its legacy 63-province table and its 2025 converter
data), read at load time. Agencies are listed here. Every event carries its legal basis; where a
local decision could not be checked against the original, the event's note says so and an
administrator corrects it in the admin (the change is kept in history).

Codes: ``HG`` and ``HG.*`` are Hậu Giang units (ended 1 July 2025), ``CT`` and ``CT.*`` the units
of thành phố Cần Thơ after the merger. Communes and wards are ``<province>.X<official code>``,
districts ``HG.H<official code>``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import vietnamadminunits
from django.db import transaction

from .choices import OrgUnitEventKind, OrgUnitKind
from .models import OrgUnit, OrgUnitEvent
from .services import orgunit_create, orgunit_record_event

HAU_GIANG = "HG"
CAN_THO = "CT"
HG_PARTY_COMMITTEE = "HG.TU"
HG_PROPAGANDA = "HG.BTG"
CT_PARTY_COMMITTEE = "CT.TU"
CT_PROPAGANDA = "CT.BTGDV"
CT_HOME_AFFAIRS = "CT.SNV"
CT_SCIENCE = "CT.SKHCN"

REORGANISATION_DAY = dt.date(2025, 7, 1)
# The provincial commissions and departments were merged in the spring of 2025, before the provinces.
DEPARTMENT_MERGER_DAY = dt.date(2025, 3, 1)

CHECK_ORIGINAL = "Cần đối chiếu văn bản gốc (số, ngày) và cập nhật nếu khác."
BASIS_HG_FOUNDED = "Nghị quyết số 22/2003/QH11 ngày 26/11/2003 của Quốc hội"
BASIS_PROVINCES = "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh"
BASIS_DISTRICT_LEVEL = (
    "Nghị quyết số 203/2025/QH15 ngày 16/6/2025 sửa đổi, bổ sung một số điều của Hiến pháp; "
    "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
)
BASIS_COMMUNES = (
    "Nghị quyết số 1668/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về việc sắp xếp "
    "các đơn vị hành chính cấp xã của thành phố Cần Thơ năm 2025"
)
BASIS_PARTY_MERGER = (
    "Quyết định của Bộ Chính trị về việc thành lập Đảng bộ thành phố Cần Thơ (2025)"
)
BASIS_COMMISSIONS = (
    "Kết luận số 121-KL/TW ngày 24/01/2025; quyết định của Ban Thường vụ Tỉnh ủy Hậu Giang"
)
BASIS_DEPARTMENTS = (
    "Nghị định số 45/2025/NĐ-CP; nghị quyết của HĐND tỉnh Hậu Giang về tổ chức các sở"
)


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    kind: str
    parent: str
    symbol: str = ""
    short_name: str = ""


K = OrgUnitKind

# The bodies the program names (lead, support, recipients) and those that keep the records.
HG_AGENCIES = [
    Agency("HG.TU", "Tỉnh ủy Hậu Giang", K.PARTY_COMMITTEE, "HG", "TU", "Tỉnh ủy"),
    Agency("HG.VPTU", "Văn phòng Tỉnh ủy Hậu Giang", K.PARTY_COMMISSION, "HG.TU", "VPTU"),
    Agency("HG.BTG", "Ban Tuyên giáo Tỉnh ủy Hậu Giang", K.PARTY_COMMISSION, "HG.TU", "BTGTU"),
    Agency("HG.BDV", "Ban Dân vận Tỉnh ủy Hậu Giang", K.PARTY_COMMISSION, "HG.TU", "BDVTU"),
    Agency("HG.BTC", "Ban Tổ chức Tỉnh ủy Hậu Giang", K.PARTY_COMMISSION, "HG.TU", "BTCTU"),
    Agency("HG.UBKT", "Ủy ban Kiểm tra Tỉnh ủy Hậu Giang", K.PARTY_COMMISSION, "HG.TU", "UBKTTU"),
    Agency(
        "HG.BCSD.UBND",
        "Ban cán sự đảng Ủy ban nhân dân tỉnh Hậu Giang",
        K.PARTY_COMMITTEE,
        "HG.TU",
        "BCSĐ",
    ),
    Agency(
        "HG.DD.HDND", "Đảng đoàn Hội đồng nhân dân tỉnh Hậu Giang", K.PARTY_COMMITTEE, "HG.TU", "ĐĐ"
    ),
    Agency("HG.TCT", "Trường Chính trị tỉnh Hậu Giang", K.PUBLIC_SERVICE, "HG.TU", "TCT"),
    Agency("HG.HDND", "Hội đồng nhân dân tỉnh Hậu Giang", K.PEOPLES_COUNCIL, "HG", "HĐND"),
    Agency("HG.UBND", "Ủy ban nhân dân tỉnh Hậu Giang", K.PEOPLES_COMMITTEE, "HG", "UBND"),
    Agency("HG.SNV", "Sở Nội vụ tỉnh Hậu Giang", K.DEPARTMENT, "HG.UBND", "SNV"),
    Agency("HG.SKHCN", "Sở Khoa học và Công nghệ tỉnh Hậu Giang", K.DEPARTMENT, "HG.UBND", "SKHCN"),
    Agency("HG.STTTT", "Sở Thông tin và Truyền thông tỉnh Hậu Giang", K.DEPARTMENT, "HG.UBND"),
    Agency("HG.SGDDT", "Sở Giáo dục và Đào tạo tỉnh Hậu Giang", K.DEPARTMENT, "HG.UBND", "SGDĐT"),
    Agency("HG.SYT", "Sở Y tế tỉnh Hậu Giang", K.DEPARTMENT, "HG.UBND", "SYT"),
    Agency("HG.STC", "Sở Tài chính tỉnh Hậu Giang", K.DEPARTMENT, "HG.UBND", "STC"),
    Agency("HG.SKHDT", "Sở Kế hoạch và Đầu tư tỉnh Hậu Giang", K.DEPARTMENT, "HG.UBND"),
    Agency(
        "HG.SNNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Hậu Giang",
        K.DEPARTMENT,
        "HG.UBND",
    ),
    Agency("HG.STNMT", "Sở Tài nguyên và Môi trường tỉnh Hậu Giang", K.DEPARTMENT, "HG.UBND"),
    Agency("HG.SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch tỉnh Hậu Giang", K.DEPARTMENT, "HG.UBND"),
    Agency("HG.BVDK", "Bệnh viện Đa khoa tỉnh Hậu Giang", K.PUBLIC_SERVICE, "HG.SYT"),
    Agency("HG.MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hậu Giang", K.FRONT, "HG", "MTTQ"),
    Agency("HG.TD", "Tỉnh Đoàn Hậu Giang", K.MASS_ORGANISATION, "HG"),
    Agency("HG.HLHPN", "Hội Liên hiệp Phụ nữ tỉnh Hậu Giang", K.MASS_ORGANISATION, "HG"),
    Agency("HG.HND", "Hội Nông dân tỉnh Hậu Giang", K.MASS_ORGANISATION, "HG"),
    Agency("HG.LDLD", "Liên đoàn Lao động tỉnh Hậu Giang", K.MASS_ORGANISATION, "HG"),
    Agency("HG.HCCB", "Hội Cựu chiến binh tỉnh Hậu Giang", K.MASS_ORGANISATION, "HG"),
    Agency("HG.LHH", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Hậu Giang", K.ASSOCIATION, "HG"),
    Agency("HG.HVHNT", "Hội Văn học Nghệ thuật tỉnh Hậu Giang", K.ASSOCIATION, "HG"),
    Agency("HG.HDNT", "Hội Doanh nhân trẻ tỉnh Hậu Giang", K.ASSOCIATION, "HG"),
    Agency("HG.HHDN", "Hiệp hội Doanh nghiệp tỉnh Hậu Giang", K.ASSOCIATION, "HG"),
]

CT_AGENCIES = [
    Agency("CT.TU", "Thành ủy Cần Thơ", K.PARTY_COMMITTEE, "CT", "TU", "Thành ủy"),
    Agency("CT.VPTU", "Văn phòng Thành ủy Cần Thơ", K.PARTY_COMMISSION, "CT.TU", "VPTU"),
    Agency(
        "CT.BTGDV",
        "Ban Tuyên giáo và Dân vận Thành ủy Cần Thơ",
        K.PARTY_COMMISSION,
        "CT.TU",
        "BTGDVTU",
    ),
    Agency("CT.BTC", "Ban Tổ chức Thành ủy Cần Thơ", K.PARTY_COMMISSION, "CT.TU", "BTCTU"),
    Agency("CT.UBKT", "Ủy ban Kiểm tra Thành ủy Cần Thơ", K.PARTY_COMMISSION, "CT.TU", "UBKTTU"),
    Agency(
        "CT.DU.UBND", "Đảng ủy Ủy ban nhân dân thành phố Cần Thơ", K.PARTY_COMMITTEE, "CT.TU", "ĐU"
    ),
    Agency("CT.DU.HDND", "Đảng ủy Hội đồng nhân dân thành phố Cần Thơ", K.PARTY_COMMITTEE, "CT.TU"),
    Agency("CT.TCT", "Trường Chính trị thành phố Cần Thơ", K.PUBLIC_SERVICE, "CT.TU", "TCT"),
    Agency("CT.HDND", "Hội đồng nhân dân thành phố Cần Thơ", K.PEOPLES_COUNCIL, "CT", "HĐND"),
    Agency("CT.UBND", "Ủy ban nhân dân thành phố Cần Thơ", K.PEOPLES_COMMITTEE, "CT", "UBND"),
    Agency("CT.SNV", "Sở Nội vụ thành phố Cần Thơ", K.DEPARTMENT, "CT.UBND", "SNV"),
    Agency(
        "CT.SKHCN", "Sở Khoa học và Công nghệ thành phố Cần Thơ", K.DEPARTMENT, "CT.UBND", "SKHCN"
    ),
    Agency(
        "CT.SGDDT", "Sở Giáo dục và Đào tạo thành phố Cần Thơ", K.DEPARTMENT, "CT.UBND", "SGDĐT"
    ),
    Agency("CT.SYT", "Sở Y tế thành phố Cần Thơ", K.DEPARTMENT, "CT.UBND", "SYT"),
    Agency("CT.STC", "Sở Tài chính thành phố Cần Thơ", K.DEPARTMENT, "CT.UBND", "STC"),
    Agency("CT.SNNMT", "Sở Nông nghiệp và Môi trường thành phố Cần Thơ", K.DEPARTMENT, "CT.UBND"),
    Agency(
        "CT.SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ",
        K.DEPARTMENT,
        "CT.UBND",
    ),
    Agency("CT.BVDKHG", "Bệnh viện Đa khoa Hậu Giang", K.PUBLIC_SERVICE, "CT.SYT"),
    Agency("CT.MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ", K.FRONT, "CT", "MTTQ"),
    Agency("CT.TD", "Thành Đoàn Cần Thơ", K.MASS_ORGANISATION, "CT.MTTQ"),
    Agency("CT.HLHPN", "Hội Liên hiệp Phụ nữ thành phố Cần Thơ", K.MASS_ORGANISATION, "CT.MTTQ"),
    Agency("CT.HND", "Hội Nông dân thành phố Cần Thơ", K.MASS_ORGANISATION, "CT.MTTQ"),
    Agency("CT.LDLD", "Liên đoàn Lao động thành phố Cần Thơ", K.MASS_ORGANISATION, "CT.MTTQ"),
    Agency("CT.HCCB", "Hội Cựu chiến binh thành phố Cần Thơ", K.MASS_ORGANISATION, "CT.MTTQ"),
    Agency(
        "CT.LHH",
        "Liên hiệp các Hội Khoa học và Kỹ thuật thành phố Cần Thơ",
        K.ASSOCIATION,
        "CT",
    ),
    Agency("CT.HVHNT", "Hội Văn học Nghệ thuật thành phố Cần Thơ", K.ASSOCIATION, "CT"),
    Agency("CT.HDNT", "Hội Doanh nhân trẻ thành phố Cần Thơ", K.ASSOCIATION, "CT"),
    Agency("CT.HHDN", "Hiệp hội Doanh nghiệp thành phố Cần Thơ", K.ASSOCIATION, "CT"),
]

# Spring 2025, inside Hậu Giang: (units before, unit after, legal basis). The merged commission
# did not exist in 2023, so it is created by the merge itself.
HG_BTGDV = Agency(
    "HG.BTGDV",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy Hậu Giang",
    K.PARTY_COMMISSION,
    "HG.TU",
    "BTGDVTU",
)
HG_SPRING_MERGERS = [
    (["HG.BTG", "HG.BDV"], "HG.BTGDV", BASIS_COMMISSIONS),
    (["HG.SKHDT"], "HG.STC", BASIS_DEPARTMENTS),
    (["HG.STTTT"], "HG.SKHCN", BASIS_DEPARTMENTS),
]
# 1 July 2025: each Hậu Giang agency continues in its Cần Thơ counterpart.
HG_INTO_CT = {
    "HG.TU": "CT.TU",
    "HG.VPTU": "CT.VPTU",
    "HG.BTGDV": "CT.BTGDV",
    "HG.BTC": "CT.BTC",
    "HG.UBKT": "CT.UBKT",
    "HG.BCSD.UBND": "CT.DU.UBND",
    "HG.DD.HDND": "CT.DU.HDND",
    "HG.TCT": "CT.TCT",
    "HG.HDND": "CT.HDND",
    "HG.UBND": "CT.UBND",
    "HG.SNV": "CT.SNV",
    "HG.SKHCN": "CT.SKHCN",
    "HG.SGDDT": "CT.SGDDT",
    "HG.SYT": "CT.SYT",
    "HG.STC": "CT.STC",
    "HG.SNNPTNT": "CT.SNNMT",
    "HG.STNMT": "CT.SNNMT",
    "HG.SVHTTDL": "CT.SVHTTDL",
    "HG.BVDK": "CT.BVDKHG",
    "HG.MTTQ": "CT.MTTQ",
    "HG.TD": "CT.TD",
    "HG.HLHPN": "CT.HLHPN",
    "HG.HND": "CT.HND",
    "HG.LDLD": "CT.LDLD",
    "HG.HCCB": "CT.HCCB",
    "HG.LHH": "CT.LHH",
    "HG.HVHNT": "CT.HVHNT",
    "HG.HDNT": "CT.HDNT",
    "HG.HHDN": "CT.HHDN",
}


@dataclass(frozen=True)
class AdminUnitRow:
    key: str
    name: str
    admin_code: str


@dataclass
class AdminData:
    hg_districts: list[AdminUnitRow]
    hg_communes: dict[str, list[AdminUnitRow]]  # district key → communes
    ct_wards: list[AdminUnitRow]
    merged_into: dict[str, list[str]]  # new ward key → old commune keys wholly merged into it
    split_into: dict[str, list[str]]  # old commune key → new ward keys sharing it


def admin_data() -> AdminData:
    """Hậu Giang's districts and communes of 2023, Cần Thơ's wards of 2025 and the mapping."""
    root = Path(vietnamadminunits.__file__).parent / "data"
    with sqlite3.connect(f"file:{root / 'dataset.db'}?mode=ro", uri=True) as conn:
        legacy = conn.execute(
            "SELECT DISTINCT districtKey, district, districtCode, wardKey, ward, wardCode "
            "FROM admin_units_legacy WHERE provinceKey = 'tinhhaugiang' ORDER BY wardCode"
        ).fetchall()
        wards = conn.execute(
            "SELECT DISTINCT wardKey, ward, wardCode FROM admin_units "
            "WHERE provinceKey = 'thanhphocantho' ORDER BY wardCode"
        ).fetchall()
    districts: dict[str, AdminUnitRow] = {}
    communes: dict[str, list[AdminUnitRow]] = defaultdict(list)
    for d_key, d_name, d_code, w_key, w_name, w_code in legacy:
        districts.setdefault(d_key, AdminUnitRow(d_key, d_name, d_code))
        communes[d_key].append(AdminUnitRow(f"tinhhaugiang_{d_key}_{w_key}", w_name, w_code))
    converter = json.loads((root / "converter_2025.json").read_text(encoding="utf-8"))
    whole = converter["DICT_PROVINCE_WARD_NO_DIVIDED"]["thanhphocantho"]
    divided = converter["DICT_PROVINCE_WARD_DIVIDED"].get("thanhphocantho", {})
    return AdminData(
        hg_districts=sorted(districts.values(), key=lambda d: d.admin_code),
        hg_communes=communes,
        ct_wards=[AdminUnitRow(key, name, code) for key, name, code in wards],
        merged_into={
            new: [old for old in olds if old.startswith("tinhhaugiang_")]
            for new, olds in whole.items()
        },
        split_into={
            old: [part["newWardKey"] for part in parts]
            for old, parts in divided.items()
            if old.startswith("tinhhaugiang_")
        },
    )


@dataclass
class LoadSummary:
    units: int
    events: int


class _Loader:
    """Creates what is missing, by code for units and by (kind, date, units) for events."""

    def __init__(self, progress: Callable[[str], object] | None) -> None:
        self.units = {u.code: u for u in OrgUnit.objects.all()}
        self.events = {
            self._key(
                e.kind,
                e.date,
                [u.code for u in e.units_before.all()],
                [u.code for u in e.units_after.all()],
            )
            for e in OrgUnitEvent.objects.prefetch_related("units_before", "units_after")
        }
        self.progress = progress or (lambda _: None)

    @staticmethod
    def _key(kind: str, date: dt.date, before: list[str], after: list[str]) -> tuple:
        return (kind, date, tuple(sorted(before)), tuple(sorted(after)))

    def unit(self, code: str, name: str, kind: str, parent: str | None = None, **extra) -> OrgUnit:
        if code not in self.units:
            self.units[code] = orgunit_create(
                code=code,
                name=name,
                kind=kind,
                parent=self.units[parent] if parent else None,
                **extra,
            )
        return self.units[code]

    def agency(self, agency: Agency, **extra) -> OrgUnit:
        return self.unit(
            agency.code,
            agency.name,
            agency.kind,
            agency.parent,
            symbol=agency.symbol,
            short_name=agency.short_name,
            **extra,
        )

    def event(
        self,
        kind: str,
        date: dt.date,
        basis: str,
        before: list[str] = (),  # type: ignore[assignment]
        after: list[str] = (),  # type: ignore[assignment]
        note: str = "",
    ) -> None:
        key = self._key(kind, date, list(before), list(after))
        if key in self.events:
            return
        orgunit_record_event(
            kind=kind,
            date=date,
            legal_basis=basis,
            units_before=[self.units[c] for c in before],
            units_after=[self.units[c] for c in after],
            note=note,
        )
        self.events.add(key)


def _load_hau_giang(loader: _Loader, data: AdminData) -> None:
    loader.unit(
        HAU_GIANG, "Tỉnh Hậu Giang", K.PROVINCE, admin_code="93", valid_from=dt.date(2004, 1, 1)
    )
    loader.event(OrgUnitEventKind.FOUNDED, dt.date(2004, 1, 1), BASIS_HG_FOUNDED, after=["HG"])
    for agency in HG_AGENCIES:
        loader.agency(agency)
    for district in data.hg_districts:
        code = f"HG.H{district.admin_code}"
        loader.unit(code, district.name, K.DISTRICT, HAU_GIANG, admin_code=district.admin_code)
        for commune in data.hg_communes[district.key]:
            loader.unit(
                f"HG.X{commune.admin_code}",
                commune.name,
                K.COMMUNE,
                code,
                admin_code=commune.admin_code,
            )
    loader.progress(f"Hậu Giang 2023: {len(loader.units)} đơn vị")


def _load_spring_2025(loader: _Loader) -> None:
    if HG_BTGDV.code not in loader.units:
        loader.agency(HG_BTGDV, valid_from=DEPARTMENT_MERGER_DAY)
    for before, after, basis in HG_SPRING_MERGERS:
        loader.event(
            OrgUnitEventKind.MERGED,
            DEPARTMENT_MERGER_DAY,
            basis,
            before,
            [after],
            note=CHECK_ORIGINAL,
        )


def _load_can_tho(loader: _Loader, data: AdminData) -> None:
    loader.unit(
        CAN_THO, "Thành phố Cần Thơ", K.PROVINCE, admin_code="92", valid_from=REORGANISATION_DAY
    )
    for agency in CT_AGENCIES:
        loader.agency(agency, valid_from=REORGANISATION_DAY)
    for ward in data.ct_wards:
        loader.unit(
            f"CT.X{ward.admin_code}",
            ward.name,
            K.COMMUNE,
            CAN_THO,
            admin_code=ward.admin_code,
            valid_from=REORGANISATION_DAY,
        )
    loader.progress(f"Cần Thơ 2025: {len(loader.units)} đơn vị")


def _load_reorganisation(loader: _Loader, data: AdminData) -> None:
    day = REORGANISATION_DAY
    code_of_hg = {
        commune.key: f"HG.X{commune.admin_code}"
        for communes in data.hg_communes.values()
        for commune in communes
    }
    code_of_ct = {ward.key: f"CT.X{ward.admin_code}" for ward in data.ct_wards}
    for old, new_keys in sorted(data.split_into.items()):
        after = [code_of_ct[key] for key in new_keys]
        loader.event(OrgUnitEventKind.SPLIT, day, BASIS_COMMUNES, [code_of_hg[old]], after)
    for new, olds in sorted(data.merged_into.items()):
        if olds:
            before = [code_of_hg[key] for key in olds]
            loader.event(OrgUnitEventKind.MERGED, day, BASIS_COMMUNES, before, [code_of_ct[new]])
    for district in data.hg_districts:
        loader.event(
            OrgUnitEventKind.DISSOLVED, day, BASIS_DISTRICT_LEVEL, [f"HG.H{district.admin_code}"]
        )
    by_successor: dict[str, list[str]] = defaultdict(list)
    for old, new in HG_INTO_CT.items():
        by_successor[new].append(old)
    for new, olds in by_successor.items():
        basis = BASIS_PARTY_MERGER if loader.units[new].kind in _PARTY_KINDS else BASIS_PROVINCES
        loader.event(OrgUnitEventKind.MERGED, day, basis, sorted(olds), [new], note=CHECK_ORIGINAL)
    loader.event(OrgUnitEventKind.MERGED, day, BASIS_PROVINCES, [HAU_GIANG], [CAN_THO])


_PARTY_KINDS = {K.PARTY_COMMITTEE, K.PARTY_COMMISSION}


@transaction.atomic
def structure_load(*, progress: Callable[[str], object] | None = None) -> LoadSummary:
    """Load (or complete) the reference structure. Running it again changes nothing."""
    data = admin_data()
    loader = _Loader(progress)
    _load_hau_giang(loader, data)
    _load_spring_2025(loader)
    _load_can_tho(loader, data)
    _load_reorganisation(loader, data)
    return LoadSummary(units=OrgUnit.objects.count(), events=OrgUnitEvent.objects.count())
