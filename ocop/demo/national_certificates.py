"""Recognition decisions and certificates for the national demo set: ``certify_national(products=..., ...)``.

About 90 % of the products get one certificate (3★ ~70 %, 4★ ~25 %, 5★ ~5 %), decided between 2022
and ``today`` in decisions grouped like real ones: each province signs a few decisions a year covering
many products, the minister signs the 5★ ones twice a year. Before 01/07/2025 the issuing unit is the
pre-2025 province of the producer's old commune, from that day the current province, none for the
minister: the rule of ``certification.historical.issuing_unit``. About 10 % have expired, about 0.5 %
are revoked. Rows are written with ``bulk_create_with_history`` (demo data at scale) but are exactly what
``historical.recognition_record`` and ``services.certificate_revoke`` would write: numbers
``NNN/GCN-OCOP-{tỉnh}-{năm}`` continuing the serials already used, ``valid_until`` by
``domain.valid_until``, an unguessable public token, scores inside the star band, a history entry with
the actor and the reason. Products that already hold a certificate are left alone.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ocop.accounts.models import User
from ocop.certification import domain, services
from ocop.certification.domain import RevocationGround
from ocop.certification.historical import HISTORICAL_REASON
from ocop.certification.models import Authority, Certificate, Decision, Revocation
from ocop.demo.accounts import ensure_admin
from ocop.demo.generator import with_dots
from ocop.geo.domain import REFORM_DATE, Level
from ocop.geo.models import AdminUnit
from ocop.geo.selectors import paths_of
from ocop.portal.services import catalogue_refresh
from ocop.registry.models import Product

FIRST_YEAR = 2022
STAR_WEIGHTS = {3: 0.70, 4: 0.25, 5: 0.05}
EXPIRED_SHARE = 0.10
REVOKED_SHARE = 0.005
PROVINCE_MONTHS = (3, 6, 9, 12)  # a province's council rounds: decisions at the end of each quarter
MINISTER_MONTHS = (5, 11)
MINISTRY_RENAMED = dt.date(2025, 3, 1)  # Bộ NN&PTNT + Bộ TN&MT → Bộ Nông nghiệp và Môi trường
DEMO = " (dữ liệu mẫu)"
LATE = " (quá hạn 15 ngày của khoản 4 Điều 8)"  # as services.certificate_revoke words it
REVOCATION_REASONS = {
    RevocationGround.CRITERIA_NOT_MET: "Hậu kiểm: sản phẩm không còn đáp ứng tiêu chí đã được công nhận.",
    RevocationGround.MARK_MISUSE: "Hậu kiểm: sử dụng nhãn hiệu OCOP không đúng hạng sao được công nhận.",
    RevocationGround.PRODUCTION_STOPPED: "UBND cấp xã xác nhận chủ thể đã ngừng sản xuất sản phẩm.",
}


@dataclass(frozen=True)
class Slot:
    """One decision a unit signs on one day; ``unit`` None for the minister."""

    unit_id: int | None
    day: dt.date


def _product_set(products: Iterable[Product] | None) -> list[Product]:
    qs = Product.objects.filter(certificates__isnull=True)
    if products is not None:
        qs = qs.filter(pk__in=[getattr(p, "pk", p) for p in products])
    return list(qs.select_related("producer__commune", "producer__legacy_commune").order_by("pk"))


def _ancestor_path(path: str) -> str:
    """``/pre2025/67/662/24823/`` → ``/pre2025/67/`` (its province)."""
    return "/" + "/".join(path.strip("/").split("/")[:2]) + "/"


class _Issuers:
    """The province issuing a product's decision before and after 01/07/2025 (``historical.issuing_unit``)."""

    def __init__(self) -> None:
        self.units = {u.path: u for u in AdminUnit.objects.filter(level=Level.PROVINCE)}
        self._single_predecessor: dict[str, str] = {}

    def before_reform(self, product: Product) -> AdminUnit | None:
        producer = product.producer
        if producer.legacy_commune_id:
            path = _ancestor_path(producer.legacy_commune.path)
        else:
            current = _ancestor_path(producer.commune.path)
            if current not in self._single_predecessor:
                self._single_predecessor[current] = paths_of(self.units.get(current))[1]
            path = self._single_predecessor[current]
        unit = self.units.get(path)
        return unit if unit is not None and unit.is_valid_on(REFORM_DATE - dt.timedelta(days=1)) else None

    def after_reform(self, product: Product) -> AdminUnit:
        return self.units[_ancestor_path(product.producer.commune.path)]


def _days(rng: random.Random, months: Iterable[int], *, start: dt.date, end: dt.date) -> list[dt.date]:
    """One signing day in each of ``months`` of each year, within [start, end]."""
    days = []
    for year in range(start.year, end.year + 1):
        for month in months:
            day = dt.date(year, month, rng.randint(5, 28))
            if start <= day <= end:
                days.append(day)
    return days


def _calendar(rng: random.Random, unit: AdminUnit | None, *, today: dt.date) -> list[Slot]:
    last = today - dt.timedelta(days=14)
    if unit is None:
        days = _days(rng, MINISTER_MONTHS, start=dt.date(FIRST_YEAR, 1, 1), end=last)
    elif unit.map_key == "pre2025":
        end = min(last, REFORM_DATE - dt.timedelta(days=1))
        days = _days(rng, PROVINCE_MONTHS, start=dt.date(FIRST_YEAR, 1, 1), end=end)
    else:
        days = _days(rng, PROVINCE_MONTHS, start=REFORM_DATE, end=last)
    return [Slot(unit.pk if unit else None, day) for day in days]


def _score(rng: random.Random, star: int) -> Decimal:
    low, high = {3: (5000, 6999), 4: (7000, 8999), 5: (9000, 9800)}[star]
    return Decimal(rng.randint(low, high)) / 100


def _pick_slot(rng: random.Random, slots: list[Slot], *, today: dt.date) -> Slot:
    expired = [s for s in slots if domain.valid_until(s.day) < today]
    live = [s for s in slots if domain.valid_until(s.day) >= today]
    bucket = expired if rng.random() < EXPIRED_SHARE else live
    return rng.choice(bucket or live or expired)


def _serials() -> dict[tuple[str, int], int]:
    """(issuer code, year) → last serial of the certificate numbers already recorded."""
    last: dict[tuple[str, int], int] = {}
    for number in Certificate.objects.values_list("number", flat=True).iterator():
        head, _, rest = number.partition("/GCN-OCOP-")
        code, _, year = rest.rpartition("-")
        if head.isdigit() and year.isdigit():
            key = (code, int(year))
            last[key] = max(last.get(key, 0), int(head))
    return last


def _decision_number(rng: random.Random, slot: Slot, used: set[tuple[str, int | None]], seq: dict) -> str:
    key = (slot.unit_id, slot.day.year)
    seq[key] = seq.get(key, rng.randint(80, 400)) + rng.randint(120, 900)
    if slot.unit_id is None:
        suffix = "QĐ-BNN-VPĐP" if slot.day < MINISTRY_RENAMED else "QĐ-BNNMT"
    else:
        suffix = "QĐ-UBND"
    number = f"{seq[key]}/{suffix}"
    while (number, slot.unit_id) in used:
        seq[key] += 1
        number = f"{seq[key]}/{suffix}"
    used.add((number, slot.unit_id))
    return number


def _decision(slot: Slot, unit: AdminUnit | None, *, number: str, actor: User) -> Decision:
    if unit is None:
        old_name = slot.day < MINISTRY_RENAMED
        ministry = "Nông nghiệp và Phát triển nông thôn" if old_name else "Nông nghiệp và Môi trường"
        authority, signer = Authority.MINISTER, f"Bộ trưởng Bộ {ministry}"
        title = f"Công nhận sản phẩm OCOP 5 sao năm {slot.day.year}{DEMO}"
    else:
        authority = Authority.PROVINCE_CHAIR
        signer = f"Chủ tịch UBND {unit.name[:1].lower()}{unit.name[1:]}"
        title = f"Công nhận sản phẩm đạt chuẩn OCOP {unit.name} năm {slot.day.year}{DEMO}"
    return Decision(
        number=number,
        signed_on=slot.day,
        authority=authority,
        unit=unit,
        signer=signer,
        title=title,
        created_by=actor,
    )


def _checked(record, *, exclude: list[str]):
    """Field validation as ``services._save`` does; uniqueness and constraints are left to the database."""
    record.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    return record


@transaction.atomic
def certify_national(
    *,
    products: Iterable[Product] | None = None,
    seed: int = 2026,
    share: float = 0.9,
    today: dt.date | None = None,
    actor: User | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, int | float]:
    """Certify ``share`` of ``products`` (default: every product without a certificate); return counts."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    actor = actor or ensure_admin()
    rng = random.Random(seed)
    candidates = _product_set(products)
    chosen = sorted(rng.sample(candidates, round(len(candidates) * share)), key=lambda p: p.pk)
    issuers = _Issuers()
    calendars: dict[int | None, list[Slot]] = {}

    def slots_of(unit: AdminUnit | None) -> list[Slot]:
        key = unit.pk if unit else None
        if key not in calendars:
            calendars[key] = _calendar(rng, unit, today=today)
        return calendars[key]

    plan: list[tuple[Product, int, Slot]] = []
    for product in chosen:
        star = rng.choices(list(STAR_WEIGHTS), weights=list(STAR_WEIGHTS.values()))[0]
        if star == 5:
            slots = slots_of(None)
        else:
            old = issuers.before_reform(product)
            slots = (slots_of(old) if old else []) + slots_of(issuers.after_reform(product))
        if slots:
            plan.append((product, star, _pick_slot(rng, slots, today=today)))

    units = {u.pk: u for u in issuers.units.values()}
    used = set(Decision.objects.values_list("number", "unit_id"))
    seq: dict = {}
    decisions = {}
    for slot in sorted({slot for _, _, slot in plan}, key=lambda s: (s.day, s.unit_id or 0)):
        number = _decision_number(rng, slot, used, seq)
        decision = _decision(slot, units.get(slot.unit_id), number=number, actor=actor)
        decisions[slot] = _checked(decision, exclude=["unit", "created_by"])
    bulk_create_with_history(
        list(decisions.values()),
        Decision,
        batch_size=500,
        default_user=actor,
        default_change_reason="Ghi nhận quyết định công nhận trước khi có hệ thống" + DEMO,
    )
    if log:
        log(f"  … {len(decisions)} quyết định công nhận")

    serials = _serials()
    certificates = []
    for product, star, slot in sorted(plan, key=lambda item: (item[2].day, item[2].unit_id or 0, item[0].pk)):
        unit = units.get(slot.unit_id)
        code = services.CENTRAL_CODE if unit is None else unit.path.strip("/").split("/")[1]
        serials[(code, slot.day.year)] = serial = serials.get((code, slot.day.year), 0) + 1
        certificate = Certificate(
            number=services.certificate_number(serial=serial, issuer_code=code, year=slot.day.year),
            decision=decisions[slot],
            product=product,
            producer=product.producer,
            star=star,
            score=_score(rng, star),
            issued_on=slot.day,
            valid_until=domain.valid_until(slot.day),
        )
        certificates.append(_checked(certificate, exclude=["decision", "product", "producer", "dossier"]))
    for start in range(0, len(certificates), 2000):
        bulk_create_with_history(
            certificates[start : start + 2000],
            Certificate,
            batch_size=500,
            default_user=actor,
            default_change_reason=HISTORICAL_REASON + DEMO,
        )
        if log:
            log(f"  … {min(start + 2000, len(certificates))} giấy chứng nhận")

    revocations = _revocations(rng, certificates, today=today, actor=actor)
    catalogue_refresh(product_ids=[c.product_id for c in certificates])  # bulk_create sends no signals
    return {
        "candidates": len(candidates),
        "decisions": len(decisions),
        "certificates": len(certificates),
        "stars_3": sum(c.star == 3 for c in certificates),
        "stars_4": sum(c.star == 4 for c in certificates),
        "stars_5": sum(c.star == 5 for c in certificates),
        "expired": sum(c.valid_until < today for c in certificates),
        "revoked": revocations,
        "seconds": round(time.perf_counter() - started, 2),
    }


def _revocations(rng: random.Random, certificates: list[Certificate], *, today: dt.date, actor: User) -> int:
    """Revoke about 0.5 % of the certificates still in force and older than 60 days, in past decisions."""
    old_enough = today - dt.timedelta(days=60)
    pool = [c for c in certificates if c.valid_until >= today and c.issued_on <= old_enough]
    if not pool:
        return 0
    chosen = rng.sample(pool, min(len(pool), max(1, round(len(certificates) * REVOKED_SHARE))))
    grounds = list(REVOCATION_REASONS)
    by_ground: dict[RevocationGround, list[Revocation]] = {}
    for index, certificate in enumerate(sorted(chosen, key=lambda c: c.pk), start=1):
        latest = min(certificate.valid_until, today) - dt.timedelta(days=15)
        span = max((latest - certificate.issued_on).days, 31)
        concluded_on = certificate.issued_on + dt.timedelta(days=rng.randint(30, span))
        decided_on = min(concluded_on + dt.timedelta(days=rng.randint(3, 14)), today)
        ground = rng.choice(grounds)
        suffix = "QĐ-BNNMT" if certificate.star == 5 else "QĐ-UBND"
        revocation = Revocation(
            certificate=certificate,
            ground=ground.value,
            concluded_on=concluded_on,
            decision_number=f"{2000 + index}/{suffix}",
            decided_on=decided_on,
            reason=REVOCATION_REASONS[ground],
            created_by=actor,
        )
        by_ground.setdefault(ground, []).append(_checked(revocation, exclude=["certificate", "created_by"]))
    for ground, rows in by_ground.items():
        for late in (False, True):
            batch = [r for r in rows if _late(r) is late]
            if batch:
                reason = f"Thu hồi theo {ground.citation}" + (LATE if late else "")
                bulk_create_with_history(batch, Revocation, default_user=actor, default_change_reason=reason)
    return len(chosen)


def _late(revocation: Revocation) -> bool:
    """As ``services.certificate_revoke`` judges it: decided after the 15 days of Điều 8.4."""
    return domain.revocation_overdue(revocation.concluded_on, revocation.decided_on, revocation.decided_on)


def summary(result: dict) -> str:
    """One line of counts for the command to print."""
    n = result["certificates"] or 1
    return with_dots(
        f"Đã tạo {result['decisions']:,} quyết định, {result['certificates']:,} giấy chứng nhận "
        f"(3 sao {result['stars_3'] / n:.0%}, 4 sao {result['stars_4'] / n:.0%}, "
        f"5 sao {result['stars_5'] / n:.0%}; hết hiệu lực {result['expired'] / n:.0%}, "
        f"thu hồi {result['revoked']}) trong {result['seconds']} giây "
        f"(created {result['certificates']:,} certificates in {result['seconds']} s)."
    )
