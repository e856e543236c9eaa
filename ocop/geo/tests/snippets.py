"""Small in-memory versions of the official files, shaped like the real ones (quirks included)."""

from __future__ import annotations

from ocop.geo.loader import Source, Sources

BEFORE_HEADER = "Tỉnh Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp,Tên Tiếng Anh\n"
CONVERSION_HEADER = (
    "Đơn vị hành chính từ ngày 01/7/2025,,,Đơn vị hành chính trước ngày 01/7/2025,,,,,\n"
    '"Tỉnh, thành phố",Tên Xã mới,Mã Xã mới,Tên Xã cũ,Mã Xã cũ,Ghi chú,Quận/huyện,Tỉnh cũ,\n'
)

# Line numbers: 1 header, then 2…8.
BEFORE = BEFORE_HEADER + (
    "Thành phố Hà Nội,01,Quận Ba Đình,001,Phường Phúc Xá,00001,Phường,\n"
    "Thành phố Hà Nội,01,Quận Ba Đình,001,Phường Trúc Bạch,00004,Phường,\n"
    "Thành phố Hà Nội,01,Quận Ba Đình,001,Phường Vĩnh Phúc,00006,Phường,Vinh Phuc Commune\n"
    "Tỉnh Kon Tum,62,Huyện Đăk Glei,610,Thị trấn Đăk Glei,23341,Thị trấn,\n"
    "Tỉnh Kon Tum,62,Huyện Đăk Glei,610,Xã Đắk Pék,23353,Xã,\n"
    "Tỉnh Quảng Ngãi,51,Huyện Lý Sơn,536,,,Huyện,\n"
    "Tỉnh Quảng Ngãi,51,Huyện  Bình Sơn,524,Xã Bình Thanh ,21091,Xã,\n"
)

# Line numbers: 1-2 titles, 3 heading, 4-5, 6-7 (a note spanning two lines), 8, 9 heading, 10-13.
CONVERSION = CONVERSION_HEADER + (
    "THÀNH PHỐ HÀ NỘI  ,,,,,,,,\n"
    "Thành phố Hà Nội (01),Phường Ba Đình,00004,Phường Trúc Bạch,00004,Nhập toàn bộ,"
    "Quận Ba Đình (001),Thành phố Hà Nội (01),\n"
    "Thành phố Hà Nội (01),Phường Ba Đình,00004,Phường Phúc Xá,00001,Nhập một phần,"
    "Quận Ba Đình (001),Thành phố Hà Nội (01),\n"
    'Thành phố Hà Nội (01),Phường Hồng Hà,00097,Phường Phúc Xá,00001,"Nhâp một  phần\n",'
    "Quận Ba Đình (001),Thành phố Hà Nội (01),\n"
    "Thành phố Hà Nội (01),Phường Vĩnh Phúc,00006,Phường Vĩnh Phúc,00006,Giữ nguyên ,"
    "Quận Ba Đình (001),Thành phố Hà Nội (01),\n"
    "QUẢNG NGÃI,,,,,,,,\n"
    "Tỉnh Quảng Ngãi (51),Xã Đăk Glei,23341,Thị trấn Đăk Glei,23341,Nhập toàn bộ,"
    "Huyện Đăk Glei (610),Tỉnh Kon Tum (62),\n"
    "Tỉnh Quảng Ngãi (51),Xã Đăk Glei,23341,Xã Đắk Pék,23353,,Huyện Đăk Glei (610),Tỉnh Kon Tum (62),\n"
    "Tỉnh Quảng Ngãi (51),Đặc khu Lý Sơn,21548,,,Sắp xếp toàn bộ huyện Lý Sơn thành đặc khu Lý Sơn,"
    "Huyện Lý Sơn (536),Tỉnh Quảng Ngãi (51),\n"
    "Tỉnh Quảng Ngãi (51),Xa Bình Sơn,21091,Xã Bình Thanh,21091,Đổi tên,"
    "Huyện Bình Sơn (524),Tỉnh Quảng Ngãi (51),\n"
)


def sources(
    before: str = BEFORE,
    conversion: str = CONVERSION,
    errata: str | None = None,
    coordinates: str | None = None,
) -> Sources:
    """Sources named like the real files, so messages read the same."""
    return Sources(
        before=Source("communes-before-2025-07-01.csv", before),
        conversion=Source("conversion-2025-07-01.csv", conversion),
        errata=Source("errata.csv", errata) if errata is not None else None,
        coordinates=Source("coordinates.csv", coordinates) if coordinates is not None else None,
    )


def provinces_sources(count: int) -> Sources:
    """``count`` provinces, each with one district and one commune going into one new commune."""
    before = BEFORE_HEADER
    conversion = CONVERSION_HEADER
    for index in range(1, count + 1):
        province, district, commune = f"{index:02d}", f"{index:03d}", f"{index:05d}"
        before += f"Tỉnh Số {index},{province},Huyện Số {index},{district},Xã Số {index},{commune},Xã,\n"
        conversion += (
            f"Tỉnh Số {index} ({province}),Xã Mới {index},{commune},Xã Số {index},{commune},Nhập toàn bộ,"
            f"Huyện Số {index} ({district}),Tỉnh Số {index} ({province}),\n"
        )
    return sources(before, conversion)
