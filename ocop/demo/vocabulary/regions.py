"""Regions of the 34 provinces (map of 01/07/2025) and who lives there: ethnic mix, village words.

Keys are GSO province codes of the current map. Each merged province carries the regions of the
provinces it absorbed (Lâm Đồng = Lâm Đồng + Đắk Nông + Bình Thuận: highlands and coast), so a
product typical of the old province can still turn up in the new one.
"""

from __future__ import annotations

# Regions (vùng kinh tế – xã hội), used to tag products with where they are typical.
TB = "TB"  # Trung du và miền núi phía Bắc
DBSH = "DBSH"  # Đồng bằng sông Hồng
BTB = "BTB"  # Bắc Trung Bộ
NTB = "NTB"  # Duyên hải Nam Trung Bộ
TN = "TN"  # Tây Nguyên
DNB = "DNB"  # Đông Nam Bộ
DBSCL = "DBSCL"  # Đồng bằng sông Cửu Long

SOUTHERN_REGIONS = frozenset({NTB, TN, DNB, DBSCL})

PROVINCE_REGIONS: dict[str, frozenset[str]] = {
    code: frozenset(regions)
    for code, regions in {
        "01": {DBSH},
        "04": {TB},
        "08": {TB},
        "11": {TB},
        "12": {TB},
        "14": {TB},
        "15": {TB},
        "19": {TB},
        "20": {TB},
        "22": {DBSH},
        "24": {DBSH, TB},
        "25": {TB, DBSH},
        "31": {DBSH},
        "33": {DBSH},
        "37": {DBSH},
        "38": {BTB},
        "40": {BTB},
        "42": {BTB},
        "44": {BTB},
        "46": {BTB},
        "48": {NTB},
        "51": {NTB, TN},
        "52": {TN, NTB},
        "56": {NTB},
        "66": {TN, NTB},
        "68": {TN, NTB},
        "75": {DNB},
        "79": {DNB},
        "80": {DNB, DBSCL},
        "82": {DBSCL},
        "86": {DBSCL},
        "91": {DBSCL},
        "92": {DBSCL},
        "96": {DBSCL},
    }.items()
}
DEFAULT_REGIONS = frozenset({DBSH})

# Highland provinces: more ethnic-minority-led producers, "bản"/"buôn"/"bon" villages.
HIGHLAND_PROVINCES = frozenset({"04", "08", "11", "12", "14", "15", "19", "20", "25", "51", "52", "66", "68"})

# fmt: off
# Share of producers led by a person of an ethnic minority, and which minorities, by province.
# Rough shapes from the 2019 census and the OCOP reports; OCOP favours highland producers.
ETHNIC_MIX: dict[str, tuple[float, tuple[tuple[str, int], ...]]] = {
    "01": (0.02, (("Mường", 3), ("Dao", 1), ("Tày", 1))),
    "04": (0.85, (("Tày", 40), ("Nùng", 30), ("H'Mông", 12), ("Dao", 10), ("Sán Chay", 2))),
    "08": (0.70, (("Tày", 30), ("H'Mông", 25), ("Dao", 15), ("Nùng", 8), ("Sán Chay", 5), ("Giáy", 3))),
    "11": (0.75, (("Thái", 45), ("H'Mông", 35), ("Khơ Mú", 6), ("Lào", 2))),
    "12": (0.80, (("Thái", 30), ("H'Mông", 35), ("Dao", 12), ("Hà Nhì", 5), ("Giáy", 4), ("Lự", 2))),
    "14": (0.75, (("Thái", 55), ("H'Mông", 20), ("Mường", 10), ("Dao", 4), ("Khơ Mú", 3))),
    "15": (0.60, (("H'Mông", 25), ("Tày", 20), ("Dao", 18), ("Thái", 12), ("Giáy", 4), ("Nùng", 4))),
    "19": (0.45, (("Tày", 40), ("Nùng", 15), ("Dao", 12), ("Sán Dìu", 6), ("H'Mông", 3))),
    "20": (0.80, (("Nùng", 45), ("Tày", 35), ("Dao", 6))),
    "22": (0.10, (("Dao", 5), ("Tày", 3), ("Sán Dìu", 2), ("Sán Chay", 1))),
    "24": (0.08, (("Nùng", 4), ("Tày", 3), ("Sán Chay", 2), ("Sán Dìu", 2), ("Hoa", 1))),
    "25": (0.25, (("Mường", 25), ("Dao", 3), ("Tày", 2), ("Sán Dìu", 1))),
    "31": (0.01, (("Hoa", 1),)),
    "33": (0.01, (("Hoa", 1),)),
    "37": (0.04, (("Mường", 1),)),
    "38": (0.15, (("Mường", 9), ("Thái", 8), ("Thổ", 1), ("H'Mông", 1))),
    "40": (0.14, (("Thái", 10), ("Khơ Mú", 2), ("H'Mông", 2), ("Thổ", 1))),
    "42": (0.01, (("Chứt", 1),)),
    "44": (0.08, (("Bru-Vân Kiều", 6), ("Pa Kô", 2), ("Chứt", 1))),
    "46": (0.06, (("Tà Ôi", 3), ("Cơ Tu", 2), ("Bru-Vân Kiều", 1))),
    "48": (0.07, (("Cơ Tu", 4), ("Xơ Đăng", 2), ("Giẻ Triêng", 1))),
    "51": (0.35, (("Xơ Đăng", 12), ("Hrê", 8), ("Ba Na", 6), ("Gia Rai", 3), ("Giẻ Triêng", 3), ("Co", 2))),
    "52": (0.30, (("Gia Rai", 20), ("Ba Na", 12))),
    "56": (0.14, (("Chăm", 7), ("Raglai", 6), ("Cơ Ho", 1))),
    "66": (0.25, (("Ê Đê", 15), ("M'Nông", 3), ("Nùng", 3), ("Tày", 2), ("Gia Rai", 2))),
    "68": (
        0.25,
        (("Cơ Ho", 10), ("M'Nông", 5), ("Mạ", 2), ("Chu Ru", 2), ("Ê Đê", 2), ("Nùng", 2), ("Chăm", 2)),
    ),
    "75": (0.07, (("Xtiêng", 4), ("Hoa", 2), ("Chơ Ro", 1), ("Nùng", 1))),
    "79": (0.03, (("Hoa", 1),)),
    "80": (0.02, (("Khmer", 1), ("Chăm", 1))),
    "82": (0.01, (("Khmer", 1), ("Hoa", 1))),
    "86": (0.12, (("Khmer", 1),)),
    "91": (0.10, (("Khmer", 6), ("Chăm", 1), ("Hoa", 1))),
    "92": (0.15, (("Khmer", 6), ("Hoa", 1))),
    "96": (0.05, (("Khmer", 3), ("Hoa", 1))),
}
DEFAULT_ETHNIC_MIX: tuple[float, tuple[tuple[str, int], ...]] = (0.02, (("Hoa", 1),))

# Words for a village, by region: "bản" in the north-west, "buôn"/"bon" in the Central Highlands,
# "ấp" in the south, "thôn"/"xóm" elsewhere; wards have "tổ dân phố" (north) or "khu phố" (south).
VILLAGE_WORDS: dict[str, tuple[str, ...]] = {
    TB: ("Thôn", "Thôn", "Bản", "Bản", "Xóm"),
    DBSH: ("Thôn", "Thôn", "Xóm"),
    BTB: ("Thôn", "Thôn", "Xóm", "Bản"),
    NTB: ("Thôn", "Thôn"),
    TN: ("Thôn", "Thôn", "Buôn", "Bon", "Tổ"),
    DNB: ("Ấp", "Ấp", "Tổ"),
    DBSCL: ("Ấp",),
}
VILLAGE_NAMES = (
    "Tân Lập", "Tân Tiến", "Thống Nhất", "Quyết Thắng", "Đoàn Kết", "Hòa Bình", "Phú Hòa", "Phú Thạnh",
    "An Bình", "An Hòa", "Mỹ Hòa", "Bình Minh", "Trung Tâm", "Đông", "Tây", "Nam", "Bắc", "Thượng",
    "Hạ", "Tiền Phong", "Tân Hưng", "Hưng Thịnh", "Long Hòa", "Thanh Bình", "Vĩnh Phú", "Tân Phú",
    "Đồng Tâm", "Tân Thành", "Phước Lợi", "Suối Cát",
)
MINORITY_VILLAGE_NAMES = (
    "Lác", "Pác Ngòi", "Nà Hang", "Cát Cát", "Tả Van", "Lao Chải", "Nà Phòn", "Chiềng Yên", "Hua Tát",
    "Ako Dhong", "Tơ Nhăm", "Kon K'Tu", "Đắk Rơ Wa", "Trí", "Bu Nor", "Đạ Nghịt", "Liêng Bông",
    "Kon Sơ Lag", "Plei Phun", "Đăk Răng", "Jun", "Xi Nê",
)
WARD_WORDS_NORTH = ("Tổ dân phố",)
WARD_WORDS_SOUTH = ("Khu phố", "Tổ dân phố")
# fmt: on
