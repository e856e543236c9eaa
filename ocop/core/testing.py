"""Helpers for tests: a small real-shaped map, users of every role, producers made by the services."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from ocop.accounts.models import Role, User
from ocop.geo.domain import REFORM_DATE
from ocop.geo.models import AdminUnit

_counter = itertools.count(1)


def make_unit(
    *, code: str, name: str, kind: str, level: int, parent: AdminUnit | None = None, current: bool = True
) -> AdminUnit:
    map_key = "2025" if current else "pre2025"
    path = (parent.path if parent else f"/{map_key}/") + f"{code}/"
    return AdminUnit.objects.create(
        code=code,
        name=name,
        kind=kind,
        level=level,
        parent=parent,
        path=path,
        valid_from=REFORM_DATE if current else None,
        valid_to=None if current else REFORM_DATE,
    )


@dataclass
class SmallMap:
    """Two current provinces with two communes each, and one pre-2025 province/district/commune."""

    lam_dong: AdminUnit
    quang_ngai: AdminUnit
    communes: dict[str, AdminUnit] = field(default_factory=dict)
    old_commune: AdminUnit | None = None


def make_small_map() -> SmallMap:
    lam_dong = make_unit(code="68", name="Tỉnh Lâm Đồng", kind="tinh", level=1)
    quang_ngai = make_unit(code="51", name="Tỉnh Quảng Ngãi", kind="tinh", level=1)
    communes = {
        "dak_mil": make_unit(code="24823", name="Xã Đắk Mil", kind="xa", level=3, parent=lam_dong),
        "bao_loc": make_unit(code="24820", name="Phường Bảo Lộc 1", kind="phuong", level=3, parent=lam_dong),
        "dak_glei": make_unit(code="23284", name="Xã Đăk Glei", kind="xa", level=3, parent=quang_ngai),
        "ly_son": make_unit(code="21540", name="Đặc khu Lý Sơn", kind="dac_khu", level=3, parent=quang_ngai),
    }
    old_province = make_unit(code="67", name="Tỉnh Đắk Nông", kind="tinh", level=1, current=False)
    old_district = make_unit(
        code="662", name="Huyện Đắk Mil", kind="huyen", level=2, parent=old_province, current=False
    )
    old_commune = make_unit(
        code="24823", name="Thị trấn Đắk Mil", kind="thi_tran", level=3, parent=old_district, current=False
    )
    return SmallMap(lam_dong=lam_dong, quang_ngai=quang_ngai, communes=communes, old_commune=old_commune)


def make_user(*, role: str, scope_unit: AdminUnit | None = None, producer=None, **extra) -> User:
    n = next(_counter)
    return User.objects.create_user(
        username=extra.pop("username", f"{role}{n}"),
        password="pw-test-123",
        role=role,
        scope_unit=scope_unit,
        producer=producer,
        is_superuser=role == Role.ADMIN,
        is_staff=role == Role.ADMIN,
        **extra,
    )


def producer_data(commune: AdminUnit, **overrides) -> dict:
    n = next(_counter)
    data = {
        "name": f"Hợp tác xã Nông nghiệp số {n}",
        "kind": "htx",
        "registration_code": f"58{n:08d}",
        "legal_rep_name": "Nguyễn Thị Hoa",
        "legal_rep_gender": "nu",
        "legal_rep_ethnicity": "Kinh",
        "commune": commune,
        "address": f"Thôn {n}",
        "workforce_total": 20,
        "workforce_local": 15,
        "workforce_trained": 5,
        "joined_on": dt.date(2024, 3, 1),
    }
    data.update(overrides)
    return data


def new_page(browser):
    """A browser page in a fresh context (its own cookies), in Vietnamese, patient on a shared CI machine."""
    context = browser.new_context(locale="vi-VN", base_url=browser.ocop_base_url)
    context.set_default_timeout(20_000)
    return context.new_page()
