"""Producers as they are named and registered: kinds, names, titles, registration codes, contacts.

Names follow the registered forms: "Hợp tác xã Nông nghiệp …", "Tổ hợp tác …", "Công ty TNHH …",
"Công ty Cổ phần …", "Trang trại …", "Hộ kinh doanh <chủ hộ>". Registration codes follow the shapes
of the real registers (they are made up): 10-digit enterprise and cooperative codes (the code is also
the tax code), household business certificates "<tỉnh><A–M>8<6 digits>", and cooperative groups,
which register with the commune, "THT-<mã xã>-<số>". The first two digits are the current GSO
province code; the real tax register numbers provinces its own way.
"""

from __future__ import annotations

import random
import re

from ocop.core.text import fold

# fmt: off
# Kind → share among OCOP producers (national reports: cooperatives ~38%, enterprises ~26%,
# households ~30%, cooperative groups and farms the rest).
KIND_SHARES: tuple[tuple[str, int], ...] = (
    ("htx", 38), ("doanh_nghiep", 26), ("ho_kinh_doanh", 28), ("tht", 5), ("trang_trai", 3),
)
# Enterprises are limited companies more often than joint-stock companies.
ENTERPRISE_FORMS: tuple[tuple[str, int], ...] = (
    ("Công ty TNHH", 55), ("Công ty TNHH MTV", 20), ("Công ty Cổ phần", 25),
)

TITLES: dict[str, tuple[str, ...]] = {
    "htx": ("Giám đốc", "Giám đốc", "Chủ tịch Hội đồng quản trị"),
    "tht": ("Tổ trưởng",),
    "doanh_nghiep": ("Giám đốc", "Giám đốc", "Tổng Giám đốc"),
    "trang_trai": ("Chủ trang trại",),
    "ho_kinh_doanh": ("Chủ hộ kinh doanh",),
}
JOINT_STOCK_TITLES = ("Tổng Giám đốc", "Chủ tịch Hội đồng quản trị", "Giám đốc")

# Share of producers led by a woman, by kind (OCOP reports put the national share near 40%).
FEMALE_SHARE: dict[str, float] = {
    "htx": 0.37, "tht": 0.48, "doanh_nghiep": 0.38, "trang_trai": 0.28, "ho_kinh_doanh": 0.46,
}
GREEN_SHARE: dict[str, float] = {
    "htx": 0.38, "tht": 0.30, "doanh_nghiep": 0.30, "trang_trai": 0.32, "ho_kinh_doanh": 0.22,
}
# Workforce (total) range by kind.
WORKFORCE: dict[str, tuple[int, int]] = {
    "htx": (7, 80), "tht": (5, 25), "doanh_nghiep": (5, 150), "trang_trai": (3, 30), "ho_kinh_doanh": (2, 15),
}

# Auspicious two-word brand names, as Vietnamese companies choose them.
BRANDS = (
    "Phúc Lộc", "An Khang", "Thịnh Phát", "Minh Long", "Tân Hưng", "Hoàng Gia", "Việt Xanh", "Nông Lâm",
    "Đại Ngàn", "Thiên Phú", "Hưng Thịnh", "An Phát", "Sơn Hà", "Tâm Việt", "Đất Việt", "Phú Gia",
    "Kim Ngân", "Bảo Minh", "Thành Đạt", "Hồng Phát", "Xanh Tươi", "Mộc Nhiên", "Trường Thịnh", "Vạn An",
    "Lộc Phát", "Nhật Minh", "Gia Bảo", "Quốc Thái", "Tín Nghĩa", "Hợp Lực", "Đồng Xanh",
    "Bình An", "Hải Đăng", "Tây Nguyên Xanh", "Miền Tây", "Sông Hồng", "Núi Rừng", "Phương Nam",
)
ENTERPRISE_TRADES = (
    "Thực phẩm", "Nông sản", "Sản xuất và Thương mại", "Thương mại và Dịch vụ", "Đầu tư Nông nghiệp",
    "Xuất nhập khẩu", "Công nghệ Thực phẩm",
)
COOPERATIVE_QUALIFIERS = ("", "", "", "Dịch vụ ", "Sản xuất và Kinh doanh ", "Hữu cơ ")

MOBILE_PREFIXES = (
    "090", "091", "093", "094", "096", "097", "098", "099",
    "032", "033", "034", "035", "036", "037", "038", "039",
)
EMAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "yahoo.com.vn", "outlook.com")
# fmt: on


def producer_name(
    rng: random.Random, *, kind: str, trade: str, place: str, rep_name: str, household_head_given: str
) -> tuple[str, str]:
    """A registered name for a producer, and its legal form for enterprises (else "")."""
    if kind == "htx":
        qualifier = rng.choice(COOPERATIVE_QUALIFIERS)
        return f"Hợp tác xã {qualifier}{trade} {place}", ""
    if kind == "tht":
        return f"Tổ hợp tác {trade.lower()} {place}", ""
    if kind == "doanh_nghiep":
        form = rng.choices([f[0] for f in ENTERPRISE_FORMS], weights=[f[1] for f in ENTERPRISE_FORMS])[0]
        style = rng.random()
        if style < 0.45:
            name = f"{form} {rng.choice(ENTERPRISE_TRADES)} {rng.choice(BRANDS)}"
        elif style < 0.75:
            name = f"{form} {trade} {place}"
        else:
            name = f"{form} {rng.choice(BRANDS)} {place}"
        return name, form
    if kind == "trang_trai":
        if rng.random() < 0.5:
            return f"Trang trại {trade.lower()} {household_head_given}", ""
        return f"Trang trại {rng.choice(BRANDS)} {place}", ""
    return f"Hộ kinh doanh {rep_name}", ""


def registration_code(
    rng: random.Random, *, kind: str, province_code: str, commune_code: str, serial: int
) -> str:
    """A registration code in the shape of the register the kind belongs to (see module docstring)."""
    if kind in {"htx", "doanh_nghiep"}:
        return f"{province_code}{rng.randrange(0, 10**8):08d}"
    if kind == "tht":
        return f"THT-{commune_code}-{serial:03d}"
    return f"{province_code}{rng.choice('ABCDEFGHKLM')}8{rng.randrange(0, 10**6):06d}"


def phone_number(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(0, 10**7):07d}"


def email_for(rng: random.Random, *, kind: str, name: str, rep_name: str) -> str:
    """A plausible ASCII address: the organisation's for companies and cooperatives, a person's for others."""
    domain = rng.choice(EMAIL_DOMAINS)
    if kind in {"htx", "doanh_nghiep", "tht"}:
        words = _ascii_words(name)
        stem = "".join(w[0] for w in words[:-2]) + "".join(words[-2:])
        if kind == "doanh_nghiep" and rng.random() < 0.4:
            return f"lienhe@{stem}.vn"
        return f"{stem}{rng.randrange(1, 99)}@{domain}"
    family, *rest = _ascii_words(rep_name)
    return f"{''.join(rest)}{family}{rng.randrange(60, 99)}@{domain}"


def _ascii_words(text: str) -> list[str]:
    return [w for w in (re.sub(r"[^a-z0-9]", "", word) for word in fold(text).split()) if w]


def ean13(rng: random.Random, *, company: int) -> str:
    """A GTIN-13 with Vietnam's GS1 prefix 893, a 5-digit company number and a valid check digit."""
    body = f"893{company % 100000:05d}{rng.randrange(0, 10000):04d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)
