"""Builders for the plan tests (helper C's): a tiny Đắk Nông on both maps, and data made by the services.

::

    before 01/07/2025                                   from 01/07/2025
    DN "67" ─ Gia Nghĩa "660" ─ Nghĩa Đức "24611"       LD "68" ─ Bắc Gia Nghĩa "24611" ← 24611
            ─ Đắk Mil "663"   ─ TT Đắk Mil "24700"              ─ Đắk Mil "24700"       ← 24700 + 24703
                              ─ Đắk Lao "24703"     QN "51" ─ Lý Sơn "21540" (elsewhere)

plus the other reference plans' units (Bắc Giang 24, Đồng Tháp 87, Thừa Thiên Huế 46, Kon Tum 62 with
huyện Đăk Glei 610) with one district or commune each, so every reference plan has children.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from ocop.activities.services import media, sales_points
from ocop.certification.historical import recognition_record
from ocop.core.testing import make_unit, make_user, producer_data
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import AdminUnit, Succession
from ocop.registry import services as registry_services
from ocop.registry.models import ProductSet

_numbers = itertools.count(1)


@dataclass
class PlanMap:
    units: dict[str, AdminUnit] = field(default_factory=dict)
    admin: object = None
    product_set: ProductSet | None = None

    def __getitem__(self, key: str) -> AdminUnit:
        return self.units[key]


def build_plan_map() -> PlanMap:
    """The map above and an administrator (the taxonomy must be loaded: ``taxonomy`` fixture)."""
    u: dict[str, AdminUnit] = {}
    u["DN"] = make_unit(code="67", name="Tỉnh Đắk Nông", kind="tinh", level=1, current=False)
    u["GN"] = make_unit(
        code="660", name="Thành phố Gia Nghĩa", kind="thanh_pho", level=2, parent=u["DN"], current=False
    )
    u["DM"] = make_unit(
        code="663", name="Huyện Đắk Mil", kind="huyen", level=2, parent=u["DN"], current=False
    )
    u["nd"] = make_unit(
        code="24611", name="Phường Nghĩa Đức", kind="phuong", level=3, parent=u["GN"], current=False
    )
    u["tt"] = make_unit(
        code="24700", name="Thị trấn Đắk Mil", kind="thi_tran", level=3, parent=u["DM"], current=False
    )
    u["dl"] = make_unit(code="24703", name="Xã Đắk Lao", kind="xa", level=3, parent=u["DM"], current=False)
    u["LD"] = make_unit(code="68", name="Tỉnh Lâm Đồng", kind="tinh", level=1)
    u["bgn"] = make_unit(code="24611", name="Phường Bắc Gia Nghĩa", kind="phuong", level=3, parent=u["LD"])
    u["dm"] = make_unit(code="24700", name="Xã Đắk Mil", kind="xa", level=3, parent=u["LD"])
    u["QN"] = make_unit(code="51", name="Tỉnh Quảng Ngãi", kind="tinh", level=1)
    u["ls"] = make_unit(code="21540", name="Đặc khu Lý Sơn", kind="dac_khu", level=3, parent=u["QN"])
    for old, new, kind in (
        ("DN", "LD", "merged_whole"),
        ("GN", "LD", "merged_whole"),
        ("DM", "LD", "merged_whole"),
        ("nd", "bgn", "kept"),
        ("tt", "dm", "merged_whole"),
        ("dl", "dm", "merged_whole"),
    ):
        Succession.objects.create(predecessor=u[old], successor=u[new], kind=kind, effective_on=REFORM_DATE)
    # the other reference plans' scope units (pre-2025), each with one child
    for key, code, name in (
        ("BG", "24", "Tỉnh Bắc Giang"),
        ("DT", "87", "Tỉnh Đồng Tháp"),
        ("TTH", "46", "Tỉnh Thừa Thiên Huế"),
        ("KT", "62", "Tỉnh Kon Tum"),
    ):
        u[key] = make_unit(code=code, name=name, kind="tinh", level=1, current=False)
        if key != "KT":
            u[f"{key}d"] = make_unit(
                code=f"{code}9",
                name=f"Huyện số 1 ({name})",
                kind="huyen",
                level=2,
                parent=u[key],
                current=False,
            )
    u["DG"] = make_unit(
        code="610", name="Huyện Đăk Glei", kind="huyen", level=2, parent=u["KT"], current=False
    )
    u["dg1"] = make_unit(
        code="23341", name="Thị trấn Đắk Glei", kind="thi_tran", level=3, parent=u["DG"], current=False
    )
    u["dg2"] = make_unit(code="23344", name="Xã Đắk Blô", kind="xa", level=3, parent=u["DG"], current=False)
    world = PlanMap(units=u, admin=make_user(role="admin"))
    world.product_set = ProductSet.objects.get(number=18, group__sector__regime="26/2026")
    return world


def certified_product(world: PlanMap, commune: AdminUnit, *, star: int = 3, on: dt.date):
    """A producer in a current ``commune`` with one product recognised (``star``) on ``on``."""
    producer = registry_services.producer_create(
        actor=world.admin, **producer_data(commune, joined_on=dt.date(2020, 1, 1))
    )
    product = registry_services.product_create(
        actor=world.admin, producer=producer, name=f"Sản phẩm {next(_numbers)}", product_set=world.product_set
    )
    recognition_record(
        actor=world.admin,
        product=product,
        star=star,
        decided_on=on,
        decision_number=f"{next(_numbers)}/QĐ-UBND",
        authority="minister" if star == 5 else "province_chair",
    )
    return product


def media_item(world: PlanMap, unit: AdminUnit, *, kind: str = "tv_clip", on: dt.date):
    return media.media_create(
        actor=world.admin,
        unit=unit,
        kind=kind,
        title=f"Phóng sự {next(_numbers)}",
        channel="Đài PT-TH",
        published_on=on,
    )


def sales_point(world: PlanMap, commune: AdminUnit, *, opened: dt.date):
    return sales_points.sales_point_create(
        actor=world.admin, unit=commune, name=f"Điểm bán {next(_numbers)}", address="Số 1", opened_on=opened
    )
