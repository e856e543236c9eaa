"""Certification services: decisions and certificates, renewal, revocation, inspections, reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ocop.certification import selectors, services
from ocop.certification.domain import CertificateStatus, RevocationGround
from ocop.certification.models import Certificate, Decision, Inspection, Reminder, Revocation
from ocop.certification.tests.conftest import ACTS_ON, ALL, DECIDERS, VISIBLE, issue, make_scored_dossier
from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.evaluation import lifecycle
from ocop.evaluation.models import Dossier, DossierKind

pytestmark = pytest.mark.django_db
D = dt.date


def _status(certificate, today):
    certificate = Certificate.objects.select_related("revocation").get(pk=certificate.pk)
    return selectors.certificate_status_of(certificate, today=today).code


# ------------------------------------------------------------------------------------------------------
# Decisions and certificates


@pytest.mark.parametrize(
    ("signed_on", "valid_until"),
    [(D(2024, 2, 29), D(2027, 2, 28)), (D(2026, 8, 31), D(2029, 8, 31)), (D(2026, 1, 15), D(2029, 1, 15))],
)
def test_certificate_is_valid_36_months_from_the_decision(cert_world, signed_on, valid_until):
    certificate = issue(cert_world.products["dak_mil"], signed_on=signed_on)
    assert certificate.issued_on == signed_on
    assert certificate.valid_until == valid_until


def test_decision_issues_numbered_certificates_and_moves_dossiers(cert_world):
    admin = cert_world.users["province_ld"]
    dossiers = [
        make_scored_dossier(cert_world.products[k], star=s) for k, s in (("dak_mil", 4), ("bao_loc", 3))
    ]
    decision = services.decision_issue(
        actor=admin, dossiers=dossiers, number="123/QĐ-UBND", signed_on=D(2026, 8, 31), signer="Trần Văn A"
    )
    assert decision.authority == "province_chair"
    assert decision.unit == cert_world.map.lam_dong
    certificates = list(decision.certificates.order_by("number"))
    assert [c.number for c in certificates] == ["001/GCN-OCOP-68-2026", "002/GCN-OCOP-68-2026"]
    assert [c.star for c in certificates] == [4, 3]
    assert certificates[0].score == Decimal("78.25")
    assert {c.dossier.status for c in certificates} == {lifecycle.DECIDED}
    assert certificates[0].producer == cert_world.producers["dak_mil"]
    transition = certificates[0].dossier.transitions.last()
    assert transition.to_status == lifecycle.DECIDED
    assert transition.actor == admin
    assert "123/QĐ-UBND" in transition.reason
    assert certificates[0].history.last().history_user == admin
    # The serial continues within the province and year, and restarts elsewhere.
    third = issue(cert_world.products["dak_glei"], signed_on=D(2026, 9, 1))
    assert third.number == "001/GCN-OCOP-51-2026"


def test_decision_is_all_or_nothing_and_names_the_bad_dossier(cert_world):
    good = make_scored_dossier(cert_world.products["dak_mil"], star=4)
    bad = make_scored_dossier(cert_world.products["bao_loc"], star=4)
    Dossier.objects.filter(pk=bad.pk).update(status=lifecycle.COUNCIL)
    with pytest.raises(ApplicationError) as exc:
        services.decision_issue(
            actor=cert_world.users["admin"], dossiers=[good, bad], number="9/QĐ", signed_on=D(2026, 5, 1)
        )
    assert str(bad) in exc.value.message
    assert "Hội đồng chấm điểm" in exc.value.message
    assert not Decision.objects.exists()
    assert not Certificate.objects.exists()
    good.refresh_from_db()
    assert good.status == lifecycle.SCORED


def test_decision_rolls_back_when_a_late_step_fails(cert_world, monkeypatch):
    dossiers = [make_scored_dossier(cert_world.products[k]) for k in ("dak_mil", "bao_loc")]
    calls = []
    real = services.dossier_transition

    def failing(**kwargs):
        calls.append(kwargs["dossier"].pk)
        if len(calls) == 2:
            raise ApplicationError("Lỗi giả lập ở hồ sơ thứ hai.")
        return real(**kwargs)

    monkeypatch.setattr(services, "dossier_transition", failing)
    with pytest.raises(ApplicationError):
        services.decision_issue(
            actor=cert_world.users["admin"], dossiers=dossiers, number="1/QĐ", signed_on=D(2026, 5, 1)
        )
    assert not Certificate.objects.exists()
    assert not Decision.objects.exists()
    assert set(Dossier.objects.values_list("status", flat=True)) == {lifecycle.SCORED}


def test_star_below_three_gets_no_decision(cert_world):
    dossier = make_scored_dossier(cert_world.products["dak_mil"], star=3)
    dossier.results.update(final_star=2, mean_score=Decimal("45"))
    with pytest.raises(ApplicationError, match="dưới 3 sao"):
        services.decision_issue(
            actor=cert_world.users["admin"], dossiers=[dossier], number="1", signed_on=D(2026, 5, 1)
        )


@pytest.mark.parametrize("who", sorted(VISIBLE))
def test_who_may_decide_a_province_dossier(cert_world, who):
    dossier = make_scored_dossier(cert_world.products["dak_mil"])
    user = cert_world.users[who]
    may = who in DECIDERS and "dak_mil" in ACTS_ON[who]
    if may:
        decision = services.decision_issue(
            actor=user, dossiers=[dossier], number="5/QĐ", signed_on=D(2026, 5, 1)
        )
        assert decision.certificates.count() == 1
    else:
        with pytest.raises((PermissionDeniedError, NotFoundError)):
            services.decision_issue(actor=user, dossiers=[dossier], number="5/QĐ", signed_on=D(2026, 5, 1))
        assert not Certificate.objects.exists()


def test_five_stars_only_by_the_ministry_after_the_central_council(cert_world):
    dossier = make_scored_dossier(cert_world.products["dak_mil"], star=5, central=True)
    with pytest.raises(PermissionDeniedError, match="Bộ trưởng"):
        services.decision_issue(
            actor=cert_world.users["province_ld"],
            dossiers=[dossier],
            number="7/QĐ-UBND",
            signed_on=D(2026, 5, 1),
        )
    decision = services.decision_issue(
        actor=cert_world.users["central"], dossiers=[dossier], number="77/QĐ-BNNMT", signed_on=D(2026, 5, 1)
    )
    certificate = decision.certificates.get()
    assert decision.authority == "minister"
    assert decision.unit is None
    assert certificate.star == 5
    assert certificate.score == Decimal("93.40")
    assert certificate.number == "001/GCN-OCOP-TW-2026"


def test_province_recognises_at_most_four_stars(cert_world):
    # A province result of 90+ recognised by the province (Điều 7.3.e): 4★, never 5★.
    at_province = make_scored_dossier(cert_world.products["dak_mil"], star=5)
    # A central result under 90 (Điều 7.4.g): the province recognises 3★/4★ from it.
    below = make_scored_dossier(
        cert_world.products["bao_loc"], star=5, central=True, central_star=4, central_mean=Decimal("86.5")
    )
    decision = services.decision_issue(
        actor=cert_world.users["province_ld"],
        dossiers=[at_province, below],
        number="8/QĐ",
        signed_on=D(2026, 5, 1),
    )
    assert sorted(decision.certificates.values_list("star", "score")) == [
        (4, Decimal("86.50")),
        (4, Decimal("93.40")),
    ]
    assert decision.authority == "province_chair"


def test_one_decision_holds_one_authority_and_one_province(cert_world):
    province = make_scored_dossier(cert_world.products["dak_mil"])
    central = make_scored_dossier(cert_world.products["bao_loc"], star=5, central=True)
    other_province = make_scored_dossier(cert_world.products["dak_glei"])
    admin = cert_world.users["admin"]
    with pytest.raises(ApplicationError, match="thẩm quyền công nhận khác nhau"):
        services.decision_issue(
            actor=admin, dossiers=[province, central], number="1", signed_on=D(2026, 5, 1)
        )
    with pytest.raises(ApplicationError, match="không cùng tỉnh") as exc:
        services.decision_issue(
            actor=admin, dossiers=[province, other_province], number="1", signed_on=D(2026, 5, 1)
        )
    assert str(other_province) in exc.value.message
    assert not Certificate.objects.exists()


def test_decision_number_date_and_choice_are_checked(cert_world):
    admin = cert_world.users["admin"]
    dossier = make_scored_dossier(cert_world.products["dak_mil"])
    with pytest.raises(ApplicationError) as exc:
        services.decision_issue(actor=admin, dossiers=[dossier], number="  ", signed_on=D(2026, 5, 1))
    assert exc.value.field == "number"
    with pytest.raises(ApplicationError) as exc:
        services.decision_issue(actor=admin, dossiers=[dossier], number="1", signed_on=D(2099, 5, 1))
    assert exc.value.field == "signed_on"
    with pytest.raises(ApplicationError) as exc:
        services.decision_issue(actor=admin, dossiers=[], number="1", signed_on=D(2026, 5, 1))
    assert exc.value.field == "dossiers"
    with pytest.raises(NotFoundError):
        services.decision_issue(actor=admin, dossiers=[999999], number="1", signed_on=D(2026, 5, 1))
    services.decision_issue(actor=admin, dossiers=[dossier], number="1/QĐ", signed_on=D(2026, 5, 1))
    again = make_scored_dossier(cert_world.products["bao_loc"])
    with pytest.raises(ApplicationError, match="Đã có quyết định số 1/QĐ"):
        services.decision_issue(actor=admin, dossiers=[again], number="1/QĐ", signed_on=D(2026, 6, 1))


# ------------------------------------------------------------------------------------------------------
# Status on the calendar


def test_status_follows_the_calendar(cert_world):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 8, 31))  # valid until 31/08/2029
    assert _status(certificate, D(2026, 9, 1)) == CertificateStatus.VALID
    assert _status(certificate, D(2029, 3, 3)) == CertificateStatus.VALID  # 181 days before
    assert _status(certificate, D(2029, 3, 4)) == CertificateStatus.EXPIRING  # 180 days before
    assert _status(certificate, D(2029, 8, 31)) == CertificateStatus.EXPIRING  # the last valid day
    assert _status(certificate, D(2029, 9, 1)) == CertificateStatus.EXPIRED


def test_status_filter_in_sql_matches_the_domain(cert_world):
    admin = cert_world.users["admin"]
    certs = {
        k: issue(cert_world.products[k], signed_on=s)
        for k, s in zip(ALL, (D(2023, 6, 1), D(2024, 2, 29), D(2026, 8, 31), D(2025, 1, 10)), strict=True)
    }
    services.certificate_revoke(
        actor=admin,
        certificate=certs["ly_son"],
        ground="mark_misuse",
        concluded_on=D(2026, 3, 1),
        decision_number="5/QĐ-TH",
        decided_on=D(2026, 3, 10),
        reason="Dùng nhãn 5 sao.",
    )
    upgrade = make_scored_dossier(
        cert_world.products["dak_glei"], star=4, kind=DossierKind.REEVALUATION, previous=certs["dak_glei"]
    )
    services.decision_issue(actor=admin, dossiers=[upgrade], number="2/QĐ", signed_on=D(2026, 9, 10))
    qs = Certificate.objects.all()
    for today in (
        D(2026, 3, 9),
        D(2026, 3, 10),
        D(2026, 9, 10),
        D(2026, 12, 1),
        D(2027, 2, 28),
        D(2027, 3, 1),
    ):
        for status in CertificateStatus:
            in_sql = set(selectors.status_filter(qs, status, today).values_list("pk", flat=True))
            in_python = {c.pk for c in qs if _status(c, today) == status}
            assert in_sql == in_python, (today, status)


# ------------------------------------------------------------------------------------------------------
# Renewal: re-evaluation window, upgrade


@pytest.mark.parametrize(
    ("days_before", "accepted", "words"),
    [(181, False, "Chưa đến thời hạn"), (180, True, ""), (120, True, ""), (119, False, "Đã quá thời hạn")],
)
def test_reevaluation_only_inside_the_filing_window(cert_world, days_before, accepted, words):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 8, 31))  # valid until 31/08/2029
    today = certificate.valid_until - dt.timedelta(days=days_before)
    producer = cert_world.users["producer_dak_mil"]
    if accepted:
        dossier = services.renewal_dossier_open(
            actor=producer, certificate=certificate, kind="reevaluation", today=today
        )
        assert dossier.kind == DossierKind.REEVALUATION
        assert dossier.status == lifecycle.DRAFT
        assert dossier.previous_certificate_number == certificate.number
        assert dossier.previous_star == 4
        assert dossier.previous_valid_until == D(2029, 8, 31)
    else:
        with pytest.raises(ApplicationError) as exc:
            services.renewal_dossier_open(
                actor=producer, certificate=certificate, kind="reevaluation", today=today
            )
        assert words in exc.value.message
        if days_before > 180:
            assert "từ ngày 04/03/2029" in exc.value.message  # when the window opens …
        assert "03/05/2029" in exc.value.message  # … and its last day
        assert not Dossier.objects.filter(kind=DossierKind.REEVALUATION).exists()


def test_reevaluation_decision_replaces_the_old_certificate(cert_world):
    admin = cert_world.users["admin"]
    old = issue(cert_world.products["dak_mil"], signed_on=D(2023, 6, 1), star=4)  # valid until 01/06/2026
    dossier = services.renewal_dossier_open(
        actor=admin, certificate=old, kind="reevaluation", today=D(2026, 1, 1)
    )
    dossier = make_scored_dossier_from(dossier, star=3)
    new = services.decision_issue(
        actor=admin, dossiers=[dossier], number="R/QĐ", signed_on=D(2026, 3, 1)
    ).certificates.get()
    old.refresh_from_db()
    assert old.superseded_by == new
    assert old.superseded_on == D(2026, 3, 1)
    assert new.star == 3
    assert _status(old, D(2026, 3, 1)) == CertificateStatus.SUPERSEDED
    assert _status(new, D(2026, 3, 1)) == CertificateStatus.VALID


def make_scored_dossier_from(dossier, *, star):
    """Walk an existing draft dossier to "scored" (the re-evaluation or upgrade opened by the service)."""
    from ocop.certification.tests.conftest import _conclude
    from ocop.evaluation.tests.conftest import advance_to

    dossier = advance_to(dossier, lifecycle.COUNCIL)
    return _conclude(dossier, star=star, mean={3: Decimal("60"), 4: Decimal("80"), 5: Decimal("95")}[star])


def test_upgrade_supersedes_the_lower_certificate(cert_world):
    admin = cert_world.users["province_ld"]
    old = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15), star=3)
    dossier = services.renewal_dossier_open(actor=admin, certificate=old, kind="upgrade", today=D(2026, 6, 1))
    assert dossier.kind == DossierKind.UPGRADE
    assert dossier.previous_star == 3
    dossier = make_scored_dossier_from(dossier, star=4)
    new = services.decision_issue(
        actor=admin, dossiers=[dossier], number="U/QĐ", signed_on=D(2026, 9, 1)
    ).certificates.get()
    old.refresh_from_db()
    assert old.superseded_by == new
    assert new.star == 4
    assert new.valid_until == D(2029, 9, 1)
    assert _status(old, D(2026, 9, 2)) == CertificateStatus.SUPERSEDED


def test_upgrade_that_does_not_raise_the_star_gets_no_decision(cert_world):
    admin = cert_world.users["admin"]
    old = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15), star=4)
    dossier = services.renewal_dossier_open(actor=admin, certificate=old, kind="upgrade", today=D(2026, 6, 1))
    dossier = make_scored_dossier_from(dossier, star=4)
    with pytest.raises(ApplicationError, match="không cao hơn hạng 4 sao"):
        services.decision_issue(actor=admin, dossiers=[dossier], number="U/QĐ", signed_on=D(2026, 9, 1))
    old.refresh_from_db()
    assert old.superseded_by is None


def test_upgrade_needs_a_certificate_in_force_below_five_stars(cert_world):
    admin = cert_world.users["admin"]
    certificate = issue(
        cert_world.products["dak_mil"], signed_on=D(2023, 1, 10), star=4
    )  # valid until 10/01/2026
    with pytest.raises(ApplicationError, match="đã hết hiệu lực"):
        services.renewal_dossier_open(
            actor=admin, certificate=certificate, kind="upgrade", today=D(2026, 1, 11)
        )
    five = issue(
        cert_world.products["bao_loc"],
        signed_on=D(2026, 1, 10),
        star=5,
        central=True,
        actor=cert_world.users["central"],
    )
    with pytest.raises(ApplicationError, match="5 sao"):
        services.renewal_dossier_open(actor=admin, certificate=five, kind="upgrade", today=D(2026, 2, 1))
    with pytest.raises(ApplicationError):
        services.renewal_dossier_open(actor=admin, certificate=five, kind="first", today=D(2026, 2, 1))


@pytest.mark.parametrize("who", sorted(VISIBLE))
def test_who_may_open_a_renewal_dossier(cert_world, who):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15), star=3)
    may = who in {"admin", "central", "province_ld", "commune_dak_mil", "producer_dak_mil"}
    if may:
        dossier = services.renewal_dossier_open(
            actor=cert_world.users[who], certificate=certificate, kind="upgrade", today=D(2026, 3, 1)
        )
        assert dossier.kind == DossierKind.UPGRADE
    else:
        with pytest.raises((PermissionDeniedError, NotFoundError)):
            services.renewal_dossier_open(
                actor=cert_world.users[who], certificate=certificate, kind="upgrade", today=D(2026, 3, 1)
            )


# ------------------------------------------------------------------------------------------------------
# Revocation


def _revoke(certificate, actor, **overrides):
    data = {
        "ground": RevocationGround.PRODUCTION_STOPPED,
        "concluded_on": D(2026, 4, 1),
        "decision_number": "45/QĐ-UBND",
        "decided_on": D(2026, 4, 10),
        "reason": "UBND xã xác nhận chủ thể ngừng sản xuất.",
    }
    data.update(overrides)
    return services.certificate_revoke(actor=actor, certificate=certificate, **data)


@pytest.mark.parametrize("who", sorted(VISIBLE))
def test_who_may_revoke_a_four_star_certificate(cert_world, who):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    if "dak_mil" in ACTS_ON[who]:
        revocation = _revoke(certificate, cert_world.users[who])
        assert revocation.ground == "dd"  # point đ
        assert _status(certificate, D(2026, 4, 10)) == CertificateStatus.REVOKED
        assert _status(certificate, D(2026, 4, 9)) == CertificateStatus.VALID
    else:
        with pytest.raises((PermissionDeniedError, NotFoundError)):
            _revoke(certificate, cert_world.users[who])
        assert not Revocation.objects.exists()


def test_five_star_revocation_belongs_to_the_ministry(cert_world):
    certificate = issue(
        cert_world.products["dak_mil"],
        signed_on=D(2026, 1, 15),
        star=5,
        central=True,
        actor=cert_world.users["central"],
    )
    with pytest.raises(PermissionDeniedError, match="Bộ trưởng"):
        _revoke(certificate, cert_world.users["province_ld"])
    _revoke(certificate, cert_world.users["central"], ground="a")
    assert Revocation.objects.get().ground == "a"


def test_revocation_checks_dates_ground_and_repeats(cert_world):
    admin = cert_world.users["admin"]
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    with pytest.raises(ApplicationError) as exc:
        _revoke(certificate, admin, concluded_on=D(2026, 4, 11))
    assert exc.value.field == "decided_on"
    with pytest.raises(ApplicationError) as exc:
        _revoke(certificate, admin, ground="z")
    assert exc.value.field == "ground"
    with pytest.raises(ApplicationError) as exc:
        _revoke(certificate, admin, concluded_on=D(2025, 1, 1))
    assert exc.value.field == "concluded_on"
    with pytest.raises(ApplicationError) as exc:
        _revoke(certificate, admin, decided_on=D(2099, 1, 1))
    assert exc.value.field == "decided_on"
    with pytest.raises(ApplicationError) as exc:
        _revoke(certificate, admin, reason=" ")
    assert exc.value.field == "reason"
    _revoke(certificate, admin)
    with pytest.raises(ApplicationError, match="đã bị thu hồi theo quyết định số 45/QĐ-UBND"):
        _revoke(certificate, admin)


@pytest.mark.parametrize(("decided_on", "late"), [(D(2026, 4, 16), False), (D(2026, 4, 17), True)])
def test_revocation_records_whether_it_met_the_15_days(cert_world, decided_on, late):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    # Concluded Wednesday 01/04/2026: 15 days end Thursday 16/04/2026.
    revocation = _revoke(
        certificate, cert_world.users["admin"], concluded_on=D(2026, 4, 1), decided_on=decided_on
    )
    assert selectors.revocation_late(revocation) is late
    assert ("quá hạn 15 ngày" in revocation.history.last().history_change_reason) is late


def test_superseded_certificate_is_not_revoked(cert_world):
    admin = cert_world.users["admin"]
    old = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15), star=3)
    dossier = services.renewal_dossier_open(actor=admin, certificate=old, kind="upgrade", today=D(2026, 2, 1))
    new = services.decision_issue(
        actor=admin, dossiers=[make_scored_dossier_from(dossier, star=4)], number="U", signed_on=D(2026, 3, 1)
    ).certificates.get()
    with pytest.raises(ApplicationError, match=new.number.replace("/", ".")):
        _revoke(old, admin)


# ------------------------------------------------------------------------------------------------------
# Post-audit inspections


def _inspect(certificate, actor, **overrides):
    data = {
        "kind": "ad_hoc",
        "inspected_on": D(2026, 3, 2),
        "inspectors": "Chi cục Phát triển nông thôn",
        "findings": "Nhãn ghi 5 sao trong khi sản phẩm được công nhận 4 sao.",
        "mark_use_ok": False,
        "outcome": "revoke",
    }
    data.update(overrides)
    return services.inspection_record(actor=actor, certificate=certificate, **data)


@pytest.mark.parametrize("who", sorted(VISIBLE))
def test_who_may_record_an_inspection(cert_world, who):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    if "dak_mil" in ACTS_ON[who]:
        inspection = _inspect(certificate, cert_world.users[who])
        assert inspection.created_by == cert_world.users[who]
    else:
        with pytest.raises((PermissionDeniedError, NotFoundError)):
            _inspect(certificate, cert_world.users[who])
        assert not Inspection.objects.exists()


def test_inspection_input_is_checked(cert_world):
    admin = cert_world.users["admin"]
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    for field, value in (
        ("kind", "x"),
        ("outcome", "x"),
        ("inspected_on", D(2025, 1, 1)),
        ("inspectors", ""),
    ):
        with pytest.raises(ApplicationError) as exc:
            _inspect(certificate, admin, **{field: value})
        assert exc.value.field == field


def test_revoke_outcome_waits_in_the_pending_list_with_its_deadline(cert_world):
    admin = cert_world.users["admin"]
    certificates = {
        k: issue(cert_world.products[k], signed_on=D(2026, 1, 15)) for k in ("dak_mil", "dak_glei")
    }
    _inspect(certificates["dak_mil"], admin, inspected_on=D(2026, 3, 2))  # deadline Tuesday 17/03/2026
    _inspect(certificates["dak_glei"], admin, inspected_on=D(2026, 3, 2), outcome="compliant")
    rows = selectors.pending_revocations(user=admin, today=D(2026, 3, 17))
    assert [r.certificate for r in rows] == [certificates["dak_mil"]]
    assert rows[0].deadline == D(2026, 3, 17)
    assert not rows[0].overdue
    assert selectors.pending_revocations(user=admin, today=D(2026, 3, 18))[0].overdue
    assert selectors.pending_revocations(user=cert_world.users["province_qn"], today=D(2026, 3, 18)) == []
    _revoke(certificates["dak_mil"], admin, concluded_on=D(2026, 3, 2), decided_on=D(2026, 3, 12))
    assert selectors.pending_revocations(user=admin, today=D(2026, 3, 18)) == []


def test_reevaluate_outcome_calls_for_a_reevaluation(cert_world):
    admin = cert_world.users["admin"]
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 1, 15))
    _inspect(certificate, admin, outcome="reevaluate", mark_use_ok=True)
    calls = selectors.reevaluation_calls(user=cert_world.users["province_ld"], today=D(2026, 3, 5))
    assert [i.certificate for i in calls] == [certificate]
    assert calls[0].window.opens_on == D(2028, 7, 19)
    assert selectors.reevaluation_calls(user=cert_world.users["province_qn"], today=D(2026, 3, 5)) == []


# ------------------------------------------------------------------------------------------------------
# Reminders


def test_reminders_go_once_per_threshold_to_producer_and_province(
    cert_world, django_capture_on_commit_callbacks, mailoutbox
):
    certificate = issue(cert_world.products["dak_mil"], signed_on=D(2026, 8, 31))  # valid until 31/08/2029
    expiry = certificate.valid_until

    def sweep(days_before):
        with django_capture_on_commit_callbacks(execute=True):
            return services.reminders_sweep(today=expiry - dt.timedelta(days=days_before))

    assert sweep(181)["reminders"] == 0
    first = sweep(180)
    assert first == {"certificates": 1, "reminders": 1, "emails": 1}
    assert sweep(180)["reminders"] == 0  # idempotent
    assert sweep(150)["reminders"] == 0
    assert sweep(120)["reminders"] == 1
    assert sweep(30)["reminders"] == 1
    assert sweep(29)["reminders"] == 0
    assert sweep(-1)["certificates"] == 0
    assert sorted(Reminder.objects.values_list("days_before", flat=True)) == [30, 120, 180]
    assert len(mailoutbox) == 3
    message = mailoutbox[0]
    assert sorted(message.to) == ["dak_mil@htx-bimat.vn", "tinh-ld@ocop.gov.vn"]
    assert certificate.number in message.subject
    assert "còn 180 ngày" in message.subject
    assert "31/08/2029" in message.body
    assert Reminder.objects.get(days_before=180).recipients == "dak_mil@htx-bimat.vn, tinh-ld@ocop.gov.vn"


def test_no_reminder_for_revoked_or_superseded_certificates(cert_world, django_capture_on_commit_callbacks):
    admin = cert_world.users["admin"]
    revoked = issue(cert_world.products["dak_mil"], signed_on=D(2023, 8, 31))  # valid until 31/08/2026
    _revoke(revoked, admin, concluded_on=D(2026, 1, 5), decided_on=D(2026, 1, 10))
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.reminders_sweep(today=D(2026, 3, 4))
    assert counts["reminders"] == 0


def test_reminder_command_wraps_the_sweep(cert_world, mailoutbox):
    issue(cert_world.products["dak_mil"], signed_on=D(2026, 8, 31))
    out = StringIO()
    call_command("certificate_reminders", "--today", "2029-03-04", stdout=out)
    assert "tạo 1 lượt nhắc hạn" in out.getvalue()
    call_command("certificate_reminders", "--today", "2029-03-04", stdout=out)
    assert Reminder.objects.count() == 1
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("certificate_reminders", "--today", "31/12/2029")


# ------------------------------------------------------------------------------------------------------
# Demo data


def test_demo_certificates_walk_the_real_procedure(cert_world):
    from ocop.certification.demo import demo_certificates

    today = dt.date.today()
    made = demo_certificates(count=2, today=today)
    assert len(made) == 2
    fresh, expiring = made
    assert _status(fresh, today) == CertificateStatus.VALID
    assert _status(expiring, today) == CertificateStatus.EXPIRING
    assert (expiring.valid_until - today).days == 150
    for certificate in made:
        assert certificate.star == 4
        result = certificate.dossier.results.get()
        assert result.final_star == 4
        assert len(result.member_totals) == 3  # three members scored on the legal sheet
        assert certificate.dossier.status == lifecycle.DECIDED
    assert demo_certificates(count=2, today=today) == made  # idempotent
