"""Recording past recognitions (``historical.recognition_record``): issuing unit by date, supersession,
ordering, numbering, authority and scope; past revocations through ``services.certificate_revoke``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ocop.certification import domain, selectors, services
from ocop.certification.historical import HISTORICAL_REASON, recognition_record
from ocop.certification.models import Certificate, Decision
from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.geo.models import Succession

pytestmark = pytest.mark.django_db
D = dt.date
REFORM = D(2025, 7, 1)
EVE = D(2025, 6, 30)


@pytest.fixture
def legacy(small_map):
    """Old Thị trấn Đắk Mil (Đắk Nông, 67) went into today's Xã Đắk Mil (Lâm Đồng): producers created in
    Đắk Mil are placed on the old map there by the registry."""
    Succession.objects.create(
        predecessor=small_map.old_commune,
        successor=small_map.communes["dak_mil"],
        kind="merged_whole",
        effective_on=REFORM,
    )
    return small_map


@pytest.fixture
def world(legacy, cert_world):
    assert cert_world.producers["dak_mil"].legacy_commune == legacy.old_commune
    return cert_world


def _record(world, key="dak_mil", *, actor=None, **kwargs):
    kwargs.setdefault("star", 3)
    kwargs.setdefault("decided_on", D(2022, 5, 10))
    kwargs.setdefault("decision_number", "512/QĐ-UBND")
    return recognition_record(actor=actor or world.users["admin"], product=world.products[key], **kwargs)


def _status(certificate, day):
    certificate = Certificate.objects.select_related("revocation").get(pk=certificate.pk)
    return selectors.certificate_status_of(certificate, today=day).code


def _error(exc_info):
    return exc_info.value.field, exc_info.value.message


# ------------------------------------------------------------------------------------------------------
# The issuing unit as the map was on the decision date


def test_before_the_reform_the_old_province_of_the_legacy_commune_decides(world):
    old_province = world.map.old_commune.parent.parent
    certificate = _record(world, decided_on=EVE, star=4)
    decision = certificate.decision
    assert decision.unit == old_province
    assert decision.unit.path == "/pre2025/67/"
    assert decision.authority == "province_chair"
    assert decision.signed_on == EVE
    assert certificate.number == "001/GCN-OCOP-67-2025"
    assert certificate.producer == world.producers["dak_mil"]
    assert certificate.dossier is None


def test_from_the_reform_day_the_current_province_decides(world):
    certificate = _record(world, decided_on=REFORM)
    assert certificate.decision.unit == world.map.lam_dong
    assert certificate.number == "001/GCN-OCOP-68-2025"


def test_producer_without_a_pre_2025_commune_cannot_be_placed_before_the_reform(world):
    assert world.producers["bao_loc"].legacy_commune is None
    with pytest.raises(ApplicationError) as exc:
        _record(world, "bao_loc", decided_on=EVE)
    field, message = _error(exc)
    assert field == "decided_on"
    assert "xã/phường trước 01/07/2025" in message
    assert not Decision.objects.exists()
    assert _record(world, "bao_loc", decided_on=REFORM).decision.unit == world.map.lam_dong


def test_a_given_unit_must_be_the_issuing_unit_of_that_day(world):
    old_province = world.map.old_commune.parent.parent
    with pytest.raises(ApplicationError) as exc:
        _record(world, decided_on=EVE, unit=world.map.lam_dong)
    assert exc.value.field == "unit"
    assert "Tỉnh Đắk Nông" in exc.value.message
    assert _record(world, decided_on=EVE, unit=old_province).decision.unit == old_province


def test_minister_decides_five_stars_without_a_unit(world):
    certificate = _record(
        world, star=5, authority="minister", decided_on=D(2023, 9, 1), score=Decimal("91.5")
    )
    assert certificate.decision.unit is None
    assert certificate.decision.authority == "minister"
    assert certificate.number == "001/GCN-OCOP-TW-2023"
    assert certificate.score == Decimal("91.50")
    with pytest.raises(ApplicationError) as exc:
        _record(world, "bao_loc", star=5, authority="minister", unit=world.map.lam_dong, decided_on=REFORM)
    assert exc.value.field == "unit"


@pytest.mark.parametrize(("star", "authority"), [(5, "province_chair"), (4, "minister"), (3, "minister")])
def test_five_stars_only_and_always_by_the_minister(world, star, authority):
    with pytest.raises(ApplicationError) as exc:
        _record(world, star=star, authority=authority)
    assert exc.value.field == "authority"
    assert not Certificate.objects.exists()


def test_district_chair_recognised_three_stars_under_decision_148_until_the_reform(world):
    certificate = _record(world, authority="district_chair", star=3, decided_on=D(2023, 2, 24))
    assert certificate.decision.unit == world.map.old_commune.parent
    assert certificate.decision.unit.path == "/pre2025/67/662/"
    assert certificate.number == "001/GCN-OCOP-67-2023"  # numbered in the province's series
    for day, star in ((D(2023, 2, 23), 3), (REFORM, 3), (D(2024, 1, 5), 4)):
        with pytest.raises(ApplicationError) as exc:
            _record(world, "dak_mil", authority="district_chair", star=star, decided_on=day)
        assert exc.value.field == "authority"


def test_unknown_authority_is_refused(world):
    with pytest.raises(ApplicationError) as exc:
        _record(world, authority="commune_chair")
    assert exc.value.field == "authority"


# ------------------------------------------------------------------------------------------------------
# Stars, scores, dates, numbers


@pytest.mark.parametrize("star", [2, 6, 0, True, "4", None])
def test_star_outside_three_to_five_is_refused(world, star):
    with pytest.raises(ApplicationError) as exc:
        _record(world, star=star)
    assert exc.value.field == "star"
    assert not Decision.objects.exists()


@pytest.mark.parametrize("star", [3, 4])
def test_province_stars_are_stored(world, star):
    assert _record(world, star=star).star == star


@pytest.mark.parametrize(
    ("star", "score", "ok"),
    [(3, "50.00", True), (3, "49.99", False), (4, "69.99", False), (4, "70", True), (3, "88", True),
     (3, "100.01", False), (3, "-1", False), (3, "abc", False)],
)  # fmt: skip
def test_score_must_reach_the_band_of_the_star(world, star, score, ok):
    if ok:
        assert _record(world, star=star, score=Decimal(score) if score != "abc" else score).score == Decimal(
            score
        )
    else:
        with pytest.raises(ApplicationError) as exc:
            _record(world, star=star, score=score)
        assert exc.value.field == "score"


@pytest.mark.parametrize(
    ("decided_on", "valid_until"),
    [(D(2021, 3, 15), D(2024, 3, 15)), (D(2024, 2, 29), D(2027, 2, 28)), (D(2022, 8, 31), D(2025, 8, 31))],
)
def test_valid_36_months_from_the_decision(world, decided_on, valid_until):
    certificate = _record(world, decided_on=decided_on)
    assert certificate.issued_on == decided_on
    assert certificate.valid_until == valid_until == domain.valid_until(decided_on)
    assert _status(certificate, valid_until) == "expiring"
    assert _status(certificate, valid_until + dt.timedelta(days=1)) == "expired"


def test_future_date_is_refused_today_is_not(world):
    today = timezone.localdate()
    with pytest.raises(ApplicationError) as exc:
        _record(world, decided_on=today + dt.timedelta(days=1))
    assert exc.value.field == "decided_on"
    assert _record(world, decided_on=today).issued_on == today


@pytest.mark.parametrize("value", [None, "2022-05-10", dt.datetime(2022, 5, 10, 8, 0)])
def test_decided_on_must_be_a_date(world, value):
    with pytest.raises(ApplicationError) as exc:
        _record(world, decided_on=value)
    assert exc.value.field == "decided_on"


def test_numbers_follow_the_issuer_and_year_series_or_are_given(world):
    first = _record(world, "dak_mil", decided_on=D(2026, 1, 5))
    second = _record(world, "bao_loc", decided_on=D(2026, 1, 5))
    given = _record(world, "ly_son", decided_on=D(2026, 1, 5), certificate_number=" 15/GCN-QN-2026 ")
    assert [first.number, second.number] == ["001/GCN-OCOP-68-2026", "002/GCN-OCOP-68-2026"]
    assert given.number == "15/GCN-QN-2026"
    assert first.decision == second.decision  # same number, authority, unit and date: one decision
    assert given.decision != first.decision  # Quảng Ngãi's decision of the same number


def test_duplicate_certificate_number_is_refused(world):
    _record(world, "dak_mil", certificate_number="9/GCN")
    with pytest.raises(ApplicationError) as exc:
        _record(world, "ly_son", certificate_number="9/GCN", decision_number="77/QĐ-UBND", decided_on=REFORM)
    assert exc.value.field == "certificate_number"
    assert "9/GCN" in exc.value.message
    assert not Decision.objects.filter(number="77/QĐ-UBND").exists()  # one transaction: nothing left


def test_same_decision_number_with_another_date_is_refused(world):
    _record(world, "dak_mil", decided_on=D(2026, 1, 5), decision_number="5/QĐ-UBND")
    with pytest.raises(ApplicationError) as exc:
        _record(world, "bao_loc", decided_on=D(2026, 1, 6), decision_number="5/QĐ-UBND")
    assert exc.value.field == "decision_number"
    assert "05/01/2026" in exc.value.message


@pytest.mark.parametrize("number", ["", "   ", "x" * 61])
def test_decision_number_is_required_and_bounded(world, number):
    with pytest.raises(ApplicationError) as exc:
        _record(world, decision_number=number)
    assert exc.value.field == "decision_number"


# ------------------------------------------------------------------------------------------------------
# Supersession and order


def test_renewal_on_the_last_valid_day_supersedes(world):
    old = _record(world, star=3, decided_on=D(2021, 3, 15))
    new = _record(world, star=3, decided_on=old.valid_until, decision_number="88/QĐ-UBND")
    old.refresh_from_db()
    assert old.superseded_by == new
    assert old.superseded_on == D(2024, 3, 15)
    assert _status(old, D(2024, 3, 14)) == "expiring"
    assert _status(old, D(2024, 3, 15)) == "superseded"
    history = old.history.order_by("-history_id").first()
    assert history.history_change_reason.startswith(f"Được thay thế bởi {new.number}")
    assert "đánh giá lại" in history.history_change_reason


def test_after_expiry_nothing_is_superseded(world):
    old = _record(world, decided_on=D(2021, 3, 15))
    _record(world, decided_on=D(2024, 3, 16), decision_number="88/QĐ-UBND")
    old.refresh_from_db()
    assert old.superseded_by is None
    assert _status(old, D(2024, 3, 16)) == "expired"


@pytest.mark.parametrize(("before", "after", "word"), [(3, 4, "nâng hạng 3→4"), (4, 3, "hạ hạng 4→3")])
def test_upgrade_and_downgrade_supersede(world, before, after, word):
    old = _record(world, star=before, decided_on=D(2022, 5, 10))
    new = _record(world, star=after, decided_on=D(2023, 11, 2), decision_number="9/QĐ-UBND")
    old.refresh_from_db()
    assert (old.superseded_by, old.superseded_on) == (new, D(2023, 11, 2))
    assert word in old.history.order_by("-history_id").first().history_change_reason


def test_minister_five_stars_supersede_the_province_certificate(world):
    old = _record(world, star=4, decided_on=D(2022, 5, 10))
    new = _record(world, star=5, authority="minister", decided_on=D(2022, 12, 1), decision_number="1/QĐ-BNN")
    old.refresh_from_db()
    assert old.superseded_by == new


def test_same_day_recording_supersedes_on_that_day(world):
    old = _record(world, star=3, decided_on=D(2022, 5, 10))
    new = _record(world, star=4, decided_on=D(2022, 5, 10), decision_number="513/QĐ-UBND")
    old.refresh_from_db()
    assert (old.superseded_by, old.superseded_on) == (new, old.issued_on)
    assert _status(old, D(2022, 5, 10)) == "superseded"


def test_a_date_before_the_recorded_history_is_refused(world):
    _record(world, decided_on=D(2022, 5, 10))
    with pytest.raises(ApplicationError) as exc:
        _record(world, decided_on=D(2022, 5, 9), decision_number="1/QĐ-UBND")
    assert exc.value.field == "decided_on"
    assert "10/05/2022" in exc.value.message
    assert Certificate.objects.count() == 1


def test_only_the_live_certificate_is_superseded(world):
    first = _record(world, decided_on=D(2019, 10, 1), decision_number="1/QĐ-UBND")
    second = _record(world, decided_on=D(2022, 10, 1), decision_number="2/QĐ-UBND")
    third = _record(world, decided_on=D(2025, 10, 1), decision_number="3/QĐ-UBND")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.superseded_by == second
    assert second.superseded_by == third
    assert third.decision.unit == world.map.lam_dong
    assert second.decision.unit.path == "/pre2025/67/"


# ------------------------------------------------------------------------------------------------------
# Past revocations: services.certificate_revoke takes a past date


def test_past_revocation_through_the_revocation_service(world):
    certificate = _record(world, star=4, decided_on=D(2021, 6, 1))
    revocation = services.certificate_revoke(
        actor=world.users["province_ld"],
        certificate=certificate,
        ground="dd",
        concluded_on=D(2022, 3, 1),
        decision_number="45/QĐ-UBND",
        decided_on=D(2022, 3, 10),
        reason="Chủ thể ngừng sản xuất",
    )
    assert revocation.decided_on == D(2022, 3, 10)
    assert _status(certificate, D(2022, 3, 9)) == "valid"
    assert _status(certificate, D(2022, 3, 10)) == "revoked"
    # a recognition dated before that revocation would rewrite history …
    with pytest.raises(ApplicationError) as exc:
        _record(world, decided_on=D(2022, 3, 9), decision_number="2/QĐ-UBND")
    assert exc.value.field == "decided_on"
    assert "thu hồi" in exc.value.message
    # … on the revocation day or after, it is a new recognition that supersedes nothing
    new = _record(world, decided_on=D(2022, 3, 10), decision_number="3/QĐ-UBND")
    certificate.refresh_from_db()
    assert certificate.superseded_by is None
    assert new.star == 3


# ------------------------------------------------------------------------------------------------------
# Who may record, and history


@pytest.mark.parametrize("who", ["admin", "central", "province_ld"])
def test_officers_in_scope_record_also_before_the_reform(world, who):
    certificate = _record(world, actor=world.users[who], decided_on=EVE)
    assert certificate.decision.unit.path == "/pre2025/67/"  # scope read on the current map
    entry = certificate.history.get()
    assert entry.history_user == world.users[who]
    assert entry.history_change_reason == HISTORICAL_REASON
    assert certificate.decision.history.get().history_user == world.users[who]


def test_province_officer_outside_scope_gets_not_found(world):
    with pytest.raises(NotFoundError) as exc:
        _record(world, actor=world.users["province_qn"])
    assert exc.value.field == "product"
    assert not Decision.objects.exists()


@pytest.mark.parametrize("who", ["commune_dak_mil", "council_ld", "producer_dak_mil", "producer_unlinked"])
def test_other_roles_may_not_record(world, who):
    with pytest.raises(PermissionDeniedError):
        _record(world, actor=world.users[who])
    assert not Certificate.objects.exists()


def test_province_officer_may_not_record_the_ministers_decision(world):
    with pytest.raises(PermissionDeniedError) as exc:
        _record(world, actor=world.users["province_ld"], star=5, authority="minister")
    assert exc.value.field == "authority"


def test_inactive_admin_may_not_record(world):
    admin = world.users["admin"]
    admin.is_active = False
    admin.save()
    with pytest.raises(PermissionDeniedError):
        _record(world)


def test_reason_is_recorded_and_required(world):
    certificate = _record(world, reason="Danh sách của Sở NN&PTNT năm 2022")
    assert certificate.history.get().history_change_reason == "Danh sách của Sở NN&PTNT năm 2022"
    with pytest.raises(ApplicationError) as exc:
        _record(world, "bao_loc", decided_on=REFORM, reason=" ")
    assert exc.value.field == "reason"


def test_history_counts_in_the_certificate_lists(world):
    certificate = _record(world, star=4, decided_on=D(2024, 8, 1))
    visible = selectors.certificates_for_user(user=world.users["province_ld"])
    assert certificate in visible
    assert certificate not in selectors.certificates_for_user(user=world.users["province_qn"])


def test_recording_costs_the_same_queries_whatever_the_history(world):
    """full_clean's uniqueness checks dominate; the count must not grow with the product's certificates.

    Each certificate saved (the new one, the superseded one) also rebuilds the product's catalogue entries
    (``ocop.portal.signals``: three queries a save).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for year in range(2019, 2026, 2):
        with CaptureQueriesContext(connection) as ctx:
            _record(world, decided_on=D(year, 3, 1), decision_number=f"{year}/QĐ-UBND")
        counts.append(len(ctx))
    assert Certificate.objects.filter(superseded_by__isnull=False).count() == 3
    assert counts[1] == counts[2] == counts[3] <= 55
