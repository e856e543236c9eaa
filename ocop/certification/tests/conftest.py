"""Certification fixtures: a product in each commune of the small map, users of every role, scored dossiers
and certificates made through the real services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from ocop.certification import services
from ocop.certification.models import Certificate
from ocop.core.testing import make_user, producer_data
from ocop.evaluation import lifecycle
from ocop.evaluation.models import Council, CouncilMember, Dossier, DossierKind, Result, RoundLevel
from ocop.evaluation.services.councils import council_create, council_member_add
from ocop.evaluation.services.dossiers import dossier_transition
from ocop.evaluation.services.rounds import round_create
from ocop.evaluation.tests.conftest import advance_to, make_submitted_dossier
from ocop.registry import services as registry_services

ALL = ("dak_mil", "bao_loc", "dak_glei", "ly_son")
PROVINCE_OF = {"dak_mil": "lam_dong", "bao_loc": "lam_dong", "dak_glei": "quang_ngai", "ly_son": "quang_ngai"}

# Which communes' certificates each user may see (the registry's scope).
VISIBLE = {
    "admin": set(ALL),
    "central": set(ALL),
    "province_ld": {"dak_mil", "bao_loc"},
    "province_qn": {"dak_glei", "ly_son"},
    "commune_dak_mil": {"dak_mil"},
    "council_ld": {"dak_mil", "bao_loc"},
    "producer_dak_mil": {"dak_mil"},
    "producer_unlinked": set(),
}
# Which communes' 3–4★ certificates each user may revoke and inspect (Điều 8.2, 9.4).
ACTS_ON = {
    "admin": set(ALL),
    "central": set(ALL),
    "province_ld": {"dak_mil", "bao_loc"},
    "province_qn": {"dak_glei", "ly_son"},
    "commune_dak_mil": set(),
    "council_ld": set(),
    "producer_dak_mil": set(),
    "producer_unlinked": set(),
}
# Who may record a province's recognition decision.
DECIDERS = {"admin", "central", "province_ld", "province_qn"}

PRIVATE_PHONE = "0912345678"
PRIVATE_EMAIL_DOMAIN = "htx-bimat.vn"


@dataclass
class CertWorld:
    map: object
    users: dict
    producers: dict
    products: dict


@pytest.fixture
def cert_world(small_map, product_set, admin_user):
    """One producer with one product in each of the four communes, and a user of every role."""
    producers, products = {}, {}
    for key, commune in small_map.communes.items():
        producers[key] = registry_services.producer_create(
            actor=admin_user,
            **producer_data(
                commune,
                name=f"Hợp tác xã Dược liệu {key.replace('_', ' ').title()}",
                legal_rep_name=f"Bà Lê Thị Bí Mật {key}",
                phone=PRIVATE_PHONE,
                email=f"{key}@{PRIVATE_EMAIL_DOMAIN}",
            ),
        )
        products[key] = registry_services.product_create(
            actor=admin_user,
            producer=producers[key],
            name=f"Sâm dây Ngọc Linh {key}",
            product_set=product_set,
        )
    users = {
        "admin": admin_user,
        "central": make_user(role="central"),
        "province_ld": make_user(role="province", scope_unit=small_map.lam_dong, email="tinh-ld@ocop.gov.vn"),
        "province_qn": make_user(
            role="province", scope_unit=small_map.quang_ngai, email="tinh-qn@ocop.gov.vn"
        ),
        "commune_dak_mil": make_user(role="commune", scope_unit=small_map.communes["dak_mil"]),
        "council_ld": make_user(role="council", scope_unit=small_map.lam_dong),
        "producer_dak_mil": make_user(role="producer", producer=producers["dak_mil"]),
        "producer_unlinked": make_user(role="producer"),
    }
    return CertWorld(map=small_map, users=users, producers=producers, products=products)


# ------------------------------------------------------------------------------------------------------
# Scored dossiers, walked through the real services with the evaluation app's helpers (make_submitted_dossier,
# advance_to). Its scoring service (result_conclude) needs three members' full score sheets; instead the
# council's Result row is created directly with the star a test needs, and the chair then moves the dossier
# to "scored" through dossier_transition, exactly as result_conclude does.


def _admin():
    from ocop.accounts.models import User

    return User.objects.filter(is_superuser=True).order_by("pk").first()


def _central_council() -> Council:
    council = Council.objects.filter(round__level=RoundLevel.CENTRAL, members__role="chair").first()
    if council is not None:
        return council
    admin = _admin()
    today = timezone.localdate()
    round_ = round_create(
        actor=admin,
        level=RoundLevel.CENTRAL,
        unit=None,
        year=today.year,
        number=1,
        proposal_deadline=today + dt.timedelta(days=30),
        conclusion_deadline=today + dt.timedelta(days=90),
    )
    council = council_create(actor=admin, round=round_, name="Hội đồng cấp trung ương")
    council_member_add(actor=admin, council=council, user=make_user(role="central"), role="chair")
    return council


def _conclude(dossier: Dossier, *, star: int, mean: Decimal) -> Dossier:
    """Stands in for result_conclude: the council's Result, then the chair's step to "scored"."""
    dossier = Dossier.objects.select_related("council").get(pk=dossier.pk)
    Result.objects.create(
        dossier=dossier,
        council=dossier.council,
        mean_score=mean,
        band_star=min(star, 5),
        cap_star=star,
        final_star=star,
        member_totals={"Thành viên 1": float(mean)},
    )
    chair = CouncilMember.objects.get(council=dossier.council, role="chair").user
    return dossier_transition(actor=chair, dossier=dossier, to_status=lifecycle.SCORED)


MEANS = {3: Decimal("62.50"), 4: Decimal("78.25"), 5: Decimal("93.40")}


def make_scored_dossier(
    product,
    *,
    star: int = 4,
    mean: Decimal | None = None,
    kind: str = DossierKind.FIRST,
    previous: Certificate | None = None,
    central: bool = False,
    central_star: int = 5,
    central_mean: Decimal | None = None,
) -> Dossier:
    """A dossier of ``product`` in status "scored" with a province result of ``star`` (``mean`` points).

    ``central=True`` sends it on to the central council (needs a province result ≥ 90), which rates it
    ``central_star`` with ``central_mean`` points.
    """
    extra = {}
    if previous is not None:
        extra = {
            "previous_certificate_number": previous.number,
            "previous_star": previous.star,
            "previous_valid_until": previous.valid_until,
        }
    dossier = make_submitted_dossier(product, kind=kind, **extra)
    dossier = advance_to(dossier, lifecycle.COUNCIL)
    dossier = _conclude(dossier, star=star, mean=MEANS[star] if mean is None else mean)
    if central:
        dossier = advance_to(dossier, lifecycle.CENTRAL)
        dossier = advance_to(dossier, lifecycle.COUNCIL, council=_central_council())
        dossier = _conclude(dossier, star=central_star, mean=central_mean or MEANS[max(central_star, 3)])
    return Dossier.objects.get(pk=dossier.pk)


def issue(
    product, *, signed_on: dt.date, star: int = 4, number: str | None = None, actor=None, **kwargs
) -> Certificate:
    """A certificate for ``product`` through a scored dossier and ``decision_issue``."""
    dossier = make_scored_dossier(product, star=star, **kwargs)
    actor = actor or _admin()
    decision = services.decision_issue(
        actor=actor,
        dossiers=[dossier],
        number=number or f"{dossier.pk}/QĐ-UBND",
        signed_on=signed_on,
        signer="Nguyễn Văn Chủ Tịch",
    )
    return decision.certificates.get()


@pytest.fixture
def certificates(cert_world):
    """One 4★ certificate per commune, signed 15/01/2026 (valid until 15/01/2029)."""
    return {key: issue(cert_world.products[key], signed_on=dt.date(2026, 1, 15)) for key in ALL}
