"""Write demo producers and products into the registry: ``generate(size="small"|"national", seed=2026)``.

Small (about 300 producers, 600 products) goes through the registry services, as a person would, so
every record is validated and has its history entry; the provinces of the project's reference plans
(Lâm Đồng, Quảng Ngãi, Bắc Ninh, Đồng Tháp, Huế) get a larger share. National (about 10,000
producers, 20,000 products, spread over the 34 provinces in proportion to their communes) is built
with ``bulk_create_with_history``: the search keys are computed first (``bulk_create`` skips
``save()``) and history rows are written in bulk beside the records. Both refuse to run without a
loaded map and taxonomy, and never reuse a registration code or producer name already in the database.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Literal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from ocop.accounts.models import User
from ocop.core.exceptions import ApplicationError
from ocop.demo.accounts import ensure_admin
from ocop.demo.planning import Place, ProducerSpec, plan_producers
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import principal_predecessor_ids
from ocop.registry import services
from ocop.registry.domain import parse_ocop_code
from ocop.registry.models import CURRENT_REGIME, Producer, Product, ProductSet

Size = Literal["small", "national"]
SIZES: dict[str, int] = {"small": 300, "national": 10_000}
# Provinces of the reference plans (folded short name → share of the small set's producers).
FOCUS: dict[str, float] = {
    "lam dong": 0.16,
    "quang ngai": 0.07,
    "bac ninh": 0.06,
    "dong thap": 0.06,
    "hue": 0.06,
}
REASON = "Dữ liệu mẫu (demo)"
BATCH_SIZE = 2000


def load_places() -> dict[str, list[Place]]:
    """Current communes (level 3, no end of validity) by current province code, in code order."""
    provinces = {u.code: u.name for u in AdminUnit.objects.current().filter(level=1)}
    places: dict[str, list[Place]] = {}
    communes = (
        AdminUnit.objects.current()
        .filter(level=3)
        .order_by("code")
        .values_list("pk", "code", "name", "kind", "path")
    )
    for pk, code, name, kind, path in communes:
        province_code = path.strip("/").split("/")[1]
        if province_code not in provinces:
            continue
        places.setdefault(province_code, []).append(
            Place(
                commune_id=pk,
                commune_code=code,
                commune_name=name,
                commune_kind=kind,
                province_code=province_code,
                province_name=provinces[province_code],
            )
        )
    return places


def current_sets() -> dict[int, ProductSet]:
    return {s.number: s for s in ProductSet.objects.filter(group__sector__regime=CURRENT_REGIME)}


def generate(
    *, size: Size, seed: int = 2026, producers: int | None = None, log: Callable[[str], None] | None = None
) -> dict[str, int | float | str]:
    """Create demo producers and products; return counts and seconds. ``producers`` overrides the size."""
    if size not in SIZES:
        raise ApplicationError(f"Cỡ dữ liệu mẫu không hợp lệ: {size!r} (small hoặc national).", field="size")
    started = time.perf_counter()
    places = load_places()
    if not places:
        raise ApplicationError(
            "Chưa có đơn vị hành chính hiện hành; hãy chạy `manage.py load_admin_units` trước.", field="size"
        )
    sets = current_sets()
    if len(sets) < 26:
        raise ApplicationError("Chưa nạp danh mục bộ sản phẩm; hãy chạy `manage.py load_taxonomy` trước.")
    actor = ensure_admin()
    count = producers if producers is not None else SIZES[size]
    specs = plan_producers(
        places=places,
        count=count,
        seed=seed,
        focus=FOCUS if size == "small" else None,
        taken_codes=set(Producer.objects.values_list("registration_code", flat=True)),
        taken_names=set(Producer.objects.values_list("name_folded", flat=True)),
        ocop_serials=_last_ocop_serials(),
    )
    planned = time.perf_counter()
    if size == "small":
        made = _create_through_services(specs, sets=sets, actor=actor)
    else:
        made = _create_in_bulk(specs, sets=sets, actor=actor, log=log)
    finished = time.perf_counter()
    return {
        "size": size,
        "seed": seed,
        "producers": made[0],
        "products": made[1],
        "provinces": len({s.place.province_code for s in specs}),
        "communes": len({s.place.commune_id for s in specs}),
        "women_led": sum(s.fields["legal_rep_gender"] == "nu" for s in specs),
        "minority_led": sum(s.fields["legal_rep_ethnicity"] != "Kinh" for s in specs),
        "green": sum(bool(s.fields["green_value_chain"]) for s in specs),
        "plan_seconds": round(planned - started, 2),
        "seconds": round(finished - started, 2),
    }


def generate_in_old_area(*, old_path: str, producers: int, seed: int = 2027) -> dict[str, int]:
    """Extra demo producers in the current communes counted in one pre-2025 area (e.g. "/pre2025/67/").

    The reference plans are drawn on old provinces and districts; this gives their dashboards enough
    records to show. Through the registry's services, like the small set.
    """
    places = load_places()
    commune_ids = [place.commune_id for province in places.values() for place in province]
    legacy = principal_predecessor_ids(commune_ids)
    legacy_paths = dict(AdminUnit.objects.filter(pk__in=set(legacy.values())).values_list("pk", "path"))
    in_area = {
        code: [p for p in province if legacy_paths.get(legacy.get(p.commune_id), "").startswith(old_path)]
        for code, province in places.items()
    }
    in_area = {code: chosen for code, chosen in in_area.items() if chosen}
    if not in_area:
        return {"producers": 0, "products": 0}
    specs = plan_producers(
        places=in_area,
        count=producers,
        seed=seed,
        taken_codes=set(Producer.objects.values_list("registration_code", flat=True)),
        taken_names=set(Producer.objects.values_list("name_folded", flat=True)),
        ocop_serials=_last_ocop_serials(),
    )
    made = _create_through_services(specs, sets=current_sets(), actor=ensure_admin())
    return {"producers": made[0], "products": made[1]}


def _last_ocop_serials() -> dict[str, int]:
    """Commune code → highest serial in the OCOP product codes already recorded."""
    last: dict[str, int] = {}
    for code in Product.objects.exclude(ocop_code="").values_list("ocop_code", flat=True).iterator():
        parts = parse_ocop_code(code)
        if parts:
            last[parts["commune"]] = max(last.get(parts["commune"], 0), int(parts["serial"]))
    return last


@transaction.atomic
def _create_through_services(
    specs: list[ProducerSpec], *, sets: dict[int, ProductSet], actor: User
) -> tuple[int, int]:
    communes = AdminUnit.objects.in_bulk([s.place.commune_id for s in specs])
    n_products = 0
    for spec in specs:
        producer = services.producer_create(
            actor=actor, reason=REASON, commune=communes[spec.place.commune_id], **spec.fields
        )
        for item in spec.products:
            services.product_create(
                actor=actor,
                producer=producer,
                reason=REASON,
                name=item.name,
                product_set=sets[item.set_number],
                description=item.description,
                story=item.story,
                ocop_code=item.ocop_code,
                gtin=item.gtin,
            )
            n_products += 1
    return len(specs), n_products


@transaction.atomic
def _create_in_bulk(
    specs: list[ProducerSpec],
    *,
    sets: dict[int, ProductSet],
    actor: User,
    log: Callable[[str], None] | None,
) -> tuple[int, int]:
    n_producers = n_products = 0
    for start in range(0, len(specs), BATCH_SIZE):
        batch = specs[start : start + BATCH_SIZE]
        producers = []
        legacy = principal_predecessor_ids({spec.place.commune_id for spec in batch})
        for spec in batch:
            producer = Producer(
                commune_id=spec.place.commune_id,
                legacy_commune_id=legacy.get(spec.place.commune_id),
                created_by=actor,
                **spec.fields,
            )
            producer.refresh_search_keys()  # bulk_create does not call save()
            producers.append(producer)
        producers = bulk_create_with_history(
            producers, Producer, batch_size=500, default_user=actor, default_change_reason=REASON
        )
        products = []
        for spec, producer in zip(batch, producers, strict=True):
            for item in spec.products:
                product = Product(
                    producer=producer,
                    product_set_id=sets[item.set_number].pk,
                    name=item.name,
                    description=item.description,
                    story=item.story,
                    ocop_code=item.ocop_code,
                    gtin=item.gtin,
                    created_by=actor,
                )
                product.refresh_search_keys()
                products.append(product)
        bulk_create_with_history(
            products, Product, batch_size=500, default_user=actor, default_change_reason=REASON
        )
        n_producers += len(producers)
        n_products += len(products)
        if log:
            log(f"  … {n_producers} chủ thể, {n_products} sản phẩm")
    return n_producers, n_products


def summary(result: dict) -> str:
    """One line of counts and shares for the commands to print."""
    n = result["producers"] or 1
    producers, products, seconds = result["producers"], result["products"], result["seconds"]
    return with_dots(
        f"Đã tạo {producers:,} chủ thể, {products:,} sản phẩm tại {result['communes']:,} xã/phường "
        f"của {result['provinces']} tỉnh/thành trong {seconds} giây "
        f"(created {producers:,} producers, {products:,} products in {seconds} s). "
        f"Nữ làm chủ {result['women_led'] / n:.0%}, người DTTS {result['minority_led'] / n:.0%}, "
        f"chuỗi giá trị xanh {result['green'] / n:.0%}."
    )


def with_dots(text: str) -> str:
    """Vietnamese thousands separators: 10,000 → 10.000 (the text has no other commas inside numbers)."""
    return re.sub(r"(?<=\d),(?=\d{3})", ".", text)
