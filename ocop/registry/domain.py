"""Pure rules of the registry: the OCOP product code and workforce consistency (no ORM)."""

from __future__ import annotations

import re

# QĐ 26/2026 Phụ lục II header: mã sản phẩm (T)-(X)-(STT)-(Năm), with QĐ 19/2025 unit codes.
OCOP_CODE_RE = re.compile(r"^(?P<province>\d{2})-(?P<commune>\d{5})-(?P<serial>\d{1,4})-(?P<year>\d{4})$")


def format_ocop_code(*, province_code: str, commune_code: str, serial: int, year: int) -> str:
    """Build the product code, e.g. ``format_ocop_code("68", "24823", 3, 2026) == "68-24823-003-2026"``."""
    if not (province_code.isdigit() and len(province_code) == 2):
        raise ValueError(f"Mã tỉnh phải có 2 chữ số: {province_code!r}")
    if not (commune_code.isdigit() and len(commune_code) == 5):
        raise ValueError(f"Mã xã phải có 5 chữ số: {commune_code!r}")
    if not 1 <= serial <= 9999:
        raise ValueError(f"Số thứ tự phải từ 1 đến 9999: {serial}")
    if not 2018 <= year <= 2100:
        raise ValueError(f"Năm không hợp lệ: {year}")
    return f"{province_code}-{commune_code}-{serial:03d}-{year}"


def parse_ocop_code(code: str) -> dict[str, str] | None:
    """Split a product code into its parts, or ``None`` when it is not in the legal shape."""
    match = OCOP_CODE_RE.match(code.strip())
    return match.groupdict() if match else None


def workforce_problems(*, total: int, local: int, trained: int) -> dict[str, str]:
    """Field → message for workforce numbers that cannot all be true at once."""
    problems: dict[str, str] = {}
    if local > total:
        problems["workforce_local"] = "Số lao động địa phương không được lớn hơn tổng số lao động."
    if trained > total:
        problems["workforce_trained"] = "Số lao động đã qua đào tạo không được lớn hơn tổng số lao động."
    return problems


def share(part: int, whole: int) -> float:
    """``part / whole`` as a fraction, 0 when ``whole`` is 0."""
    return part / whole if whole else 0.0
