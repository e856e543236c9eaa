"""Evaluation fixtures and helpers that walk dossiers through the real services, for every evaluation test.

Fixtures (in this directory; elsewhere import them: ``from ocop.evaluation.tests.conftest import eval_world,
rubrics``):

- ``rubrics`` — loads the 26 score sheets of QĐ 26/2026 (``rubrics_load()``) and returns its counts.
- ``eval_world`` — an ``EvalWorld``: the root ``small_map``; one producer per commune, each with a product in
  set 18 ("Sâm dây Ngọc Linh …") and the Đắk Mil producer also a set-1 product (``products["dak_mil_rau"]``);
  users of every role (see ``EvalWorld.users``); an open province round for each province
  (``rounds["lam_dong"]``, ``rounds["quang_ngai"]``) with deadlines 30 and 90 days after today.

Helpers (plain functions, import them from this module):

- ``make_dossier(product, *, actor=None, kind="first", **kwargs) -> Dossier`` — a draft (``dossier_create``).
- ``fill_self_scores(dossier, *, actor=None, choose="best", only_missing=False) -> None`` — a self-score on
  every applicable criterion; ``choose`` is "best" (highest points), "worst" (lowest), a dict code → option
  index (others "best"), or a function ``criterion -> option index``.
- ``make_submitted_dossier(product, *, actor=None, today=None, choose="best", **create_kwargs) -> Dossier``.
- ``advance_to(dossier, status, *, today=None, actors=None, round=None, council=None, reason=None,
  choose="best", result_score=None) -> Dossier`` — takes the shortest legal path (``lifecycle.TRANSITIONS``)
  from the dossier's state to ``status``, each step by a user entitled to it, filling what the step needs:
  self-scores before submission, a complete Mẫu 03 before the province, an open round of the province at
  intake, the advisory report and a council (with a chair) of the dossier's round before the council.
  ``scored``/``not_recognised`` are reached by a bare transition of the chair (no score sheets or result are
  made: use the scoring services for those); ``central`` needs a province result ≥ 90, made from
  ``result_score`` (default 92) when the dossier has none; ``decided`` is the bare transition (no decision or
  certificate: the certification services make those). Returns the dossier reloaded from the database.
- ``actors_for(dossier) -> Actors`` — users entitled to each step of a dossier (found, or made once).
- ``make_council(round_, *, actor, chair=None, name=None) -> Council`` — a council of a round with a chair.
- ``record_province_result(dossier, score=92) -> None`` — a province result row (for the ``central`` step).
- ``path_to(from_status, to_status) -> list[str]`` — the states ``advance_to`` walks through.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from ocop.accounts.models import Role, User
from ocop.core.testing import make_user, producer_data
from ocop.evaluation import lifecycle
from ocop.evaluation.domain import is_applicable
from ocop.evaluation.models import Council, CouncilMember, Dossier, MemberRole, Round, RoundLevel
from ocop.evaluation.rubrics import Criterion
from ocop.evaluation.services.dossiers import (
    COMMUNE_ASSESSMENT_FIELDS,
    dossier_advisory_update,
    dossier_create,
    dossier_transition,
    self_score_set,
)
from ocop.evaluation.services.rounds import round_create
from ocop.evaluation.services.rubrics import rubric_current, rubrics_load
from ocop.geo.models import AdminUnit
from ocop.registry import services as registry_services
from ocop.registry.models import Product, ProductSet

# ----------------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture
def rubrics(db) -> dict[str, int]:
    """The 26 score sheets of QĐ 26/2026 loaded as rubric versions."""
    return rubrics_load()


@dataclass
class EvalWorld:
    """A small world for evaluation tests (see the module docstring)."""

    map: Any
    users: dict[str, User]
    producers: dict[str, Any]
    products: dict[str, Product]
    rounds: dict[str, Round]


# Which communes' dossiers each user of ``EvalWorld.users`` may see (council seats aside).
VISIBLE = {
    "admin": {"dak_mil", "bao_loc", "dak_glei", "ly_son"},
    "central": {"dak_mil", "bao_loc", "dak_glei", "ly_son"},
    "province_ld": {"dak_mil", "bao_loc"},
    "province_qn": {"dak_glei", "ly_son"},
    "commune_dak_mil": {"dak_mil"},
    "commune_bao_loc": {"bao_loc"},
    "commune_dak_glei": {"dak_glei"},
    "council_ld": {"dak_mil", "bao_loc"},
    "producer_dak_mil": {"dak_mil"},
    "producer_bao_loc": {"bao_loc"},
    "producer_dak_glei": {"dak_glei"},
    "producer_unlinked": set(),
}
COMMUNES = ("dak_mil", "bao_loc", "dak_glei", "ly_son")


@pytest.fixture
def eval_world(small_map, product_set, admin_user, rubrics) -> EvalWorld:
    """Producers, products (set 18, and set 1 for Đắk Mil), users of every role and two open rounds."""
    producers, products = {}, {}
    for key, commune in small_map.communes.items():
        producers[key] = registry_services.producer_create(actor=admin_user, **producer_data(commune))
        products[key] = registry_services.product_create(
            actor=admin_user,
            producer=producers[key],
            name=f"Sâm dây Ngọc Linh {key}",
            product_set=product_set,
            story="Câu chuyện về cây sâm dây của đồng bào Xơ Đăng.",
        )
    set_1 = ProductSet.objects.get(number=1, group__sector__regime="26/2026")
    products["dak_mil_rau"] = registry_services.product_create(
        actor=admin_user, producer=producers["dak_mil"], name="Bơ sáp Đắk Mil", product_set=set_1
    )
    communes = small_map.communes
    users = {
        "admin": admin_user,
        "central": make_user(role=Role.CENTRAL),
        "province_ld": make_user(role=Role.PROVINCE, scope_unit=small_map.lam_dong),
        "province_qn": make_user(role=Role.PROVINCE, scope_unit=small_map.quang_ngai),
        "commune_dak_mil": make_user(role=Role.COMMUNE, scope_unit=communes["dak_mil"]),
        "commune_bao_loc": make_user(role=Role.COMMUNE, scope_unit=communes["bao_loc"]),
        "commune_dak_glei": make_user(role=Role.COMMUNE, scope_unit=communes["dak_glei"]),
        "council_ld": make_user(role=Role.COUNCIL, scope_unit=small_map.lam_dong),
        "producer_dak_mil": make_user(role=Role.PRODUCER, producer=producers["dak_mil"]),
        "producer_bao_loc": make_user(role=Role.PRODUCER, producer=producers["bao_loc"]),
        "producer_dak_glei": make_user(role=Role.PRODUCER, producer=producers["dak_glei"]),
        "producer_unlinked": make_user(role=Role.PRODUCER),
    }
    today = timezone.localdate()
    rounds = {
        key: round_create(
            actor=users[officer],
            level=RoundLevel.PROVINCE,
            unit=unit,
            year=today.year,
            number=1,
            proposal_deadline=today + dt.timedelta(days=30),
            conclusion_deadline=today + dt.timedelta(days=90),
        )
        for key, officer, unit in (
            ("lam_dong", "province_ld", small_map.lam_dong),
            ("quang_ngai", "province_qn", small_map.quang_ngai),
        )
    }
    return EvalWorld(map=small_map, users=users, producers=producers, products=products, rounds=rounds)


# ----------------------------------------------------------------------------------------------------
# Helpers


def province_of(dossier: Dossier) -> AdminUnit:
    """The province (level-1 unit) holding the dossier's commune."""
    return AdminUnit.objects.get(path="/".join(dossier.commune.path.split("/")[:3]) + "/")


@dataclass
class Actors:
    """A user entitled to each kind of step on one dossier (``lifecycle`` actor names)."""

    producer: User
    commune: User
    province: User
    central: User

    def for_step(self, actor: str, dossier: Dossier) -> User:
        if actor == "chair":
            seat = CouncilMember.objects.filter(council_id=dossier.council_id, role=MemberRole.CHAIR).first()
            if seat is None:
                raise AssertionError(f"Council {dossier.council} has no chair to conclude dossier {dossier}.")
            return seat.user
        return getattr(self, actor)


def _first_or_make(role: str, **lookup: Any) -> User:
    user = User.objects.filter(role=role, is_active=True, **lookup).order_by("pk").first()
    return user or make_user(role=role, **lookup)


def actors_for(dossier: Dossier) -> Actors:
    """Existing users entitled to act on ``dossier`` (the first by id), made when there are none."""
    return Actors(
        producer=_first_or_make(Role.PRODUCER, producer=dossier.producer),
        commune=_first_or_make(Role.COMMUNE, scope_unit=dossier.commune),
        province=_first_or_make(Role.PROVINCE, scope_unit=province_of(dossier)),
        central=_first_or_make(Role.CENTRAL),
    )


Chooser = str | dict[str, int] | Callable[[Criterion], int]


def _option_for(criterion: Criterion, choose: Chooser) -> int:
    if callable(choose):
        return choose(criterion)
    if isinstance(choose, dict) and criterion.code in choose:
        return choose[criterion.code]
    indexed = list(enumerate(criterion.options))
    if choose == "worst":
        return min(indexed, key=lambda pair: (pair[1].points, pair[0]))[0]
    return max(indexed, key=lambda pair: (pair[1].points, pair[0]))[0]


def make_dossier(
    product: Product, *, actor: User | None = None, kind: str = "first", **kwargs: Any
) -> Dossier:
    """A draft dossier for ``product`` made by its producer's account (or ``actor``)."""
    actor = actor or _first_or_make(Role.PRODUCER, producer=product.producer)
    return dossier_create(actor=actor, product=product, kind=kind, **kwargs)


def fill_self_scores(
    dossier: Dossier, *, actor: User | None = None, choose: Chooser = "best", only_missing: bool = False
) -> None:
    """A self-score on every applicable criterion of the dossier's (frozen or current) sheet.

    With ``only_missing`` the criteria already scored keep the producer's choice."""
    actor = actor or _first_or_make(Role.PRODUCER, producer=dossier.producer)
    rubric = dossier.rubric or rubric_current(product_set_number=dossier.product_set_number)
    done = set(dossier.self_scores.values_list("criterion_code", flat=True)) if only_missing else set()
    for criterion in rubric.sheet.criteria():
        if criterion.code not in done and is_applicable(criterion, story_exists=dossier.story_exists):
            self_score_set(
                actor=actor,
                dossier=dossier,
                criterion_code=criterion.code,
                option_index=_option_for(criterion, choose),
                note=f"Minh chứng tiêu chí {criterion.code}",
            )


def make_submitted_dossier(
    product: Product,
    *,
    actor: User | None = None,
    today: dt.date | None = None,
    choose: Chooser = "best",
    **create_kwargs: Any,
) -> Dossier:
    """A dossier for ``product`` filled in and submitted by its producer (state ``submitted``)."""
    dossier = make_dossier(product, actor=actor, **create_kwargs)
    return advance_to(dossier, lifecycle.SUBMITTED, today=today, choose=choose)


# Detours that never lie on the way to another state.
_NOT_THROUGH = frozenset({lifecycle.RETURNED, lifecycle.WITHDRAWN, lifecycle.DISQUALIFIED})


def path_to(from_status: str, to_status: str) -> list[str]:
    """The shortest list of states from ``from_status`` to ``to_status`` (excluding the start)."""
    if from_status == to_status:
        return []
    previous: dict[str, str] = {}
    queue = deque([from_status])
    while queue:
        state = queue.popleft()
        for nxt, _step in lifecycle.next_steps(state):
            if nxt in previous or nxt == from_status:
                continue
            previous[nxt] = state
            if nxt == to_status:
                path = [nxt]
                while previous[path[-1]] != from_status:
                    path.append(previous[path[-1]])
                return list(reversed(path))
            if nxt not in _NOT_THROUGH and nxt not in lifecycle.FINAL_STATES:
                queue.append(nxt)
    raise ValueError(f"No path from {from_status!r} to {to_status!r} in the lifecycle.")


def make_council(
    round_: Round, *, actor: User, chair: User | None = None, name: str | None = None
) -> Council:
    """A council of ``round_`` with a chair (a new council account of the round's province unless given).

    Made through ``services.councils`` (``council_create``, ``council_member_add``) by ``actor``, an officer
    allowed to set up councils of the round."""
    chair = chair or make_user(role=Role.COUNCIL, scope_unit=round_.unit)
    name = name or f"Hội đồng {round_.name} số {Council.objects.filter(round=round_).count() + 1}"
    try:
        from ocop.evaluation.services.councils import council_create, council_member_add
    except ImportError:  # the council services are not there yet: make the council with the models
        council = Council.objects.create(round=round_, name=name)
        CouncilMember.objects.create(council=council, user=chair, role=MemberRole.CHAIR)
        return council
    council = council_create(actor=actor, round=round_, name=name)
    council_member_add(actor=actor, council=council, user=chair, role=MemberRole.CHAIR)
    return council


def _council_for(dossier: Dossier, province_officer: User) -> Council:
    """A council of the dossier's round with a chair (the first one, or a new one)."""
    council = (
        Council.objects.filter(round_id=dossier.round_id, members__role=MemberRole.CHAIR)
        .order_by("pk")
        .first()
    )
    return council or make_council(dossier.round, actor=province_officer)


def _round_for(dossier: Dossier, province_officer: User, today: dt.date) -> Round:
    from ocop.evaluation.selectors.dossiers import open_rounds_for

    round_ = open_rounds_for(dossier).first()
    if round_ is not None:
        return round_
    province = province_of(dossier)
    taken = set(
        Round.objects.filter(level=RoundLevel.PROVINCE, unit=province, year=today.year).values_list(
            "number", flat=True
        )
    )
    return round_create(
        actor=province_officer,
        level=RoundLevel.PROVINCE,
        unit=province,
        year=today.year,
        number=next(n for n in range(1, 100) if n not in taken),
        proposal_deadline=today + dt.timedelta(days=30),
        conclusion_deadline=today + dt.timedelta(days=90),
    )


def record_province_result(dossier: Dossier, score: Decimal | int = 92) -> None:
    """A province council result of ``score`` points on a dossier in the council (unless it has one).

    No scoring service call here: the council engineer's ``result_conclude`` needs full score sheets.
    A plain row records the result that the ``central`` step checks (≥ 90 points)."""
    from ocop.evaluation.domain import star_band
    from ocop.evaluation.models import Result

    if dossier.results.exists():
        return
    score = Decimal(score)
    Result.objects.create(
        dossier=dossier,
        council=dossier.council,
        mean_score=score,
        band_star=star_band(score),
        cap_star=5,
        final_star=star_band(score),
        member_totals={},
    )


def advance_to(
    dossier: Dossier,
    status: str,
    *,
    today: dt.date | None = None,
    actors: Actors | None = None,
    round: Round | None = None,
    council: Council | None = None,
    reason: str | None = None,
    choose: Chooser = "best",
    result_score: Decimal | int | None = None,
) -> Dossier:
    """Walk ``dossier`` through the real services to ``status`` (see the module docstring)."""
    today = today or timezone.localdate()
    dossier = Dossier.objects.get(pk=dossier.pk)
    actors = actors or actors_for(dossier)
    for target in path_to(dossier.status, status):
        step = lifecycle.step(dossier.status, target)
        assert step is not None
        actor = actors.for_step(step.actor, dossier)
        extra: dict[str, Any] = {}
        if target == lifecycle.SUBMITTED:
            fill_self_scores(dossier, actor=actor, choose=choose, only_missing=True)
        elif target == lifecycle.PROVINCE_INTAKE:
            extra["commune_assessment"] = {
                key: dossier.commune_assessment.get(key)
                or f"{label}: đạt yêu cầu (kiểm tra ngày {today:%d/%m/%Y})."
                for key, label in COMMUNE_ASSESSMENT_FIELDS.items()
            }
        elif target == lifecycle.ADVISORY_REVIEW:
            extra["round"] = round or dossier.round or _round_for(dossier, actor, today)
        elif target == lifecycle.COUNCIL and dossier.status == lifecycle.ADVISORY_REVIEW:
            if not dossier.advisory_report:
                dossier_advisory_update(
                    actor=actor,
                    dossier=dossier,
                    advisory_report="Hồ sơ đầy đủ, đề nghị chuyển hội đồng.",
                    field_visit_notes="Đã khảo sát cơ sở sản xuất.",
                )
            extra["council"] = council or _council_for(dossier, actor)
        elif target == lifecycle.COUNCIL:  # from the central step
            if council is None:
                raise ValueError(
                    "advance_to(…, 'council') from 'central' needs council= (a central council)."
                )
            extra["council"] = council
        elif target == lifecycle.CENTRAL:
            record_province_result(dossier, result_score if result_score is not None else 92)
        step_reason = reason or (f"{step.label} (kiểm thử)" if step.needs_reason else "")
        dossier = dossier_transition(
            actor=actor, dossier=dossier, to_status=target, reason=step_reason, today=today, **extra
        )
    return Dossier.objects.get(pk=dossier.pk)
