"""Shared data of the recognition and activity import tests: a small map shaped like the official files.

Three old provinces (Lâm Đồng, Đắk Nông, Kon Tum) and old Quảng Ngãi go into the current Lâm Đồng and
Quảng Ngãi; loaded with the real loader (``load_admin_units``) so successions are as on the real map.
Also the helpers that build an .xlsx in memory and run it through the exchange services.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from ocop.core.testing import make_user
from ocop.exchange import services
from ocop.geo.loader import load_admin_units
from ocop.geo.models import AdminUnit
from ocop.geo.tests import snippets

BEFORE = snippets.BEFORE_HEADER + (
    "Tỉnh Lâm Đồng,68,Thành phố Bảo Lộc,673,Phường 1,24820,Phường,\n"
    "Tỉnh Lâm Đồng,68,Thành phố Bảo Lộc,673,Xã Lộc Châu,24841,Xã,\n"
    "Tỉnh Lâm Đồng,68,Huyện Bảo Lâm,680,Xã Lộc Tân,25078,Xã,\n"
    "Tỉnh Đắk Nông,67,Huyện Đắk Mil,662,Thị trấn Đắk Mil,24610,Thị trấn,\n"
    "Tỉnh Đắk Nông,67,Huyện Đắk Mil,662,Xã Đức Mạnh,24631,Xã,\n"
    "Tỉnh Kon Tum,62,Huyện Đăk Glei,610,Thị trấn Đăk Glei,23341,Thị trấn,\n"
    "Tỉnh Kon Tum,62,Huyện Đăk Glei,610,Xã Đắk Pék,23353,Xã,\n"
    "Tỉnh Quảng Ngãi,51,Huyện Bình Sơn,524,Xã Bình Thanh,21091,Xã,\n"
)
CONVERSION = snippets.CONVERSION_HEADER + (
    "LÂM ĐỒNG,,,,,,,,\n"
    "Tỉnh Lâm Đồng (68),Phường 2 Bảo Lộc,24820,Phường 1,24820,Nhập toàn bộ,"
    "Thành phố Bảo Lộc (673),Tỉnh Lâm Đồng (68),\n"
    "Tỉnh Lâm Đồng (68),Phường 2 Bảo Lộc,24820,Xã Lộc Châu,24841,Nhập toàn bộ,"
    "Thành phố Bảo Lộc (673),Tỉnh Lâm Đồng (68),\n"
    "Tỉnh Lâm Đồng (68),Xã Bảo Lâm 1,25078,Xã Lộc Tân,25078,Nhập toàn bộ,"
    "Huyện Bảo Lâm (680),Tỉnh Lâm Đồng (68),\n"
    "Tỉnh Lâm Đồng (68),Xã Đắk Mil,24610,Thị trấn Đắk Mil,24610,Nhập toàn bộ,"
    "Huyện Đắk Mil (662),Tỉnh Đắk Nông (67),\n"
    "Tỉnh Lâm Đồng (68),Xã Đắk Mil,24610,Xã Đức Mạnh,24631,Nhập toàn bộ,"
    "Huyện Đắk Mil (662),Tỉnh Đắk Nông (67),\n"
    "QUẢNG NGÃI,,,,,,,,\n"
    "Tỉnh Quảng Ngãi (51),Xã Đăk Pék,23341,Thị trấn Đăk Glei,23341,Nhập toàn bộ,"
    "Huyện Đăk Glei (610),Tỉnh Kon Tum (62),\n"
    "Tỉnh Quảng Ngãi (51),Xã Đăk Pék,23341,Xã Đắk Pék,23353,Nhập toàn bộ,"
    "Huyện Đăk Glei (610),Tỉnh Kon Tum (62),\n"
    "Tỉnh Quảng Ngãi (51),Xã Bình Sơn,21091,Xã Bình Thanh,21091,Đổi tên,"
    "Huyện Bình Sơn (524),Tỉnh Quảng Ngãi (51),\n"
)


def load_map() -> dict[str, AdminUnit]:
    """Load the small map; return the current provinces and communes by short name."""
    load_admin_units(sources=snippets.sources(before=BEFORE, conversion=CONVERSION))
    current = AdminUnit.objects.current()
    return {
        "lam_dong": current.get(level=1, code="68"),
        "quang_ngai": current.get(level=1, code="51"),
        "bao_loc": current.get(level=3, code="24820"),
        "bao_lam": current.get(level=3, code="25078"),
        "dak_mil": current.get(level=3, code="24610"),
        "dak_pek": current.get(level=3, code="23341"),
        "binh_son": current.get(level=3, code="21091"),
    }


def officer(role: str, unit: AdminUnit | None = None, **extra):
    return make_user(role=role, scope_unit=unit, **extra)


def xlsx(headers: list[str], rows: Iterable[list], *, title: str | None = None) -> bytes:
    """A workbook with an optional title row, the header row and the data rows."""
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(actor, kind: str, content: bytes, name: str = "danh-sach.xlsx"):
    file = SimpleUploadedFile(
        name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return services.import_upload(actor=actor, kind=kind, file=file)


def rows_of(job) -> dict[int, dict]:
    """The stored results by sheet row number."""
    return {r["row"]: r for r in job.results}


def commit(job, actor):
    job = services.import_confirm(job=job, actor=actor)
    job.refresh_from_db()
    return job
