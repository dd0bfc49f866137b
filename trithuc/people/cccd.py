"""Căn cước công dân numbers: checked, encrypted at rest, found by a keyed hash, shown masked.

A CCCD has 12 digits and no check digit: a 3-digit province-of-birth code, one digit that gives the
century of birth and the gender, the last two digits of the birth year, then six serial digits.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

# Province codes of Thông tư 07/2016/TT-BCA (the 63 provinces of the time; numbers issued before the
# 2025 merger keep them).
PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)


@dataclass(frozen=True)
class CccdProblem:
    message: str


def normalize_cccd(raw: str) -> str:
    return "".join(ch for ch in str(raw or "") if not ch.isspace() and ch not in ".-")


def cccd_problems(
    number: str, *, gender: str | None = None, birth_year: int | None = None
) -> list[str]:
    """Vietnamese explanations of what is wrong with ``number``; empty when it is well formed."""
    if len(number) != 12 or not number.isdigit():
        return [f"Số CCCD «{number}» phải gồm đúng 12 chữ số."]
    problems = []
    if number[:3] not in PROVINCE_CODES:
        problems.append(f"Ba chữ số đầu «{number[:3]}» không phải mã tỉnh nơi đăng ký khai sinh.")
    century_digit = int(number[3])
    century_start = 1900 + (century_digit // 2) * 100
    is_female = century_digit % 2 == 1
    if gender is not None and gender in ("male", "female") and is_female != (gender == "female"):
        expected = "nữ" if is_female else "nam"
        problems.append(
            f"Chữ số thứ 4 «{century_digit}» cho biết giới tính {expected}, không khớp giới tính đã khai."
        )
    if birth_year is not None:
        year_from_number = century_start + int(number[4:6])
        if year_from_number != birth_year:
            problems.append(
                f"Chữ số thứ 4–6 cho năm sinh {year_from_number}, không khớp năm sinh {birth_year}."
            )
    return problems


# Ciphertexts written since the import speed-up: AES-256-GCM, marked by this prefix (Fernet tokens
# are URL-safe base64 and never contain ":"). Fernet tokens stored before still decrypt.
_GCM_PREFIX = "g1:"
_GCM_NONCE_BYTES = 12


def _key_material() -> bytes:
    return hashlib.sha256(settings.CCCD_ENCRYPTION_KEY.encode()).digest()


@lru_cache(maxsize=1)
def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key_material()))


@lru_cache(maxsize=1)
def _aes_gcm() -> AESGCM:
    """The same secret (``CCCD_ENCRYPTION_KEY``), with a sub-key of its own for AES-GCM so that no
    key is shared between two algorithms."""
    key = hmac.new(_key_material(), b"trithuc cccd aes-256-gcm", hashlib.sha256).digest()
    return AESGCM(key)


def encrypt_cccd(number: str) -> str:
    """AES-256-GCM (authenticated) with a random 96-bit nonce: about five times cheaper than
    Fernet, which matters when a staff list of 100 000 people is imported."""
    nonce = os.urandom(_GCM_NONCE_BYTES)
    sealed = _aes_gcm().encrypt(nonce, number.encode(), None)
    return _GCM_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()


def decrypt_cccd(ciphertext: str) -> str:
    if not ciphertext:
        return ""
    if ciphertext.startswith(_GCM_PREFIX):
        raw = base64.urlsafe_b64decode(ciphertext[len(_GCM_PREFIX) :])
        nonce, sealed = raw[:_GCM_NONCE_BYTES], raw[_GCM_NONCE_BYTES:]
        return _aes_gcm().decrypt(nonce, sealed, None).decode()
    return _fernet().decrypt(ciphertext.encode()).decode()


def cccd_digest(number: str) -> str:
    """Keyed hash used to find a person by CCCD without decrypting every row."""
    keyed = _keyed_hash(settings.CCCD_HASH_KEY).copy()
    keyed.update(number.encode())
    return keyed.hexdigest()


@lru_cache(maxsize=4)
def _keyed_hash(key: str) -> hmac.HMAC:
    """HMAC-SHA256 with the key already set up (copied for each number: imports hash thousands)."""
    return hmac.new(key.encode(), digestmod=hashlib.sha256)


def mask_cccd(number: str) -> str:
    """Only the last three digits stay readable: '********1234'-style, as on printed lists."""
    return "*" * 9 + number[-3:] if number else ""
