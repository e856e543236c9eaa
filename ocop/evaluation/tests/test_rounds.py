"""Evaluation rounds: the decree's default dates, who may open and change them, date order, the list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.testing import make_user
from ocop.evaluation.models import Round
from ocop.evaluation.selectors.dossiers import round_list, rounds_for_user
from ocop.evaluation.services.rounds import round_close, round_create, round_reopen, round_update
from ocop.evaluation.tests.conftest import advance_to, make_dossier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("level", "number", "proposal", "conclusion"),
    [
        ("province", 1, dt.date(2027, 4, 30), dt.date(2027, 6, 30)),
        ("province", 2, dt.date(2027, 10, 30), dt.date(2027, 12, 30)),
        ("central", 1, dt.date(2027, 1, 30), dt.date(2027, 3, 30)),
        ("central", 2, dt.date(2027, 7, 30), dt.date(2027, 9, 30)),
    ],
)
def test_default_dates_follow_article_5(eval_world, level, number, proposal, conclusion):
    actor = eval_world.users["province_ld" if level == "province" else "central"]
    unit = eval_world.map.lam_dong if level == "province" else None
    round_ = round_create(actor=actor, level=level, unit=unit, year=2027, number=number)
    assert (round_.proposal_deadline, round_.conclusion_deadline) == (proposal, conclusion)
    assert round_.is_open
    where = "Tỉnh Lâm Đồng" if level == "province" else "cấp trung ương"
    assert round_.name == f"Đợt {number} năm 2027 — {where}"
    assert round_.history.get().history_user == actor


def test_a_province_sets_its_own_dates_and_name(eval_world):
    round_ = round_create(
        actor=eval_world.users["province_ld"],
        level="province",
        unit=eval_world.map.lam_dong,
        year=2027,
        number=1,
        name="  Đợt 1/2027  ",
        proposal_deadline=dt.date(2027, 4, 15),
        conclusion_deadline=dt.date(2027, 6, 15),
    )
    assert (round_.name, round_.proposal_deadline, round_.conclusion_deadline) == (
        "Đợt 1/2027",
        dt.date(2027, 4, 15),
        dt.date(2027, 6, 15),
    )


def test_an_extra_round_needs_its_dates(eval_world):
    officer = eval_world.users["province_ld"]
    with pytest.raises(ApplicationError, match="đợt bổ sung") as exc:
        round_create(actor=officer, level="province", unit=eval_world.map.lam_dong, year=2027, number=3)
    assert exc.value.field == "proposal_deadline"
    extra = round_create(
        actor=officer,
        level="province",
        unit=eval_world.map.lam_dong,
        year=2027,
        number=3,
        proposal_deadline=dt.date(2027, 8, 1),
        conclusion_deadline=dt.date(2027, 9, 15),
    )
    assert extra.number == 3


def test_conclusion_cannot_precede_proposal(eval_world):
    officer = eval_world.users["province_ld"]
    with pytest.raises(ApplicationError, match="không được trước hạn đề xuất") as exc:
        round_create(
            actor=officer,
            level="province",
            unit=eval_world.map.lam_dong,
            year=2027,
            number=1,
            proposal_deadline=dt.date(2027, 6, 30),
            conclusion_deadline=dt.date(2027, 6, 29),
        )
    assert exc.value.field == "conclusion_deadline"
    same_day = round_create(
        actor=officer,
        level="province",
        unit=eval_world.map.lam_dong,
        year=2027,
        number=1,
        proposal_deadline=dt.date(2027, 6, 30),
        conclusion_deadline=dt.date(2027, 6, 30),
    )
    with pytest.raises(ApplicationError, match="không được trước hạn đề xuất"):
        round_update(actor=officer, round=same_day, conclusion_deadline=dt.date(2027, 6, 1))
    assert Round.objects.get(pk=same_day.pk).conclusion_deadline == dt.date(2027, 6, 30)


def test_the_same_round_number_twice_is_refused(eval_world):
    with pytest.raises(ApplicationError, match="Đã có đợt 1 năm") as exc:
        round_create(
            actor=eval_world.users["province_ld"],
            level="province",
            unit=eval_world.map.lam_dong,
            year=eval_world.rounds["lam_dong"].year,
            number=1,
        )
    assert exc.value.field == "number"
    round_create(actor=eval_world.users["central"], level="central", unit=None, year=2027, number=1)
    with pytest.raises(ApplicationError, match="cấp trung ương"):
        round_create(actor=eval_world.users["central"], level="central", unit=None, year=2027, number=1)


# Who may open a round of Lâm Đồng / a central round.
OPENS = {
    "admin": (True, True),
    "central": (False, True),
    "province_ld": (True, False),
    "province_qn": (False, False),
    "commune_dak_mil": (False, False),
    "council_ld": (False, False),
    "producer_dak_mil": (False, False),
}


@pytest.mark.parametrize("who", list(OPENS))
def test_who_may_open_rounds(eval_world, who):
    user = eval_world.users[who]
    province_ok, central_ok = OPENS[who]
    for level, unit, expected in (
        ("province", eval_world.map.lam_dong, province_ok),
        ("central", None, central_ok),
    ):
        if expected:
            assert round_create(actor=user, level=level, unit=unit, year=2028, number=2).level == level
        else:
            with pytest.raises(PermissionDeniedError):
                round_create(actor=user, level=level, unit=unit, year=2028, number=2)


def test_a_province_round_needs_a_current_province(eval_world):
    officer = eval_world.users["admin"]
    with pytest.raises(ApplicationError, match="gắn với một tỉnh"):
        round_create(
            actor=officer, level="province", unit=eval_world.map.communes["dak_mil"], year=2027, number=1
        )
    with pytest.raises(ApplicationError, match="bản đồ mới"):
        round_create(
            actor=officer,
            level="province",
            unit=eval_world.map.old_commune.parent.parent,
            year=2027,
            number=1,
        )
    with pytest.raises(ApplicationError, match="không gắn với tỉnh"):
        round_create(actor=officer, level="central", unit=eval_world.map.lam_dong, year=2027, number=1)


def test_change_close_and_reopen_are_for_the_rounds_office(eval_world):
    round_ = eval_world.rounds["lam_dong"]
    with pytest.raises(NotFoundError):
        round_update(actor=eval_world.users["province_qn"], round=round_, name="Đợt khác")
    with pytest.raises(PermissionDeniedError):
        round_close(actor=eval_world.users["commune_dak_mil"], round=round_)
    with pytest.raises(PermissionDeniedError):
        round_close(actor=eval_world.users["central"], round=round_)
    officer = eval_world.users["province_ld"]
    updated = round_update(
        actor=officer,
        round=round_,
        conclusion_deadline=round_.conclusion_deadline + dt.timedelta(days=10),
        reason="Lùi hạn theo kế hoạch",
    )
    assert updated.history.latest("history_id").history_change_reason == "Lùi hạn theo kế hoạch"
    closed = round_close(actor=officer, round=round_)
    assert not closed.is_open
    with pytest.raises(ApplicationError, match="đã đóng"):
        round_close(actor=officer, round=closed)
    with pytest.raises(ApplicationError, match="lý do"):
        round_reopen(actor=officer, round=closed, reason="")
    assert round_reopen(actor=officer, round=closed, reason="Đóng nhầm").is_open


def test_rounds_in_scope(eval_world):
    central = round_create(actor=eval_world.users["central"], level="central", unit=None, year=2027, number=1)
    ld, qn = eval_world.rounds["lam_dong"], eval_world.rounds["quang_ngai"]
    expected = {
        "admin": {ld, qn, central},
        "central": {ld, qn, central},
        "province_ld": {ld, central},
        "province_qn": {qn, central},
        "commune_dak_mil": {ld, central},
        "council_ld": {ld, central},
        "producer_dak_mil": set(),
    }
    for who, rounds in expected.items():
        assert set(rounds_for_user(user=eval_world.users[who])) == rounds, who


def test_round_list_counts_dossiers_and_overdue(eval_world):
    round_ = eval_world.rounds["lam_dong"]
    open_one = advance_to(make_dossier(eval_world.products["dak_mil"]), "advisory_review", round=round_)
    done = advance_to(make_dossier(eval_world.products["bao_loc"]), "advisory_review", round=round_)
    advance_to(done, "withdrawn", reason="Rút")
    before = round_list(user=eval_world.users["province_ld"], today=round_.conclusion_deadline).get(
        pk=round_.pk
    )
    after = round_list(
        user=eval_world.users["province_ld"], today=round_.conclusion_deadline + dt.timedelta(days=1)
    ).get(pk=round_.pk)
    assert (before.dossier_count, before.open_count, before.overdue_count) == (2, 1, 0)
    assert (after.dossier_count, after.open_count, after.overdue_count) == (2, 1, 1)
    assert open_one.round == round_


# ----------------------------------------------------------------------------------------------------
# Pages


def test_round_page_lists_the_scope_and_flags_overdue(client, eval_world, time_machine):
    round_ = eval_world.rounds["lam_dong"]
    advance_to(make_dossier(eval_world.products["dak_mil"]), "advisory_review", round=round_)
    client.force_login(eval_world.users["province_ld"])
    body = client.get(reverse("evaluation:round-list")).content.decode()
    assert round_.name in body
    assert eval_world.rounds["quang_ngai"].name not in body
    assert "quá hạn" not in body
    time_machine.move_to(round_.conclusion_deadline + dt.timedelta(days=2))
    client.force_login(eval_world.users["province_ld"])  # the session expired meanwhile
    body = client.get(reverse("evaluation:round-list")).content.decode()
    assert "1 quá hạn" in body


def test_producers_do_not_get_the_round_pages(client, eval_world):
    client.force_login(eval_world.users["producer_dak_mil"])
    assert client.get(reverse("evaluation:round-list")).status_code == 403
    assert client.get(reverse("evaluation:round-create")).status_code == 403


def test_open_a_round_with_the_default_dates_through_the_form(client, eval_world):
    client.force_login(eval_world.users["province_ld"])
    response = client.post(
        reverse("evaluation:round-create"),
        {"level": "province", "unit": eval_world.map.lam_dong.pk, "year": 2027, "number": 2},
    )
    assert response.status_code == 302
    round_ = Round.objects.get(year=2027, number=2, unit=eval_world.map.lam_dong)
    assert (round_.proposal_deadline, round_.conclusion_deadline) == (
        dt.date(2027, 10, 30),
        dt.date(2027, 12, 30),
    )


def test_the_form_offers_only_the_officers_province_and_shows_date_errors(client, eval_world):
    client.force_login(eval_world.users["province_ld"])
    page = client.get(reverse("evaluation:round-create")).content.decode()
    assert "Tỉnh Lâm Đồng" in page
    assert "Tỉnh Quảng Ngãi" not in page
    assert 'value="central"' not in page
    response = client.post(
        reverse("evaluation:round-create"),
        {"level": "province", "unit": eval_world.map.quang_ngai.pk, "year": 2027, "number": 2},
    )
    assert response.status_code == 200
    assert not Round.objects.filter(unit=eval_world.map.quang_ngai, year=2027).exists()
    response = client.post(
        reverse("evaluation:round-create"),
        {
            "level": "province",
            "unit": eval_world.map.lam_dong.pk,
            "year": 2027,
            "number": 1,
            "proposal_deadline": "30/06/2027",
            "conclusion_deadline": "01/06/2027",
        },
    )
    assert "không được trước hạn đề xuất" in response.content.decode()


def test_edit_and_close_through_the_pages(client, eval_world):
    round_ = eval_world.rounds["lam_dong"]
    client.force_login(eval_world.users["province_qn"])
    assert client.get(reverse("evaluation:round-edit", args=[round_.pk])).status_code == 404
    assert client.post(reverse("evaluation:round-close", args=[round_.pk])).status_code == 404
    client.force_login(eval_world.users["province_ld"])
    response = client.post(
        reverse("evaluation:round-edit", args=[round_.pk]),
        {
            "name": "Đợt 1 (điều chỉnh)",
            "proposal_deadline": "01/12/2026",
            "conclusion_deadline": "15/02/2027",
        },
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.name, round_.conclusion_deadline) == ("Đợt 1 (điều chỉnh)", dt.date(2027, 2, 15))
    assert client.post(reverse("evaluation:round-close", args=[round_.pk])).status_code == 302
    round_.refresh_from_db()
    assert not round_.is_open


@pytest.mark.parametrize("who", ["admin", "province"])
def test_round_list_query_count_does_not_grow(client, small_map, admin_user, who):
    officer = make_user(role="province", scope_unit=small_map.lam_dong)
    client.force_login(admin_user if who == "admin" else officer)
    counts = []
    for numbers in ((1,), (2, 3)):  # 1 round, then 3
        for number in numbers:
            round_create(
                actor=officer,
                level="province",
                unit=small_map.lam_dong,
                year=2030,
                number=number,
                proposal_deadline=dt.date(2030, number, 1),
                conclusion_deadline=dt.date(2030, number + 2, 1),
            )
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("evaluation:round-list")).status_code == 200
        counts.append(len(ctx))
    assert Round.objects.count() == 3
    assert counts[0] == counts[1]
    assert counts[1] <= 10


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 1, 2), (2026, 1)),
        (dt.date(2026, 4, 30), (2026, 1)),
        (dt.date(2026, 5, 1), (2026, 2)),
        (dt.date(2026, 10, 30), (2026, 2)),
        (dt.date(2026, 10, 31), (2027, 1)),
    ],
)
def test_the_form_proposes_the_next_round_still_taking_proposals(today, expected):
    from ocop.evaluation.forms import next_round

    assert next_round(today) == expected
