"""Product names for each of the 26 product sets of QĐ 26/2026 (Phụ lục I), and where they are typical.

Each set lists product names, one a line, as ``Name | tags``: tags are regions (TB, DBSH, BTB, NTB,
TN, DNB, DBSCL; see ``regions``) or two-digit province codes of the current map; no tag means the
product is made everywhere. A name ending in "!" already carries its famous place ("Nước mắm Phú
Quốc"); other names get the producer's commune or province appended ("Cà phê Robusta rang xay Đắk
Mil"). ``SET_WEIGHTS`` gives each set's rough share of the country's OCOP products (food dominates).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class ProductName:
    name: str
    tags: frozenset[str]
    has_place: bool  # the name already says where it comes from

    def fits(self, province_code: str, regions: frozenset[str]) -> bool:
        return not self.tags or province_code in self.tags or bool(self.tags & regions)


def _parse(text: str) -> tuple[ProductName, ...]:
    items = []
    for line in text.strip().splitlines():
        name, _, tags = line.partition("|")
        name = unicodedata.normalize("NFC", name.strip())
        items.append(
            ProductName(name=name.rstrip("!"), tags=frozenset(tags.split()), has_place=name.endswith("!"))
        )
    return tuple(items)


PRODUCT_NAMES: dict[int, tuple[ProductName, ...]] = {
    1: _parse("""
Bưởi da xanh | DBSCL DNB
Bưởi Diễn | DBSH
Bưởi Phúc Trạch! | 42
Bưởi Năm Roi | DBSCL
Cam sành | DBSCL TB
Cam Vinh! | 40
Cam Cao Phong! | 25
Sầu riêng Ri6 | DBSCL TN DNB
Sầu riêng Monthong | TN DNB
Bơ 034 | TN
Bơ booth | TN
Mắc ca | TN TB
Xoài cát Hòa Lộc | DBSCL
Thanh long ruột đỏ | NTB DBSCL DNB
Nhãn lồng | DBSH
Vải thiều | DBSH TB
Na dai | TB DBSH
Chôm chôm | DNB DBSCL
Măng cụt | DNB DBSCL
Dứa Queen | DBSCL BTB
Chuối Laba! | 68
Dưa lưới
Rau ăn lá hữu cơ
Cà chua bi | TN DBSH
Atiso tươi | 68
Khoai lang tím | DBSCL TN
Su su | TB
Hồng giòn | TN TB
Dâu tây | 68 TB
Chanh dây | TN
Mận hậu | TB
Quýt hồng | DBSCL
Chanh không hạt | DBSCL DNB
Nho xanh | 56
Măng tây xanh | 56
Bơ sáp | TN
Ổi lê | DBSH DBSCL
"""),
    2: _parse("""
Gà đồi | TB DBSH BTB
Gà ri | DBSH
Gà Đông Tảo! | 33
Gà H'Mông | TB
Lợn đen bản | TB
Lợn mán | TB BTB
Bò tơ | NTB BTB
Dê núi | 37 BTB
Trứng gà sạch
Trứng vịt | DBSCL
Sữa bò tươi | TB 68
Sữa dê tươi | 37
Tôm càng xanh | DBSCL
Tôm sú quảng canh | DBSCL
Cua biển | 96 DBSCL
Cá lóc đồng | DBSCL
Cá tầm | 68 TB
Cá hồi vân | 15 68
Cá tra | DBSCL
Hàu sữa | 22 56
Ốc hương | 56 NTB
Ba ba | DBSH DBSCL
Vịt cỏ | DBSCL
Heo rừng lai | TN DNB
"""),
    3: _parse("""
Gạo ST25 | DBSCL
Gạo thơm Jasmine | DBSCL
Gạo nếp cái hoa vàng | DBSH
Gạo tám xoan | DBSH
Gạo Séng Cù | TB
Gạo nếp Tú Lệ! | 15
Gạo lứt huyết rồng | DBSCL
Gạo hữu cơ
Gạo nàng Nhen | 91
Gạo lúa tôm | 96 91
Đậu xanh
Lạc đỏ | BTB DBSH TB
Ngô nếp | TB
Hạt điều thô | DNB TN
Hạt sen khô | DBSCL DBSH
Mè đen | BTB NTB
Đậu đen xanh lòng | BTB DBSH
"""),
    4: _parse("""
Mật ong hoa cà phê | TN
Mật ong bạc hà | 08
Mật ong rừng | TB TN BTB
Mật ong hoa nhãn | DBSH DBSCL
Mật ong U Minh! | 96
Mật ong hoa vải | DBSH TB
Mật hoa dừa | DBSCL
Mật mía | BTB NTB
Đường thốt nốt | 91 80
Đường phổi | 51
Yến sào tinh chế | 56 NTB DBSCL
Nấm hương khô | TB
Phấn hoa | TN
Sữa ong chúa | TN
Nấm mèo | DNB DBSCL
"""),
    5: _parse("""
Mì Quảng ăn liền | 48 51
Cơm cháy chà bông | 37 DBSCL
Bánh mì que | 48
Chả giò rế | DBSCL DNB
Cháo yến ăn liền | 56 NTB
Bánh bao nhân thịt
Nem rán đông lạnh | DBSH
Bánh tráng trộn | DNB
Bún bò Huế ăn liền | 46
Bánh canh ăn liền
Phở bò ăn liền | DBSH
"""),
    6: _parse("""
Bánh tráng phơi sương | 80
Bánh tráng
Bánh phở khô | DBSH
Bún khô
Miến dong | TB DBSH
Mì Chũ! | 24
Bánh đa Kế! | 24
Bánh đa nem | DBSH
Hủ tiếu khô | DBSCL
Bánh phồng nếp | DBSCL
Bánh cốm | DBSH
Cốm làng Vòng! | 01
Bánh ít lá gai | NTB TN
Bánh chưng
Bánh gai | DBSH
Bánh tét lá cẩm | DBSCL
Bún gạo lứt
Bánh pía sầu riêng | 92
Bánh tráng sữa | DBSCL
Bánh đa vừng | DBSH
Bánh khảo | DBSH BTB
Bánh cáy | 33
Ngũ cốc dinh dưỡng
Bột gạo lứt
"""),
    7: _parse("""
Sầu riêng sấy thăng hoa | TN DBSCL
Mít sấy
Chuối sấy dẻo
Xoài sấy dẻo | DBSCL NTB
Hạt điều rang muối | DNB TN
Mắc ca sấy nứt vỏ | TN TB
Hồng treo gió | 68
Hồng sấy dẻo | 68 TB
Măng khô | TB BTB TN
Mứt gừng
Mứt dừa | DBSCL
Kẹo dừa | DBSCL
Kẹo chuối | DBSCL
Ô mai mơ | DBSH
Bột sắn dây | TB DBSH
Bột rau má
Mứt sen | DBSCL DBSH
Hạt sen sấy | DBSCL
Khoai lang sấy | DBSCL TN
Vải thiều sấy khô | DBSH TB
Nhãn lồng sấy | DBSH
Củ kiệu muối | DBSCL NTB
Đậu phộng rang tỏi ớt
Cơm dừa sấy | DBSCL
Mận sấy dẻo | TB
Kẹo lạc | BTB DBSH
"""),
    8: _parse("""
Khô cá lóc | DBSCL
Khô cá dứa | 96 79
Khô mực một nắng | NTB 22 56
Chả mực Hạ Long! | 22
Chả cá Nha Trang! | 56
Nem chua Thanh Hóa! | 38
Giò lụa | DBSH
Lạp xưởng | DBSCL DNB
Thịt trâu gác bếp | TB
Thịt lợn gác bếp | TB
Bò một nắng | TN NTB
Mắm tôm chua | 46
Mắm cá linh | 91 82
Tôm khô | 96 DBSCL
Cá cơm sấy | NTB
Ruốc heo
Sữa chua
Trứng vịt muối | DBSCL
Bánh phồng tôm | 96 DBSCL
Ba khía muối | 96
Bò khô
Chả cua | 22 31
Sữa chua nếp cẩm | DBSH
Ruốc cá hồi | 68 15
"""),
    9: _parse("""
Nước mắm cá cơm | NTB BTB DBSCL 22
Nước mắm Phú Quốc! | 91
Nước mắm Phan Thiết! | 68
Nước mắm Cát Hải! | 31
Nước mắm Nam Ô! | 48
Nước mắm nhĩ truyền thống | NTB BTB DBSCL 22
Tương Bần! | 33
Tương Nam Đàn! | 40
Tương ớt
Nước tương đậu nành
Mắm ruốc | 46 NTB
Giấm bỗng | DBSH
Sa tế tôm
Mắm nêm | NTB 48
Mắm tép | DBSH
"""),
    10: _parse("""
Hồ tiêu đen | TN DNB
Tiêu Phú Quốc! | 91
Tỏi Lý Sơn! | 51
Muối tôm Tây Ninh! | 80
Muối ớt xanh | NTB
Ớt bột
Bột nghệ
Quế Trà My! | 48
Quế | TB BTB 48
Hoa hồi | 20
Mắc khén | TB
Muối Bạc Liêu! | 96
Tỏi đen
Hạt dổi | TB
Muối chấm hạt dổi | TB
Gừng sấy
"""),
    11: _parse("""
Chè Shan tuyết cổ thụ | TB
Chè Tân Cương! | 19
Trà Ô long | 68
Chè búp khô | TB BTB
Chè xanh
Hồng trà | 68 TB
Bạch trà | TB
Trà Shan tuyết Suối Giàng! | 15
Trà B'Lao! | 68
Trà móc câu | TB
Trà sen | 01 DBSCL
Chè nõn tôm | TB
"""),
    12: _parse("""
Trà atiso | 68
Trà mãng cầu | DBSCL
Trà tim sen | DBSCL DBSH
Trà gạo lứt
Trà hoa vàng | TB
Trà dây | TB
Trà hoa cúc | DBSH
Trà cà gai leo
Trà sâm dứa | DNB DBSCL
Trà vối | DBSH
Trà xạ đen | DBSH BTB
Trà mật nhân | TN
Trà khổ qua rừng | DBSCL DNB
Trà lá ổi
Trà gừng mật ong
"""),
    13: _parse("""
Cà phê Robusta rang xay | TN
Cà phê Arabica Cầu Đất! | 68
Cà phê Arabica rang xay | 68 TB
Cà phê hạt rang mộc | TN
Cà phê Culi | TN
Cà phê phin giấy | TN
Cà phê hòa tan | TN
Cà phê Khe Sanh! | 44
Ca cao bột nguyên chất | TN DNB DBSCL
Sô cô la đen | TN DBSCL
Cà phê Arabica Sơn La! | 14
Ca cao lên men | DBSCL DNB TN
Cà phê Fine Robusta | TN
Cà phê hữu cơ | TN
"""),
    14: _parse("""
Rượu ngô men lá | TB
Rượu cần | TN
Rượu Bàu Đá! | 52
Rượu Làng Vân! | 24
Rượu Kim Sơn! | 37
Rượu Gò Đen! | 80
Rượu nếp cái hoa vàng | DBSH
Rượu Mẫu Sơn! | 20
Rượu Xuân Thạnh! | 86
Rượu Phú Lễ! | 86
Rượu gạo truyền thống
Rượu nếp cẩm | TB DBSH
Rượu Kiên Lao! | 33
Rượu đế
"""),
    15: _parse("""
Rượu sim Phú Quốc! | 91
Rượu vang nho | 56
Rượu vang dâu tằm | 68
Rượu mơ | 01 TB
Rượu chuối hột
Rượu mận | TB
Rượu táo mèo | TB
Rượu ba kích | TB 22
Rượu vang sim rừng | TB BTB
Rượu vang thanh long | NTB DBSCL
"""),
    16: _parse("""
Nước khoáng thiên nhiên
Nước uống tinh khiết
Nước suối đóng chai
Nước khoáng có ga
Nước ion kiềm
"""),
    17: _parse("""
Nước cốt chanh dây | TN
Nước ép cam
Nước ép nho | 56
Nước mía
Nước dừa đóng chai | DBSCL
Sữa đậu nành
Sữa bắp
Nước nha đam | 56
Siro dâu tằm | 68
Nước ép thanh long | NTB
Nước cốt tắc | DBSCL
Sữa hạt điều | DNB TN
Sữa hạt mắc ca | TN
Nước sâm bí đao
"""),
    18: _parse("""
Cao Sâm Ngọc Linh | 51 48
Sâm dây Ngọc Linh | 51 48
Sâm Ngọc Linh ngâm mật ong | 51 48
Cao atiso | 68
Cao xạ đen | DBSH BTB
Cao cà gai leo
Viên đông trùng hạ thảo
Viên tinh nghệ mật ong
Đông trùng hạ thảo sấy
Nấm linh chi đỏ
Sâm Lai Châu ngâm mật ong | 12
Ba kích tím | 22 TB
Hà thủ ô đỏ | TB
Cao khổ qua rừng | DNB DBSCL
Nấm lim xanh | 48 BTB
Tam thất | TB
Cao chè dây | TB
"""),
    19: _parse("""
Dầu gội bồ kết
Xà phòng thảo dược
Kem nghệ
Son dưỡng môi dầu dừa | DBSCL
Sữa tắm thảo dược
Lá tắm người Dao | TB
Bột đắp mặt cám gạo | DBSCL
Dầu dừa nguyên chất | DBSCL
Dầu gội hương nhu
Kem dưỡng da tinh dầu sả
"""),
    20: _parse("""
Tinh dầu sả chanh
Tinh dầu quế | TB 48 BTB
Tinh dầu tràm | BTB 46
Tinh dầu hồi | 20
Tinh dầu bưởi | DBSCL DBSH
Tinh dầu trầm hương | 56 NTB
Tinh dầu bạc hà
Tinh dầu khuynh diệp
Nhang trầm | 56
Nhang thảo mộc
Đương quy khô | TB
Sâm cau | TN
Cà gai leo khô
Nghệ đen
Dầu tràm Huế! | 46
Tinh dầu thông | 68
"""),
    21: _parse("""
Mây tre đan
Sản phẩm cói | 37 38
Gốm Bát Tràng! | 01
Gốm Bàu Trúc! | 56
Gốm Phù Lãng! | 24
Đồ gỗ mỹ nghệ | DBSH
Tranh thêu tay | 37 DBSH
Nón lá | 46 BTB
Nón bài thơ Huế! | 46
Khay mây tre
Đèn lồng Hội An! | 48
Chiếu cói | 37
Giỏ lục bình | DBSCL
Tranh Đông Hồ! | 24
Đũa tre
Tranh sơn mài | 01 79
Đồ trang trí gỗ dừa | DBSCL
Ống hút cỏ bàng | DBSCL
"""),
    22: _parse("""
Thổ cẩm | TB TN NTB
Khăn piêu | 14 11
Lụa Vạn Phúc! | 01
Lụa Tân Châu! | 91
Thổ cẩm Chăm Mỹ Nghiệp! | 56
Thổ cẩm dệt tay | TB TN
Vải lanh H'Mông | TB
Áo dài lụa | 46 01
Khăn rằn | 80 DBSCL
Túi thổ cẩm | TB TN
Vải thổ cẩm Cơ Tu | 48
Thổ cẩm M'Nông | 68 66
"""),
    23: _parse("""
Hoa lan hồ điệp | 68 DNB
Hoa cúc | 68 DBSH
Hoa hồng | 68 DBSH
Hoa cẩm chướng | 68
Hoa lily | 68 TB
Hoa đào Nhật Tân! | 01
Hoa mai vàng | DBSCL
Hoa cúc mâm xôi | 82
Hoa đồng tiền | 68
Lan Mokara | 79
"""),
    24: _parse("""
Bonsai
Cây mai vàng | DBSCL 46
Cây đào thế | DBSH
Cây kiểng lá | 82
Cây cảnh mini
Sen đá | 68
Cây quất cảnh | DBSH
Mai chiếu thủy | DBSCL
"""),
    25: _parse("""
Cá Koi
Cá cảnh nước ngọt
Cá betta | 79 DBSCL
Chó Phú Quốc! | 91
Cá vàng
Gà tre cảnh | DBSCL
"""),
    26: _parse("""
Du lịch cộng đồng bản | TB
Du lịch cộng đồng buôn | TN
Điểm du lịch sinh thái
Du lịch cộng đồng làng | DBSH BTB NTB
Khu du lịch sinh thái vườn | DBSCL
Du lịch trải nghiệm làng nghề
Điểm du lịch nông nghiệp
Du lịch sinh thái rừng tràm | DBSCL
Du lịch cộng đồng thôn | BTB NTB TN
Du lịch đồi chè | TB
Du lịch vườn cà phê | TN
"""),
}

# fmt: off
# Rough share (per cent) of each product set among the country's OCOP products.
SET_WEIGHTS: dict[int, float] = {
    1: 12, 2: 5, 3: 6, 4: 4, 5: 2, 6: 7, 7: 9, 8: 8, 9: 4, 10: 3, 11: 5, 12: 4, 13: 3,
    14: 4, 15: 2, 16: 1, 17: 2, 18: 4, 19: 2, 20: 3, 21: 4, 22: 2, 23: 1, 24: 1, 25: 0.5, 26: 2,
}

# Second products of the same kind are told apart by a variant, as on real OCOP lists.
VARIANTS: tuple[str, ...] = (
    "hộp quà", "túi 500 g", "loại đặc biệt", "hữu cơ", "cao cấp", "đóng hộp 250 g", "chai 500 ml",
)
SERVICE_SETS = frozenset({26})
LIVE_SETS = frozenset({23, 24, 25})

# Standards a producer works to, and how the product is packed, by set.
STANDARDS: dict[int, tuple[str, ...]] = {
    1: ("VietGAP", "VietGAP", "hữu cơ TCVN 11041", "GlobalGAP"),
    2: ("VietGAHP", "VietGAP", "an toàn sinh học"),
    3: ("VietGAP", "hữu cơ TCVN 11041", "SRP (lúa gạo bền vững)"),
    11: ("VietGAP", "hữu cơ TCVN 11041", "Rainforest Alliance"),
    13: ("4C", "Rainforest Alliance", "hữu cơ TCVN 11041", "VietGAP"),
}
DEFAULT_STANDARDS: tuple[str, ...] = ("ISO 22000:2018", "HACCP", "cơ sở đủ điều kiện an toàn thực phẩm")
PACKS: dict[int, tuple[str, ...]] = {
    1: ("thùng carton 5 kg", "thùng carton 10 kg", "túi lưới 2 kg", "hộp 1 kg"),
    2: ("khay hút chân không 500 g", "hộp xốp 1 kg", "vỉ 10 quả"),
    3: ("túi hút chân không 2 kg", "túi 5 kg", "hộp giấy 1 kg"),
    4: ("chai thủy tinh 500 ml", "lọ 250 g", "hộp quà 6 lọ"),
    9: ("chai thủy tinh 500 ml", "chai 250 ml", "can 2 lít"),
    13: ("túi 500 g có van một chiều", "túi 250 g", "hộp 10 gói"),
    14: ("chai thủy tinh 500 ml", "bình gốm 1 lít", "chai 750 ml"),
    15: ("chai thủy tinh 750 ml", "chai 500 ml"),
    16: ("chai PET 500 ml", "bình 19 lít", "chai 350 ml"),
    17: ("chai 330 ml", "chai 1 lít", "lon 250 ml"),
    18: ("hộp 60 viên", "lọ 100 g", "hộp 10 ống"),
    19: ("chai 300 ml", "bánh 100 g", "hũ 50 g"),
    20: ("chai 10 ml", "chai 50 ml", "hộp 100 nén"),
}
DEFAULT_PACKS: tuple[str, ...] = ("túi 200 g", "túi 500 g", "hộp 300 g", "hộp quà 1 kg")

# What each set's product is, in a sentence; {name}, {place}, {standard}, {pack}, {months} are filled in.
DESCRIPTIONS: dict[int, str] = {
    1: "{name} trồng theo tiêu chuẩn {standard} tại {place}, thu hái đúng độ chín, phân loại và đóng {pack}.",
    2: "{name} nuôi theo quy trình {standard} tại {place}, sơ chế tại cơ sở đủ điều kiện an toàn thực phẩm, "
    "đóng {pack}, bảo quản 0–4 °C.",
    3: "{name} canh tác theo tiêu chuẩn {standard} tại {place}, xay xát và đóng {pack}; "
    "hạn sử dụng {months} tháng.",
    4: "{name} khai thác tại {place}, lọc và hạ thủy phần theo quy trình {standard}, đóng {pack}; "
    "hạn sử dụng {months} tháng.",
    11: "{name} từ búp chè hái tay tại {place}, chế biến theo quy trình {standard}, đóng {pack}; "
    "hạn sử dụng {months} tháng.",
    13: "{name}: hạt chín đỏ hái tay tại {place}, sơ chế ướt, rang mộc không tẩm ướp, "
    "chứng nhận {standard}; đóng {pack}.",
    14: "{name} nấu thủ công tại {place} từ nguyên liệu địa phương, hạ độ và lọc theo quy trình {standard}, "
    "đóng {pack}.",
    16: "{name} khai thác từ nguồn nước ngầm tại {place}, lọc và tiệt trùng theo quy trình {standard}, "
    "đóng {pack}.",
    18: "{name} sản xuất tại {place} từ dược liệu trồng theo GACP-WHO, quy trình {standard}, đóng {pack}; "
    "hạn sử dụng {months} tháng.",
    19: "{name} làm từ dược liệu tại {place}, không chất bảo quản tổng hợp, đóng {pack}; "
    "hạn sử dụng {months} tháng.",
    20: "{name} chưng cất hơi nước từ nguyên liệu trồng tại {place}, đóng {pack}; "
    "hạn sử dụng {months} tháng.",
    21: "{name} làm thủ công bởi thợ làng nghề tại {place}, nguyên liệu tự nhiên, hoàn thiện chống mốc, "
    "đóng hộp giấy tái chế.",
    22: "{name} dệt tay trên khung truyền thống tại {place}, sợi nhuộm màu tự nhiên từ lá và vỏ cây.",
    23: "{name} trồng trong nhà kính tại {place} theo quy trình {standard}, cắt cành và đóng thùng "
    "bảo quản lạnh.",
    24: "{name} ươm và tạo dáng tại vườn ở {place}, giao kèm chậu và hướng dẫn chăm sóc.",
    25: "{name} nhân giống và chăm sóc tại trại ở {place}, có giấy kiểm dịch, giao kèm hướng dẫn nuôi.",
    26: "{name}: tham quan, trải nghiệm sản xuất cùng người dân {place}, ẩm thực địa phương, lưu trú "
    "tại nhà dân (homestay) tối đa 40 khách.",
}
DEFAULT_DESCRIPTION = (
    "{name} sản xuất tại {place} từ nguyên liệu địa phương, quy trình {standard}, đóng {pack}; "
    "hạn sử dụng {months} tháng."
)

# Product stories: how it began, who keeps it going. {year}, {rep}, {title}, {commune}, {province},
# {households}, {people}, {product} (the full name) and {product_lc} (the kind of product, in lower
# case) are filled in; {people} is "người dân", "đồng bào Ê Đê", …
STORIES: tuple[str, ...] = (
    "Từ năm {year}, {title} {rep} cùng {households} hộ dân {commune} góp vốn, góp đất để giữ lại "
    "cách làm {product_lc} mà cha ông để lại, rồi đưa sản phẩm ra khỏi {province}.",
    "{product} gắn với đời sống của {people} ở {commune} từ nhiều thế hệ. Năm {year}, {title} {rep} "
    "vận động bà con chuyển sang sản xuất sạch, ghi chép nhật ký và truy xuất nguồn gốc bằng mã QR.",
    "Sau nhiều năm làm thuê ở thành phố, {rep} trở về {commune} năm {year} và bắt đầu với {households} "
    "hộ cùng thôn. Hôm nay {product} đã có mặt ở các điểm giới thiệu sản phẩm OCOP trong và ngoài tỉnh.",
    "Người {commune} vẫn kể rằng {product} ngon nhờ thổ nhưỡng và khí hậu riêng của vùng đất này. "
    "Năm {year}, {households} hộ liên kết thành chuỗi, {title} {rep} đứng ra bao tiêu toàn bộ sản phẩm.",
)

# What the producer's name says it does, by the set of its main product.
TRADES: dict[int, tuple[str, ...]] = {
    1: ("Nông nghiệp", "Dịch vụ Nông nghiệp", "Cây ăn trái", "Rau an toàn", "Nông nghiệp Công nghệ cao"),
    2: ("Chăn nuôi", "Thủy sản", "Chăn nuôi và Dịch vụ"),
    3: ("Nông nghiệp", "Lúa gạo", "Sản xuất lúa gạo"),
    4: ("Nuôi ong", "Nông sản"),
    5: ("Thực phẩm", "Chế biến Thực phẩm"),
    6: ("Chế biến Nông sản", "Làng nghề"),
    7: ("Chế biến Nông sản", "Nông sản sạch"),
    8: ("Chế biến Thủy sản", "Thực phẩm", "Hải sản"),
    9: ("Nước mắm", "Chế biến Hải sản"),
    10: ("Gia vị", "Nông sản"),
    11: ("Chè", "Trà"),
    12: ("Trà thảo mộc", "Dược liệu"),
    13: ("Cà phê", "Cà phê và Ca cao"),
    14: ("Rượu truyền thống", "Làng nghề"),
    15: ("Đồ uống", "Rượu vang"),
    16: ("Nước khoáng", "Nước uống"),
    17: ("Đồ uống", "Thực phẩm"),
    18: ("Dược liệu", "Dược liệu và Thảo dược"),
    19: ("Thảo dược", "Mỹ phẩm Thiên nhiên"),
    20: ("Tinh dầu", "Dược liệu"),
    21: ("Mây tre đan", "Thủ công Mỹ nghệ", "Làng nghề"),
    22: ("Dệt thổ cẩm", "Dệt may Thủ công"),
    23: ("Hoa", "Hoa và Cây cảnh"),
    24: ("Sinh vật cảnh", "Cây cảnh"),
    25: ("Sinh vật cảnh", "Cá cảnh"),
    26: ("Du lịch Cộng đồng", "Du lịch Sinh thái", "Dịch vụ Du lịch"),
}
# fmt: on
