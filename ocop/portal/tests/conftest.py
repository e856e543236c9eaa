"""Portal fixtures: a fixed "today", places on both maps, producers and products certified through the real
services (``historical.recognition_record``, ``services.certificate_revoke``) in every status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ocop.certification import services as certification_services
from ocop.certification.historical import recognition_record
from ocop.core.testing import make_unit, producer_data
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import Succession
from ocop.registry import services as registry_services

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2026, 6, 15)
PRIVATE_PHONE = "0987654321"
PRIVATE_TAX_CODE = "5800999111"
PRIVATE_REP = "Bà Trần Thị Riêng Tư"
# A GTIN-13 with a right check digit (893 = GS1 Vietnam): 8 9 3 6 0 0 0 0 0 0 0 1 → check 1.
GTIN13 = "8936000000011"
SECRET_SCORE = Decimal("93.47")  # the council's mark: not public


def at(day: dt.date):
    """Travel to 09:00 in Vietnam on ``day`` (the clock stands still)."""
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN), tick=False)


@pytest.fixture(autouse=True)
def _today():
    with at(TODAY):
        yield


@dataclass
class Places:
    phu_quoc: object
    dak_plo: object
    dak_mil: object
    bao_loc: object
    an_giang: object
    quang_ngai: object
    lam_dong: object


@pytest.fixture
def places(small_map) -> Places:
    """Small map plus Phú Quốc (An Giang; was Kiên Giang) and Đăk Plô (Quảng Ngãi; was Huyện Đăk Glei, Kon
    Tum), each with its pre-2025 predecessor so producers there get a ``legacy_commune``."""
    an_giang = make_unit(code="91", name="Tỉnh An Giang", kind="tinh", level=1)
    phu_quoc = make_unit(code="31008", name="Đặc khu Phú Quốc", kind="dac_khu", level=3, parent=an_giang)
    dak_plo = make_unit(code="23290", name="Xã Đăk Plô", kind="xa", level=3, parent=small_map.quang_ngai)
    kien_giang = make_unit(code="91", name="Tỉnh Kiên Giang", kind="tinh", level=1, current=False)
    pq_city = make_unit(
        code="911", name="Thành phố Phú Quốc", kind="thanh_pho", level=2, parent=kien_giang, current=False
    )
    duong_dong = make_unit(
        code="31008", name="Phường Dương Đông", kind="phuong", level=3, parent=pq_city, current=False
    )
    kon_tum = make_unit(code="62", name="Tỉnh Kon Tum", kind="tinh", level=1, current=False)
    dak_glei = make_unit(
        code="610", name="Huyện Đăk Glei", kind="huyen", level=2, parent=kon_tum, current=False
    )
    dak_choong = make_unit(
        code="23290", name="Xã Đắk Choong", kind="xa", level=3, parent=dak_glei, current=False
    )
    for old, new in (
        (duong_dong, phu_quoc),
        (dak_choong, dak_plo),
        (small_map.old_commune, small_map.communes["dak_mil"]),
    ):
        Succession.objects.create(
            predecessor=old, successor=new, kind="merged_whole", effective_on=REFORM_DATE
        )
    return Places(
        phu_quoc=phu_quoc,
        dak_plo=dak_plo,
        dak_mil=small_map.communes["dak_mil"],
        bao_loc=small_map.communes["bao_loc"],
        an_giang=an_giang,
        quang_ngai=small_map.quang_ngai,
        lam_dong=small_map.lam_dong,
    )


@dataclass
class Maker:
    """Makes producers, products and certificates through the services, as the admin."""

    admin: object
    product_set: object
    places: Places
    serial: list[int] = field(default_factory=lambda: [0])

    def producer(self, commune, name: str, kind: str = "htx"):
        return registry_services.producer_create(
            actor=self.admin,
            **producer_data(
                commune,
                name=name,
                kind=kind,
                phone=PRIVATE_PHONE,
                tax_code=PRIVATE_TAX_CODE,
                legal_rep_name=PRIVATE_REP,
                workforce_total=77,
                workforce_local=66,
                workforce_trained=55,
            ),
        )

    def product(self, producer, name: str, *, product_set=None, **extra):
        return registry_services.product_create(
            actor=self.admin,
            producer=producer,
            name=name,
            product_set=product_set or self.product_set,
            **extra,
        )

    def certify(self, product, *, star: int = 4, on: dt.date = dt.date(2026, 1, 15), score=None):
        self.serial[0] += 1
        authority = "minister" if star == 5 else "province_chair"
        return recognition_record(
            actor=self.admin,
            product=product,
            star=star,
            decided_on=on,
            decision_number=f"{self.serial[0]}/QĐ-{'BNNMT' if star == 5 else 'UBND'}",
            authority=authority,
            score=score,
        )

    def revoke(self, certificate, *, on: dt.date = dt.date(2026, 5, 1)):
        return certification_services.certificate_revoke(
            actor=self.admin,
            certificate=certificate,
            ground="d",
            concluded_on=on - dt.timedelta(days=3),
            decision_number=f"R{certificate.pk}/QĐ-UBND",
            decided_on=on,
            reason="Sử dụng nhãn hiệu OCOP không đúng quy định.",
        )

    def certified(self, commune, name: str, *, star: int = 4, on: dt.date = dt.date(2026, 1, 15), **extra):
        """A new producer with one product certified ``star`` on ``on``; returns the product."""
        producer = self.producer(commune, f"Hợp tác xã {name}")
        product = self.product(producer, name, **extra)
        self.certify(product, star=star, on=on)
        return product


@pytest.fixture
def maker(places, admin_user, product_set) -> Maker:
    return Maker(admin=admin_user, product_set=product_set, places=places)


@dataclass
class World:
    maker: Maker
    products: dict
    producers: dict
    certificates: dict


@pytest.fixture
def world(maker: Maker, places: Places) -> World:
    """Products in every status on 15/06/2026:

    - ``nuoc_mam`` Nước mắm Phú Quốc 40 độ đạm, 5★ valid, GTIN-13, enterprise in Phú Quốc (An Giang);
    - ``sam_day`` Sâm dây Ngọc Linh, 4★ valid, in Đăk Plô (was Huyện Đăk Glei, Kon Tum);
    - ``ca_phe`` Cà phê Robusta, 3★ expiring (recognised 01/09/2023), in Đắk Mil (Lâm Đồng);
    - ``mat_ong`` Mật ong hoa cà phê, expired (recognised 10/05/2022), in Đắk Mil;
    - ``tra`` Trà Shan tuyết, 4★ revoked on 01/05/2026, in Bảo Lộc;
    - ``mien`` Miến dong, 3★ upgraded to 4★: one product, its current certificate 4★;
    - ``ruou`` Rượu cần, never certified.
    """
    m = maker
    producers = {
        "hung_thanh": m.producer(places.phu_quoc, "Công ty TNHH Nước mắm Hưng Thành", kind="doanh_nghiep"),
        "mang_den": m.producer(places.dak_plo, "Hợp tác xã Dược liệu Măng Đen"),
        "dak_mil": m.producer(places.dak_mil, "Hợp tác xã Nông nghiệp Thuận An", kind="tht"),
        "bao_loc": m.producer(places.bao_loc, "Hộ kinh doanh Trà Bảo Lộc", kind="ho_kinh_doanh"),
    }
    products = {
        "nuoc_mam": m.product(
            producers["hung_thanh"],
            "Nước mắm Phú Quốc 40 độ đạm",
            gtin=GTIN13,
            description="Nước mắm truyền thống ủ chượp 12 tháng.",
            story="Ba thế hệ làm nước mắm ở Dương Đông.",
        ),
        "sam_day": m.product(producers["mang_den"], "Sâm dây Ngọc Linh"),
        "ca_phe": m.product(producers["dak_mil"], "Cà phê Robusta"),
        "mat_ong": m.product(producers["dak_mil"], "Mật ong hoa cà phê"),
        "tra": m.product(producers["bao_loc"], "Trà Shan tuyết"),
        "mien": m.product(producers["mang_den"], "Miến dong"),
        "ruou": m.product(producers["mang_den"], "Rượu cần"),
    }
    certificates = {
        "nuoc_mam": m.certify(products["nuoc_mam"], star=5, on=dt.date(2026, 2, 10), score=SECRET_SCORE),
        "sam_day": m.certify(products["sam_day"], star=4),
        "ca_phe": m.certify(products["ca_phe"], star=3, on=dt.date(2023, 9, 1)),
        "mat_ong": m.certify(products["mat_ong"], star=3, on=dt.date(2022, 5, 10)),
        "tra": m.certify(products["tra"], star=4, on=dt.date(2026, 2, 1)),
        "mien_old": m.certify(products["mien"], star=3, on=dt.date(2024, 3, 1)),
        "mien": m.certify(products["mien"], star=4, on=dt.date(2026, 3, 1)),
    }
    m.revoke(certificates["tra"])
    return World(maker=m, products=products, producers=producers, certificates=certificates)


def png_bytes() -> bytes:
    """A tiny real PNG (the registry checks uploaded images)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (27, 110, 58)).save(buffer, format="PNG")
    return buffer.getvalue()


def add_photo(product, admin, caption: str = ""):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return registry_services.product_photo_add(
        actor=admin,
        product=product,
        image=SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png"),
        caption=caption,
    )
