"""Vietnamese personal names: Kinh family names by frequency, and the naming customs of the minorities.

``person_name(rng, ethnicity=..., gender=..., southern=...)`` returns a full name in the order it is
written (family name first). Kinh family names follow their census frequencies; Hoàng/Huỳnh and
Vũ/Võ follow the north/south split. Minority names follow each people's custom: "Y"/"H'" and the
clan name last for the Ê Đê, "K'"/"Ka" for the Cơ Ho, "A"/"Y" for the Xơ Đăng and Ba Na, middle
names "A"/"Seo" for H'Mông men, and so on. Names are NFC text.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

# fmt: off
# Kinh family names with their approximate share (per mille) of the population.
KINH_FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 71), ("Hoàng", 51), ("Phan", 45), ("Vũ", 39),
    ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10), ("Lý", 5),
    ("Đào", 5), ("Đoàn", 5), ("Trương", 5), ("Trịnh", 4), ("Mai", 4), ("Đinh", 4), ("Lương", 3),
    ("Lâm", 3), ("Cao", 3), ("Hà", 3), ("Tạ", 2), ("Châu", 2), ("Tô", 2), ("Thái", 2), ("Kiều", 1),
    ("Lại", 1), ("Quách", 1), ("Văn", 1), ("La", 1), ("Vương", 1), ("Tăng", 1),
)
# North/south variants of the same name (the south avoided "Hoàng" and "Vũ" under the Nguyễn lords).
SOUTHERN_VARIANTS = {"Hoàng": ("Huỳnh", 0.85), "Vũ": ("Võ", 0.85)}

KINH_MIDDLE_MALE: tuple[tuple[str, int], ...] = (
    ("Văn", 40), ("Đức", 8), ("Minh", 8), ("Quốc", 6), ("Hữu", 6), ("Công", 5), ("Thanh", 5), ("Ngọc", 4),
    ("Xuân", 4), ("Đình", 4), ("Quang", 4), ("Trọng", 3), ("Tiến", 3), ("Thành", 3), ("Anh", 2), ("Hoàng", 2),
)
KINH_MIDDLE_FEMALE: tuple[tuple[str, int], ...] = (
    ("Thị", 55), ("Ngọc", 7), ("Thu", 5), ("Thanh", 5), ("Kim", 5), ("Hồng", 4), ("Minh", 3), ("Phương", 3),
    ("Bích", 3), ("Mỹ", 3), ("Thùy", 3), ("Diệu", 2), ("Hoài", 2), ("Thị Thu", 3), ("Thị Ngọc", 3),
    ("Thị Hồng", 2), ("Thị Kim", 2),
)
KINH_GIVEN_MALE = (
    "Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Nam", "Sơn", "Thắng", "Long", "Cường", "Hưng", "Phúc", "Quang",
    "Trung", "Hiếu", "Tâm", "Toàn", "Thành", "Bình", "Khánh", "Lâm", "Hòa", "Tài", "Lộc", "Phong", "Đức",
    "Tiến", "Vinh", "Hậu", "Sang", "Tùng", "Kiên", "Việt", "Thịnh", "Đạt", "Huy", "Khoa", "Nhân", "Quý",
    "Thái", "Thuận", "Tín", "Lợi", "Phát", "Chiến", "Định", "An", "Bảo", "Chính", "Hoàng", "Luân", "Nghĩa",
)
KINH_GIVEN_FEMALE = (
    "Lan", "Hoa", "Hương", "Mai", "Hằng", "Hà", "Linh", "Trang", "Thảo", "Nga", "Loan", "Hạnh", "Nhung",
    "Yến", "Tuyết", "Hồng", "Thủy", "Dung", "Phượng", "Oanh", "Vân", "Huyền", "Ngọc", "Thu", "Liên", "Lý",
    "Nhàn", "Xuân", "Hiền", "Bích", "Diệu", "Thắm", "Tâm", "Nguyệt", "Quyên", "Trinh", "Giang", "Phương",
    "Sương", "Ánh", "Cúc", "Đào", "Lụa", "Sen", "Thơm", "Hạnh", "Mến", "Huệ", "Nhi", "Uyên",
)

# fmt: on


@dataclass(frozen=True)
class NameScheme:
    """How a people writes names: formats per gender over family/clan names, middle and given names.

    A format is a ``str.format`` pattern over ``sur``, ``clan``, ``mid`` and ``given``; empty tuples
    fall back to the Kinh lists.
    """

    surnames: tuple[str, ...] = ()
    clans: tuple[str, ...] = ()
    male_formats: tuple[str, ...] = ("{sur} {mid} {given}",)
    female_formats: tuple[str, ...] = ("{sur} {mid} {given}",)
    male_middles: tuple[str, ...] = ("Văn",)
    female_middles: tuple[str, ...] = ("Thị",)
    male_given: tuple[str, ...] = ()
    female_given: tuple[str, ...] = ()


_HIGHLAND_NORTH = {"male_middles": ("Văn", "Văn", "Đức"), "female_middles": ("Thị",)}

# fmt: off
NAME_SCHEMES: dict[str, NameScheme] = {
    "Tày": NameScheme(
        surnames=(
            "Nông", "Hoàng", "Lục", "Mông", "Bế", "Ma", "Đàm", "Lương", "Hà", "Lăng", "Ngôn", "Chu", "La",
        ),
        **_HIGHLAND_NORTH,
    ),
    "Nùng": NameScheme(
        surnames=("Hoàng", "Nông", "Lý", "Vi", "Lương", "Chu", "Mã", "Lăng", "Sầm", "Lộc", "Chẩu", "Hứa"),
        **_HIGHLAND_NORTH,
    ),
    "Thái": NameScheme(
        surnames=("Lò", "Lường", "Cầm", "Quàng", "Vì", "Tòng", "Hà", "Lù", "Lộc", "Sầm", "Vi"),
        male_given=(
            "Ơn", "Tươi", "Xôm", "Pọm", "Bun", "Chiến", "Phong", "Ún", "Thoại", "Khiêm", "Thanh", "Inh",
        ),
        female_given=(
            "Hoa", "Kim", "Tiên", "Xuân", "Ánh", "Ngoan", "Lả", "Ỏn", "Phượng", "Ban", "Hương", "Xiêm",
        ),
    ),
    "Mường": NameScheme(surnames=("Bùi", "Bùi", "Đinh", "Đinh", "Quách", "Hà", "Xa", "Bạch", "Cao")),
    "H'Mông": NameScheme(
        surnames=("Giàng", "Vàng", "Sùng", "Thào", "Lý", "Hạng", "Mùa", "Lầu", "Cứ", "Vừ", "Tráng", "Lò"),
        male_middles=("A", "A", "Seo", "Mí", "Văn"),
        female_middles=("Thị", "Thị", "Mỷ"),
        male_given=(
            "Páo", "Dế", "Chứ", "Sử", "Chính", "Dình", "Tủa", "Lềnh", "Chư", "Pó", "Sình", "Dơ", "Sếnh",
        ),
        female_given=("Mai", "Dợ", "Mỷ", "Sua", "Chá", "Pà", "Dế", "Máy", "Súa", "Say", "Chu", "Mẩy", "Sênh"),
    ),
    "Dao": NameScheme(
        surnames=("Triệu", "Bàn", "Lý", "Đặng", "Chảo", "Tẩn", "Phùn", "Dương"),
        male_middles=("Tài", "Văn", "Kim", "Phúc", "Seo"),
        female_middles=("Thị", "Mùi", "Thị"),
        male_given=("Vần", "Quý", "Sinh", "Phấu", "Chàn", "Lưu", "Dào", "Quẩy", "Chấn", "Phin", "Mềnh"),
        female_given=("Mẩy", "Mây", "Sinh", "Nhất", "Dung", "Lai", "Kiều", "Xuân", "Chài", "Ly"),
    ),
    "Giáy": NameScheme(surnames=("Hoàng", "Lù", "Vương", "Lồ", "Sùng", "Lương"), **_HIGHLAND_NORTH),
    "Sán Chay": NameScheme(surnames=("Hoàng", "Lâm", "Trần", "Dương", "La", "Nịnh"), **_HIGHLAND_NORTH),
    "Sán Dìu": NameScheme(surnames=("Lý", "Trương", "Diệp", "Lục", "Dương", "Tạ"), **_HIGHLAND_NORTH),
    "Hà Nhì": NameScheme(
        surnames=("Lý", "Phu", "Chu", "Pờ", "Lỳ", "Hù"),
        male_middles=("Xè", "A", "Mé"),
        female_middles=("Mé", "Thị"),
        male_given=("Hừ", "Chừ", "Sừ", "Phì", "Xá", "Giờ"),
        female_given=("Xá", "Mé", "Gió", "Pa", "Chơ", "Xạ"),
    ),
    "Lự": NameScheme(surnames=("Lò", "Tao", "Pạc", "Vàng")),
    "Lào": NameScheme(surnames=("Lò", "Vi", "Vì", "Lường")),
    "Khơ Mú": NameScheme(
        surnames=("Vi", "Lầu", "Cụt", "Lò", "Quang", "Moong", "Xồng"),
        male_given=("Dũng", "Tánh", "Xuân", "Bun", "Pó", "Khăm", "Thương", "Phăn"),
        female_given=("Bua", "Xuân", "Ỏn", "Khăm", "Lả", "Hoa"),
    ),
    "Thổ": NameScheme(surnames=("Trương", "Lê", "Vi", "Lữ", "Hoàng")),
    "Chứt": NameScheme(surnames=("Hồ", "Cao", "Đinh")),
    "Bru-Vân Kiều": NameScheme(surnames=("Hồ", "Hồ", "Lê", "Kăn", "Căn", "Pả")),
    "Pa Kô": NameScheme(surnames=("Hồ", "Kăn", "Căn", "A Viết"), male_middles=("Văn", "A")),
    "Tà Ôi": NameScheme(surnames=("Hồ", "Kăn", "Căn", "Arất", "Lê", "Quỳnh")),
    "Cơ Tu": NameScheme(
        surnames=("Alăng", "Bhling", "Zơrâm", "Pơloong", "Briu", "Coor", "Bh'riu", "Clâu", "A Rất"),
        male_formats=("{sur} {given}", "{sur} {mid} {given}"),
        female_formats=("{sur} Thị {given}",),
    ),
    "Hrê": NameScheme(surnames=("Đinh", "Đinh", "Phạm", "Huỳnh")),
    "Co": NameScheme(surnames=("Đinh", "Hồ", "Phạm")),
    "Xơ Đăng": NameScheme(
        male_formats=("A {given}", "A {given}", "{sur} {mid} {given}"),
        female_formats=("Y {given}", "Y {given}", "{sur} {mid} {given}"),
        surnames=("Đinh", "Nguyễn", "Lê"),
        male_given=("Thiên", "Phương", "Chăm", "Hin", "Kiên", "Mó", "Phi", "Vang", "Hùng", "Blông", "Khâm"),
        female_given=("Diệu", "Thanh", "Nga", "Lan", "Xuân", "Hiên", "Múi", "Nhiên", "Hồng", "Blang"),
    ),
    "Giẻ Triêng": NameScheme(
        male_formats=("A {given}",),
        female_formats=("Y {given}",),
        male_given=("Vêr", "Kai", "Lơi", "Khôn", "Thư", "Bình"),
        female_given=("Dưng", "Kim", "Lam", "Xuân", "Thư"),
    ),
    "Ba Na": NameScheme(
        surnames=("Đinh",),
        male_formats=("A {given}", "{sur} Văn {given}"),
        female_formats=("Y {given}", "{sur} Thị {given}"),
        male_given=("Thiên", "Lơk", "Pớt", "Đít", "Hyun", "Blưn", "Ngưn", "Khun", "Nhuin", "Hmưn"),
        female_given=("Hlin", "Bleo", "Nhưn", "Pét", "Blơng", "Dịu", "Lim", "Ngoan"),
    ),
    "Gia Rai": NameScheme(
        clans=("Ksor", "Rơ Mah", "Siu", "Rơ Châm", "Nay", "Kpă", "Rah Lan", "Puih", "Rơ Lan"),
        male_formats=("{clan} {given}",),
        female_formats=("{clan} H'{given}",),
        male_given=("Tih", "Phun", "Pin", "Blếch", "Nhăm", "Hlin", "Krư", "Thuk", "Dơk", "Kơk", "Phiu"),
        female_given=("Bliu", "Nhí", "Loan", "Ngơl", "Lang", "Yơn", "Trang", "Nhung", "Mlai"),
    ),
    "Ê Đê": NameScheme(
        clans=("Niê", "Êban", "Ayun", "Byă", "Mlô", "Adrơng", "Knul", "Ksơr", "Hmŏk", "Kbuôr", "Buôn Yă"),
        male_formats=("Y {given} {clan}",),
        female_formats=("H'{given} {clan}",),
        male_given=("Bih", "Thoan", "Khuê", "Jút", "Wem", "Khu", "Blô", "Siêng", "Ngơ", "Ju", "Lang", "Sơn"),
        female_given=("Hen", "Mai", "Bia", "Yơn", "Năm", "Ngơm", "Rin", "Hoa", "Duin", "Xuân", "Ly", "Nga"),
    ),
    "M'Nông": NameScheme(
        male_formats=("Điểu {given}", "Y {given}"),
        female_formats=("Thị {given}", "H'{given}"),
        male_given=("Kré", "Dũng", "Xiêng", "Jum", "Ngọc", "Bình", "Lơi", "Ke", "Săn", "K'Rang"),
        female_given=("Mai", "Hồng", "Thúy", "Bơn", "Ngọc", "Nhi", "Dung", "Ngân"),
    ),
    "Xtiêng": NameScheme(
        male_formats=("Điểu {given}", "Điểu Văn {given}"),
        female_formats=("Thị {given}", "Điểu Thị {given}"),
        male_given=("Minh", "Lên", "Brốc", "Xiêng", "Dũng", "Tôn"),
        female_given=("Hiền", "Lý", "Mai", "Ngoan", "Thơ", "Hương"),
    ),
    "Cơ Ho": NameScheme(
        clans=("Kră Jăn", "Liêng Hót", "Cil", "Bon Đing", "Kơ Să", "Lơ Mu", "Ro Ong"),
        male_formats=("K'{given}", "K'{given}", "{clan} {given}"),
        female_formats=("Ka {given}", "Ka {given}", "{clan} Ha {given}"),
        male_given=(
            "Sớ", "Điều", "Brèo", "Tiêu", "Bình", "Thủy", "Dân", "Ró", "Bơ", "Jăn", "Hòa", "Blút", "Krịch",
            "Liên", "Sang", "Đoàn", "Brơh", "Tân", "Phong", "Ngọc", "Hin", "Plang",
        ),
        female_given=(
            "Huyền", "Phim", "Nhoan", "Thi", "Ly", "Hội", "Srang", "Vân", "Bố", "Nhàn", "Nhung", "Mai",
            "Thương", "Bình", "Dung", "Hằng", "Nhớ", "Lim", "Ngân", "Thùy", "Sang",
        ),
    ),
    "Mạ": NameScheme(
        male_formats=("K'{given}", "Điểu K'{given}"),
        female_formats=("Ka {given}", "Thị {given}"),
        male_given=("Điều", "Lâm", "Brơi", "Toàn", "Să", "Tiếp"),
        female_given=("Điệp", "Then", "Hơn", "Nhung", "Lan", "Thy"),
    ),
    "Chu Ru": NameScheme(
        clans=("Touneh", "Ya", "Ma", "Pinăng", "Bơnahria"),
        male_formats=("{clan} {given}", "{clan} Hàn {given}"),
        female_formats=("{clan} Thị {given}", "{clan} Ha {given}"),
        male_given=("Thọ", "Tiếng", "Hoa", "Sỹ", "Đen", "Duck", "Tuất"),
        female_given=("Sa", "Hương", "Lý", "Mai", "Hoa", "Ninh"),
    ),
    "Raglai": NameScheme(
        clans=("Chamaléa", "Pinăng", "Katơr", "Mang", "Cao", "Bo Bo"),
        male_formats=("{clan} {mid} {given}",),
        female_formats=("{clan} Thị {given}",),
    ),
    "Chăm": NameScheme(
        surnames=("Đàng", "Thập", "Quảng", "Phú", "Châu", "Lưu", "Báo", "Trượng", "Thông", "Hán", "Kiều"),
        male_middles=("Văn", "Năng", "Đại", "Minh"),
        female_middles=("Thị",),
    ),
    "Khmer": NameScheme(
        surnames=(
            "Thạch", "Thạch", "Sơn", "Sơn", "Kim", "Danh", "Danh", "Lâm", "Chau", "Huỳnh", "Lý", "Trần",
        ),
        male_formats=("{sur} {given}", "{sur} {mid} {given}"),
        female_formats=("{sur} Thị {given}", "Néang {given}"),
        male_given=(
            "Sô Phanh", "Tha", "Sóc", "Pho", "Chanh Đa", "Sa Rinh", "Khem", "Mon", "Sà Rươn", "Sa Vy",
        ),
        female_given=(
            "Sa Ry", "Sô Phia", "Sa Rươne", "Mây", "Sóc Khơ", "Sa Phol", "Kim Huôl", "Ra", "Chanh Thu",
        ),
    ),
    "Hoa": NameScheme(
        surnames=("Lý", "Trương", "Lâm", "Hứa", "Quách", "Tăng", "Mã", "Diệp", "Lưu", "Hà"),
        male_middles=("Văn", "Quốc", "Kim", "Gia"),
        female_middles=("Thị", "Mỹ", "Kim", "Ngọc"),
    ),
    "Chơ Ro": NameScheme(surnames=("Điểu", "Lâm", "Đào")),
}
# fmt: on


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def kinh_family_name(rng: random.Random, *, southern: bool) -> str:
    name = _weighted(rng, KINH_FAMILY_NAMES)
    if southern and name in SOUTHERN_VARIANTS:
        variant, share = SOUTHERN_VARIANTS[name]
        if rng.random() < share:
            return variant
    return name


def person_name(rng: random.Random, *, ethnicity: str, gender: str, southern: bool = False) -> str:
    """A full name, family name first, for a person of ``ethnicity`` and ``gender`` ("nu"/"nam")."""
    female = gender == "nu"
    scheme = NAME_SCHEMES.get(ethnicity)
    if scheme is None:  # Kinh, and any people without a scheme of its own
        family = kinh_family_name(rng, southern=southern)
        middle = _weighted(rng, KINH_MIDDLE_FEMALE if female else KINH_MIDDLE_MALE)
        given = rng.choice(KINH_GIVEN_FEMALE if female else KINH_GIVEN_MALE)
        return unicodedata.normalize("NFC", f"{family} {middle} {given}")
    fmt = rng.choice(scheme.female_formats if female else scheme.male_formats)
    values = {
        "sur": rng.choice(scheme.surnames) if scheme.surnames else kinh_family_name(rng, southern=southern),
        "clan": rng.choice(scheme.clans) if scheme.clans else "",
        "mid": rng.choice(scheme.female_middles if female else scheme.male_middles),
        "given": rng.choice(
            (scheme.female_given or KINH_GIVEN_FEMALE) if female else (scheme.male_given or KINH_GIVEN_MALE)
        ),
    }
    return unicodedata.normalize("NFC", " ".join(fmt.format(**values).split()))


def split_name(full_name: str) -> tuple[str, str]:
    """``("Nguyễn", "Văn An")`` from "Nguyễn Văn An": family name, then the rest (Django's last/first).

    A one-word name ("K'Điều") has no family name: ``("", "K'Điều")``.
    """
    family, _, rest = full_name.partition(" ")
    return (family, rest) if rest else ("", family)
