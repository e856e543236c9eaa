"""Dossier services: who may take each step, what each step needs and records, and what is frozen when."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.evaluation import lifecycle
from ocop.evaluation.domain import commune_review_due
from ocop.evaluation.models import Dossier, DossierTransition, RoundLevel, Rubric, SelfScore
from ocop.evaluation.services import rubrics as rubric_services
from ocop.evaluation.services.dossiers import (
    COMMUNE_ASSESSMENT_FIELDS,
    dossier_advisory_update,
    dossier_commune_assessment_save,
    dossier_create,
    dossier_transition,
    evidence_add,
    self_score_set,
    self_score_total,
)
from ocop.evaluation.services.rounds import round_close, round_create
from ocop.evaluation.tests.conftest import (
    actors_for,
    advance_to,
    fill_self_scores,
    make_council,
    make_dossier,
    make_submitted_dossier,
    record_province_result,
)

pytestmark = pytest.mark.django_db

REGNO = re.compile(r"^(\d{3})/PĐK-(\d{2})-(\d{5})-(\d{4})$")
FULL_ASSESSMENT = {key: f"{label}: đạt." for key, label in COMMUNE_ASSESSMENT_FIELDS.items()}


# ----------------------------------------------------------------------------------------------------
# Who may take each step


class _Rollback(Exception):
    pass


def _attempt(user, dossier, to_status, **extra) -> str:
    """Try a step as ``user`` and undo it: "ok", "404", "403" or "400"."""
    try:
        with transaction.atomic():
            dossier_transition(actor=user, dossier=dossier, to_status=to_status, **extra)
            raise _Rollback
    except _Rollback:
        return "ok"
    except NotFoundError:
        return "404"
    except PermissionDeniedError:
        return "403"
    except ApplicationError:
        return "400"


# Users of the world who may take a step of each actor on a dossier of Đắk Mil (Lâm Đồng).
ALLOWED = {
    "producer": {"producer_dak_mil", "commune_dak_mil", "province_ld", "admin", "central"},
    "commune": {"commune_dak_mil", "admin", "central"},
    "province": {"province_ld", "admin", "central"},
    "central": {"admin", "central"},
    "chair": {"chair"},
}
# Users who do not even see a dossier of Đắk Mil.
BLIND = {"province_qn", "commune_bao_loc", "commune_dak_glei", "producer_bao_loc", "producer_dak_glei",
         "producer_unlinked"}  # fmt: skip


def _extra_for(world, dossier, from_status, to_status) -> dict:
    extra: dict = {}
    step = lifecycle.step(from_status, to_status)
    if step.needs_reason:
        extra["reason"] = "Lý do kiểm thử"
    if to_status == lifecycle.SUBMITTED:
        fill_self_scores(dossier, only_missing=True)
    if to_status == lifecycle.PROVINCE_INTAKE:
        extra["commune_assessment"] = FULL_ASSESSMENT
    if to_status == lifecycle.ADVISORY_REVIEW:
        extra["round"] = world.rounds["lam_dong"]
    if to_status == lifecycle.COUNCIL and from_status == lifecycle.ADVISORY_REVIEW:
        extra["council"] = make_council(dossier.round, actor=world.users["province_ld"])
    if to_status == lifecycle.COUNCIL and from_status == lifecycle.CENTRAL:
        central_round = round_create(
            actor=world.users["central"], level=RoundLevel.CENTRAL, unit=None, year=2026, number=1
        )
        extra["council"] = make_council(
            central_round, actor=world.users["central"], chair=world.users["central"]
        )
    if to_status == lifecycle.CENTRAL:
        record_province_result(dossier, 93)
    return extra


@pytest.mark.parametrize(("from_status", "to_status"), sorted(lifecycle.TRANSITIONS))
def test_every_step_is_taken_only_by_its_actor_in_scope(eval_world, from_status, to_status):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), from_status)
    extra = _extra_for(eval_world, dossier, from_status, to_status)
    users = dict(eval_world.users)
    if dossier.council_id:
        users["chair"] = dossier.council.members.get(role="chair").user
    actor = lifecycle.step(from_status, to_status).actor
    outcomes = {key: _attempt(user, dossier, to_status, **extra) for key, user in users.items()}
    for key, outcome in outcomes.items():
        if key in ALLOWED[actor]:
            assert outcome == "ok", (key, outcome)
        elif key in BLIND and key != "chair":
            assert outcome == "404", (key, outcome)
        else:
            assert outcome == "403", (key, outcome)
    assert Dossier.objects.get(pk=dossier.pk).status == from_status  # every attempt was undone


def test_a_step_outside_the_procedure_is_refused_with_the_current_state(eval_world):
    dossier = make_submitted_dossier(eval_world.products["dak_mil"])
    with pytest.raises(ApplicationError, match="Đã nộp, chờ xã tiếp nhận") as exc:
        dossier_transition(actor=eval_world.users["admin"], dossier=dossier, to_status=lifecycle.COUNCIL)
    assert exc.value.field == "status"


def test_each_step_writes_a_transition_and_history_with_actor_and_reason(eval_world):
    dossier = make_submitted_dossier(eval_world.products["dak_mil"])
    officer = eval_world.users["commune_dak_mil"]
    dossier_transition(actor=officer, dossier=dossier, to_status="returned", reason="Thiếu giấy ATTP")
    last = DossierTransition.objects.filter(dossier=dossier).latest("pk")
    assert (last.from_status, last.to_status, last.actor, last.reason) == (
        "submitted",
        "returned",
        officer,
        "Thiếu giấy ATTP",
    )
    record = dossier.history.latest("history_id")
    assert record.history_user == officer
    assert record.history_change_reason == "Thiếu giấy ATTP"


def test_steps_needing_a_reason_refuse_a_blank_one(eval_world):
    dossier = make_submitted_dossier(eval_world.products["dak_mil"])
    with pytest.raises(ApplicationError, match="lý do") as exc:
        dossier_transition(
            actor=eval_world.users["commune_dak_mil"], dossier=dossier, to_status="returned", reason="   "
        )
    assert exc.value.field == "reason"


# ----------------------------------------------------------------------------------------------------
# Preparing


def test_create_fills_the_registration_form_from_the_producer(eval_world):
    dossier = make_dossier(eval_world.products["dak_mil"])
    producer = eval_world.producers["dak_mil"]
    assert dossier.status == "draft"
    assert dossier.application["representative"] == producer.legal_rep_name
    assert dossier.application["product_name"] == "Sâm dây Ngọc Linh dak_mil"
    assert dossier.story_exists is True  # the product has a story
    assert dossier.rubric is None
    assert dossier.registration_number == ""


def test_one_open_dossier_per_product(eval_world):
    product = eval_world.products["dak_mil"]
    first = make_dossier(product)
    with pytest.raises(ApplicationError, match="chưa kết thúc") as exc:
        make_dossier(product)
    assert exc.value.field == "product"
    dossier_transition(
        actor=eval_world.users["producer_dak_mil"],
        dossier=first,
        to_status="withdrawn",
        reason="Làm lại hồ sơ",
    )
    assert make_dossier(product).pk != first.pk


def test_a_producer_cannot_open_a_dossier_for_another_producers_product(eval_world):
    with pytest.raises(NotFoundError):
        dossier_create(actor=eval_world.users["producer_bao_loc"], product=eval_world.products["dak_mil"])


def test_upgrade_and_reevaluation_need_a_certificate(eval_world):
    with pytest.raises(ApplicationError, match="giấy chứng nhận"):
        make_dossier(eval_world.products["dak_mil"], kind="upgrade")
    dossier = make_dossier(
        eval_world.products["dak_mil"],
        kind="reevaluation",
        previous_certificate_number="68/2023/GCN",
        previous_star=4,
        previous_valid_until=dt.date(2026, 12, 31),
    )
    assert dossier.kind == "reevaluation"


def test_self_score_checks_the_option_and_keeps_the_sheets_points(eval_world):
    dossier = make_dossier(eval_world.products["dak_mil"])
    user = eval_world.users["producer_dak_mil"]
    score = self_score_set(
        actor=user, dossier=dossier, criterion_code="1.1", option_index=2, note=" 80% nguyên liệu "
    )
    assert (score.points, score.note) == (3, "80% nguyên liệu")
    with pytest.raises(ApplicationError, match="chỉ có 3 phương án") as exc:
        self_score_set(actor=user, dossier=dossier, criterion_code="1.1", option_index=3)
    assert exc.value.field == "option_index"
    with pytest.raises(ApplicationError, match=r"không có tiêu chí 99\.9"):
        self_score_set(actor=user, dossier=dossier, criterion_code="99.9", option_index=0)


def test_criterion_5_2_only_with_a_story(eval_world):
    dossier = make_dossier(eval_world.products["dak_mil_rau"], story_exists=False)
    user = eval_world.users["producer_dak_mil"]
    with pytest.raises(ApplicationError, match="câu chuyện sản phẩm"):
        self_score_set(actor=user, dossier=dossier, criterion_code="5.2", option_index=1)
    fill_self_scores(dossier)
    assert not SelfScore.objects.filter(dossier=dossier, criterion_code="5.2").exists()
    submitted = advance_to(dossier, "submitted")  # 5.2 is not required without a story
    assert submitted.status == "submitted"


def test_self_score_total_sums_the_chosen_points(eval_world):
    dossier = make_dossier(eval_world.products["dak_mil"])
    fill_self_scores(dossier, choose="best")
    assert self_score_total(dossier) == 100.0
    fill_self_scores(dossier, choose="worst")
    assert self_score_total(dossier) < 100.0


def test_submission_lists_every_missing_criterion(eval_world):
    dossier = make_dossier(eval_world.products["dak_mil"])
    user = eval_world.users["producer_dak_mil"]
    fill_self_scores(dossier)
    SelfScore.objects.filter(dossier=dossier, criterion_code__in=["1.3", "5.2"]).delete()
    with pytest.raises(ApplicationError, match=r"1\.3, 5\.2") as exc:
        dossier_transition(actor=user, dossier=dossier, to_status="submitted")
    assert exc.value.extra["missing"] == ["1.3", "5.2"]
    assert Dossier.objects.get(pk=dossier.pk).status == "draft"
    assert Dossier.objects.get(pk=dossier.pk).rubric is None  # nothing was frozen


def test_content_cannot_change_after_submission(eval_world):
    dossier = make_submitted_dossier(eval_world.products["dak_mil"])
    with pytest.raises(ApplicationError, match="không sửa được"):
        self_score_set(
            actor=eval_world.users["producer_dak_mil"], dossier=dossier, criterion_code="1.1", option_index=0
        )


# ----------------------------------------------------------------------------------------------------
# Registration number and freezing


def test_registration_number_format_and_serials_per_commune_and_year(eval_world):
    products = eval_world.products
    first = make_submitted_dossier(products["dak_mil"], today=dt.date(2026, 5, 4))
    second = make_submitted_dossier(products["dak_mil_rau"], today=dt.date(2026, 5, 5))
    other_commune = make_submitted_dossier(products["bao_loc"], today=dt.date(2026, 5, 5))
    assert first.registration_number == "001/PĐK-68-24823-2026"
    assert second.registration_number == "002/PĐK-68-24823-2026"
    assert other_commune.registration_number == "001/PĐK-68-24820-2026"
    for dossier in (first, second, other_commune):
        assert REGNO.match(dossier.registration_number)


def test_registration_numbers_are_never_reused(eval_world):
    products = eval_world.products
    first = make_submitted_dossier(products["dak_mil"], today=dt.date(2026, 5, 4))
    dossier_transition(
        actor=eval_world.users["producer_dak_mil"],
        dossier=first,
        to_status="withdrawn",
        reason="Rút để hoàn thiện",
    )
    again = make_submitted_dossier(products["dak_mil"], today=dt.date(2026, 5, 6))
    assert again.registration_number == "002/PĐK-68-24823-2026"
    numbers = list(
        Dossier.objects.exclude(registration_number="").values_list("registration_number", flat=True)
    )
    assert len(numbers) == len(set(numbers))


def test_the_year_of_submission_is_in_the_number(eval_world):
    dossier = make_submitted_dossier(eval_world.products["ly_son"], today=dt.date(2027, 1, 5))
    assert dossier.registration_number == "001/PĐK-51-21540-2027"


def _new_rubric_version(monkeypatch, number: int) -> None:
    """Load a changed sheet for one product set (a new version), the way an amended decree would."""
    original = rubric_services.load_regime

    def changed(regime):
        sheets = dict(original(regime))
        sheets[number] = dataclasses.replace(sheets[number], title=sheets[number].title + " (sửa đổi)")
        return sheets

    monkeypatch.setattr(rubric_services, "load_regime", changed)
    counts = rubric_services.rubrics_load()
    assert counts["updated"] == 1


def test_a_new_rubric_version_does_not_change_a_submitted_dossier(eval_world, monkeypatch):
    dossier = make_submitted_dossier(eval_world.products["dak_mil"])
    frozen = dossier.rubric
    assert (frozen.version, frozen.product_set_number) == (1, 18)
    assert dossier.product_snapshot["name"] == "Sâm dây Ngọc Linh dak_mil"
    _new_rubric_version(monkeypatch, 18)
    current = Rubric.objects.get(product_set_number=18, is_current=True)
    assert current.version == 2
    dossier = advance_to(dossier, "council")
    assert dossier.rubric_id == frozen.pk
    # A draft follows the sheet in force and freezes it when submitted.
    draft = make_dossier(eval_world.products["bao_loc"])
    assert advance_to(draft, "submitted").rubric_id == current.pk


def test_returned_and_resubmitted_keeps_number_and_rubric(eval_world, monkeypatch):
    dossier = make_submitted_dossier(eval_world.products["dak_mil"], today=dt.date(2026, 5, 4))
    number, rubric_id = dossier.registration_number, dossier.rubric_id
    dossier = advance_to(dossier, "commune_review", today=dt.date(2026, 5, 5))
    dossier = advance_to(dossier, "returned", reason="Bổ sung phiếu kiểm nghiệm")
    assert dossier.return_reason == "Bổ sung phiếu kiểm nghiệm"
    assert dossier.commune_due_on is not None
    _new_rubric_version(monkeypatch, 18)
    user = eval_world.users["producer_dak_mil"]
    self_score_set(actor=user, dossier=dossier, criterion_code="1.1", option_index=0, note="Sửa theo yêu cầu")
    dossier = dossier_transition(
        actor=user, dossier=dossier, to_status="submitted", today=dt.date(2027, 2, 1)
    )
    assert dossier.registration_number == number
    assert dossier.rubric_id == rubric_id
    assert dossier.return_reason == ""
    assert (dossier.commune_received_on, dossier.commune_due_on) == (None, None)  # received afresh
    assert list(dossier.transitions.values_list("to_status", flat=True)) == [
        "submitted",
        "commune_review",
        "returned",
        "submitted",
    ]


# ----------------------------------------------------------------------------------------------------
# The commune


def test_receipt_sets_the_15_working_day_due_date(eval_world):
    dossier = make_submitted_dossier(eval_world.products["dak_mil"])
    received = dt.date(2026, 4, 20)  # Monday; 27/04 (Giỗ Tổ, moved), 30/04 and 01/05 are holidays
    dossier = dossier_transition(
        actor=eval_world.users["commune_dak_mil"], dossier=dossier, to_status="commune_review", today=received
    )
    assert dossier.commune_received_on == received
    assert dossier.commune_due_on == dt.date(2026, 5, 14)
    assert dossier.commune_due_on == commune_review_due(received)


def test_commune_assessment_draft_then_forward_when_complete(eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "commune_review")
    officer = eval_world.users["commune_dak_mil"]
    dossier_commune_assessment_save(
        actor=officer, dossier=dossier, assessment={"local_materials": " 90% tại xã "}
    )
    dossier.refresh_from_db()
    assert dossier.commune_assessment == {"local_materials": "90% tại xã"}
    with pytest.raises(ApplicationError) as exc:
        dossier_transition(actor=officer, dossier=dossier, to_status="province_intake")
    message = exc.value.message
    for key, label in COMMUNE_ASSESSMENT_FIELDS.items():
        assert (label in message) == (key != "local_materials"), label
    rest = {k: v for k, v in FULL_ASSESSMENT.items() if k != "local_materials"}
    dossier = dossier_transition(
        actor=officer, dossier=dossier, to_status="province_intake", commune_assessment=rest
    )
    assert dossier.status == "province_intake"
    assert dossier.commune_assessment["local_materials"] == "90% tại xã"
    assert set(dossier.commune_assessment) == set(COMMUNE_ASSESSMENT_FIELDS)


def test_commune_assessment_only_by_the_commune_while_reviewing(eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "commune_review")
    with pytest.raises(PermissionDeniedError):
        dossier_commune_assessment_save(
            actor=eval_world.users["province_ld"], dossier=dossier, assessment={"conclusion": "Đề nghị"}
        )
    with pytest.raises(NotFoundError):
        dossier_commune_assessment_save(
            actor=eval_world.users["commune_bao_loc"], dossier=dossier, assessment={"conclusion": "Đề nghị"}
        )
    with pytest.raises(ApplicationError, match="không có trong báo cáo Mẫu 03"):
        dossier_commune_assessment_save(
            actor=eval_world.users["commune_dak_mil"], dossier=dossier, assessment={"score": "10"}
        )
    submitted = make_submitted_dossier(eval_world.products["bao_loc"])
    with pytest.raises(ApplicationError, match="đang xem xét"):
        dossier_commune_assessment_save(
            actor=eval_world.users["commune_bao_loc"], dossier=submitted, assessment={"conclusion": "Đề nghị"}
        )


# ----------------------------------------------------------------------------------------------------
# The province


def test_intake_takes_only_an_open_round_of_the_dossiers_province(eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "province_intake")
    officer = eval_world.users["province_ld"]
    with pytest.raises(ApplicationError, match="không phải đợt đánh giá của tỉnh") as exc:
        dossier_transition(
            actor=eval_world.users["admin"],
            dossier=dossier,
            to_status="advisory_review",
            round=eval_world.rounds["quang_ngai"],
        )
    assert exc.value.field == "round"
    closed = round_create(actor=officer, level="province", unit=eval_world.map.lam_dong, year=2026, number=2)
    round_close(actor=officer, round=closed)
    with pytest.raises(ApplicationError, match="đã đóng"):
        dossier_transition(actor=officer, dossier=dossier, to_status="advisory_review", round=closed)
    central = round_create(actor=eval_world.users["central"], level="central", unit=None, year=2026, number=1)
    with pytest.raises(ApplicationError, match="cấp tỉnh"):
        dossier_transition(actor=officer, dossier=dossier, to_status="advisory_review", round=central)
    dossier = dossier_transition(
        actor=officer,
        dossier=dossier,
        to_status="advisory_review",
        round=eval_world.rounds["lam_dong"],
        today=dt.date(2026, 7, 1),
    )
    assert (dossier.round, dossier.province_received_on) == (
        eval_world.rounds["lam_dong"],
        dt.date(2026, 7, 1),
    )


def test_council_must_belong_to_the_dossiers_round(eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "advisory_review")
    officer = eval_world.users["province_ld"]
    other_round = round_create(
        actor=officer, level="province", unit=eval_world.map.lam_dong, year=2027, number=1
    )
    wrong = make_council(other_round, actor=officer)
    with pytest.raises(ApplicationError, match="không phải đợt của hồ sơ") as exc:
        dossier_transition(actor=officer, dossier=dossier, to_status="council", council=wrong)
    assert exc.value.field == "council"
    with pytest.raises(ApplicationError, match="Hãy chọn hội đồng"):
        dossier_transition(actor=officer, dossier=dossier, to_status="council")
    right = make_council(dossier.round, actor=officer)
    assert (
        dossier_transition(actor=officer, dossier=dossier, to_status="council", council=right).council
        == right
    )


def test_advisory_report_by_the_province_during_review(eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "advisory_review")
    officer = eval_world.users["province_ld"]
    dossier = dossier_advisory_update(
        actor=officer,
        dossier=dossier,
        advisory_report="Đạt yêu cầu",
        field_visit_notes="Khảo sát ngày 02/07",
        extra_tests="Định lượng saponin",
    )
    assert (dossier.advisory_report, dossier.field_visit_notes, dossier.extra_tests) == (
        "Đạt yêu cầu",
        "Khảo sát ngày 02/07",
        "Định lượng saponin",
    )
    assert dossier.history.latest("history_id").history_change_reason == "Cập nhật báo cáo tổ tư vấn"
    with pytest.raises(PermissionDeniedError):
        dossier_advisory_update(
            actor=eval_world.users["commune_dak_mil"], dossier=dossier, advisory_report="x"
        )
    with pytest.raises(NotFoundError):
        dossier_advisory_update(actor=eval_world.users["province_qn"], dossier=dossier, advisory_report="x")
    intake = advance_to(make_dossier(eval_world.products["bao_loc"]), "province_intake")
    with pytest.raises(ApplicationError, match="tổ tư vấn thẩm định"):
        dossier_advisory_update(actor=officer, dossier=intake, advisory_report="x")


def test_disqualification_keeps_the_whole_reason(eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "province_intake")
    conditions = dossier.rubric.sheet.disqualification
    reason = f"Hồ sơ bị loại khi: {conditions[0]}; {conditions[1]}."
    assert len(reason) > 100  # longer than the history column
    dossier = dossier_transition(
        actor=eval_world.users["province_ld"], dossier=dossier, to_status="disqualified", reason=reason
    )
    assert (dossier.status, dossier.disqualification_reason) == ("disqualified", reason)
    assert dossier.transitions.latest("pk").reason == reason
    short = dossier.history.latest("history_id").history_change_reason
    assert len(short) == 100
    assert short.endswith("…")


def test_central_only_from_90_points(eval_world):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), "scored")
    record_province_result(dossier, 89)
    with pytest.raises(ApplicationError, match="90 điểm"):
        dossier_transition(actor=eval_world.users["province_ld"], dossier=dossier, to_status="central")


# ----------------------------------------------------------------------------------------------------
# Withdrawal


WITHDRAWABLE = sorted(frm for (frm, to) in lifecycle.TRANSITIONS if to == lifecycle.WITHDRAWN)


def test_withdrawable_states_are_those_before_the_council():
    assert set(WITHDRAWABLE) == {
        "draft",
        "submitted",
        "commune_review",
        "province_intake",
        "advisory_review",
        "returned",
    }


@pytest.mark.parametrize("state", WITHDRAWABLE)
def test_withdraw_from_each_allowed_state(eval_world, state):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), state)
    user = eval_world.users["producer_dak_mil"]
    with pytest.raises(ApplicationError, match="lý do"):
        dossier_transition(actor=user, dossier=dossier, to_status="withdrawn")
    dossier = dossier_transition(
        actor=user, dossier=dossier, to_status="withdrawn", reason="Chưa đủ sản lượng"
    )
    assert dossier.status == "withdrawn"
    assert dossier.transitions.latest("pk").reason == "Chưa đủ sản lượng"


@pytest.mark.parametrize("state", ["council", "scored", "decided", "withdrawn", "disqualified"])
def test_no_withdrawal_once_the_council_has_it(eval_world, state):
    dossier = advance_to(make_dossier(eval_world.products["dak_mil"]), state)
    with pytest.raises(ApplicationError, match="không thể chuyển"):
        dossier_transition(
            actor=eval_world.users["producer_dak_mil"], dossier=dossier, to_status="withdrawn", reason="Rút"
        )


# ----------------------------------------------------------------------------------------------------
# Evidence


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.exe", b"MZ....", "chỉ nhận PDF, JPG, PNG, DOCX hoặc XLSX"),
        ("bao-cao.pdf", b"", "rỗng"),
        ("bao-cao.pdf", b"<html>not a pdf", "không phải PDF"),
        ("anh.png", b"\xff\xd8\xff\xe0jpeg", "không phải PNG"),
    ],
)
def test_evidence_refuses_wrong_files_with_a_clear_message(eval_world, media, name, content, message):
    dossier = make_dossier(eval_world.products["dak_mil"])
    with pytest.raises(ApplicationError, match=message) as exc:
        evidence_add(
            actor=eval_world.users["producer_dak_mil"],
            dossier=dossier,
            title="Giấy ATTP",
            file=_file(name, content),
        )
    assert exc.value.field == "file"


def test_evidence_refuses_files_over_10_mb(eval_world, media):
    dossier = make_dossier(eval_world.products["dak_mil"])
    big = _file("lon.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ApplicationError, match="vượt quá 10 MB"):
        evidence_add(actor=eval_world.users["producer_dak_mil"], dossier=dossier, title="Lớn", file=big)
    exactly = _file("vua.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024 - 9))
    assert evidence_add(
        actor=eval_world.users["producer_dak_mil"], dossier=dossier, title="Vừa", file=exactly
    )


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("a.pdf", b"%PDF-1.4"),
        ("a.jpg", b"\xff\xd8\xff\xe0"),
        ("a.PNG", b"\x89PNG\r\n"),
        ("a.docx", b"PK\x03\x04"),
        ("a.xlsx", b"PK\x03\x04"),
    ],
)
def test_evidence_accepts_the_five_formats_and_the_criterion(eval_world, media, name, head):
    dossier = make_dossier(eval_world.products["dak_mil"])
    evidence = evidence_add(
        actor=eval_world.users["producer_dak_mil"],
        dossier=dossier,
        title=" Hợp đồng ",
        file=_file(name, head + b"rest"),
        criterion_code="1.5",
    )
    assert (evidence.title, evidence.criterion_code) == ("Hợp đồng", "1.5")
    assert evidence.uploaded_by == eval_world.users["producer_dak_mil"]
    with pytest.raises(ApplicationError, match=r"không có tiêu chí 9\.9"):
        evidence_add(
            actor=eval_world.users["producer_dak_mil"],
            dossier=dossier,
            title="x",
            file=_file(name, head),
            criterion_code="9.9",
        )


def test_evidence_only_while_editable_for_the_producer(eval_world, media):
    dossier = make_submitted_dossier(eval_world.products["dak_mil"])
    with pytest.raises(PermissionDeniedError):
        evidence_add(
            actor=eval_world.users["producer_dak_mil"],
            dossier=dossier,
            title="x",
            file=_file("a.pdf", b"%PDF-1.4"),
        )
    # The commune officer may add documents of the review (e.g. a site-visit record).
    assert evidence_add(
        actor=eval_world.users["commune_dak_mil"],
        dossier=dossier,
        title="Biên bản",
        file=_file("b.pdf", b"%PDF-1.4"),
    )
    with pytest.raises(NotFoundError):
        evidence_add(
            actor=eval_world.users["producer_bao_loc"],
            dossier=dossier,
            title="x",
            file=_file("a.pdf", b"%PDF-1.4"),
        )


def test_actors_for_finds_the_worlds_users(eval_world):
    dossier = make_dossier(eval_world.products["dak_mil"])
    actors = actors_for(dossier)
    assert actors.producer == eval_world.users["producer_dak_mil"]
    assert actors.commune == eval_world.users["commune_dak_mil"]
    assert actors.province == eval_world.users["province_ld"]
