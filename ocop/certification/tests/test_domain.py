"""Pure certification rules: 36-month validity, status, filing window, reminders, revocation, authority.

No database and no Django.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop.certification.domain import (
    MINISTER,
    PROVINCE_CHAIR,
    REMINDER_DAYS,
    REVOCATION_DEADLINE_DAYS,
    VALIDITY_MONTHS,
    CertificateStatus,
    RevocationGround,
    WindowPhase,
    add_months,
    certificate_status,
    recognising_authority,
    reminders_due,
    renewal_window,
    renewal_window_message,
    renewal_window_state,
    revocation_deadline,
    revocation_overdue,
    revoking_authority,
    transitional_extension_limit,
    valid_until,
)

# ----------------------------------------------------------------------------------------------------
# Validity: 36 months, Civil Code 2015 Art. 147–148


@pytest.mark.parametrize(
    ("decided_on", "last_valid_day"),
    [
        (date(2026, 8, 31), date(2029, 8, 31)),
        (date(2024, 2, 29), date(2027, 2, 28)),  # no 29/02/2027: the month's last day
        (date(2026, 1, 31), date(2029, 1, 31)),
        (date(2026, 1, 15), date(2029, 1, 15)),
        (date(2025, 12, 31), date(2028, 12, 31)),
    ],
)
def test_valid_until_is_the_corresponding_day_36_months_later(decided_on, last_valid_day):
    assert VALIDITY_MONTHS == 36
    assert valid_until(decided_on) == last_valid_day


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
    ],
)
def test_add_months_clamps_to_the_last_day(day, months, expected):
    assert add_months(day, months) == expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_valid_until_is_36_months_after_with_clamping(decided_on):
    end = valid_until(decided_on)
    assert (end.year * 12 + end.month) - (decided_on.year * 12 + decided_on.month) == 36
    assert end.day == min(decided_on.day, calendar.monthrange(end.year, end.month)[1])
    assert end > decided_on


def test_the_transitional_extension_is_180_days_after_expiry():
    assert transitional_extension_limit(date(2026, 8, 31)) == date(2027, 2, 27)


# ----------------------------------------------------------------------------------------------------
# Status

END = date(2029, 8, 31)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (END - timedelta(days=181), CertificateStatus.VALID),
        (END - timedelta(days=180), CertificateStatus.EXPIRING),
        (END, CertificateStatus.EXPIRING),
        (END + timedelta(days=1), CertificateStatus.EXPIRED),
    ],
)
def test_status_follows_the_calendar(today, status):
    assert certificate_status(valid_until=END, today=today) is status


def test_status_precedence_revoked_superseded_expired_expiring():
    late = END + timedelta(days=10)
    assert certificate_status(valid_until=END, today=late, revoked_on=END, superseded_on=END) == "revoked"
    assert certificate_status(valid_until=END, today=late, superseded_on=END) == "superseded"
    assert certificate_status(valid_until=END, today=late) == "expired"
    assert certificate_status(valid_until=END, today=END, superseded_on=END) == "superseded"


def test_a_revocation_or_supersession_takes_effect_on_its_day():
    today = date(2028, 1, 10)
    tomorrow = today + timedelta(days=1)
    assert certificate_status(valid_until=END, today=today, revoked_on=tomorrow) is CertificateStatus.VALID
    assert certificate_status(valid_until=END, today=today, revoked_on=today) is CertificateStatus.REVOKED
    assert certificate_status(valid_until=END, today=today, superseded_on=tomorrow) is CertificateStatus.VALID


def test_the_expiring_window_is_configurable():
    today = END - timedelta(days=90)
    assert (
        certificate_status(valid_until=END, today=today, expiring_window_days=60) is CertificateStatus.VALID
    )
    assert (
        certificate_status(valid_until=END, today=today, expiring_window_days=90)
        is CertificateStatus.EXPIRING
    )


def test_only_valid_and_expiring_certificates_carry_the_mark():
    assert [status.value for status in CertificateStatus if status.in_force] == ["valid", "expiring"]


# ----------------------------------------------------------------------------------------------------
# Re-evaluation filing window (Điều 7.6.a)


@pytest.mark.parametrize(
    ("days_before", "phase"),
    [
        (181, WindowPhase.NOT_YET),
        (180, WindowPhase.OPEN),
        (150, WindowPhase.OPEN),
        (120, WindowPhase.OPEN),
        (119, WindowPhase.CLOSED),
        (0, WindowPhase.CLOSED),
        (-5, WindowPhase.CLOSED),
    ],
)
def test_the_filing_window_runs_from_180_to_120_days_before_expiry(days_before, phase):
    state = renewal_window_state(END, END - timedelta(days=days_before))
    assert state.phase is phase
    assert state.days_before_expiry == days_before
    assert state.is_open == (phase is WindowPhase.OPEN)


def test_the_window_dates():
    assert renewal_window(END) == (date(2029, 3, 4), date(2029, 5, 3))
    state = renewal_window_state(END, date(2029, 1, 1))
    assert (state.opens_on, state.closes_on) == (date(2029, 3, 4), date(2029, 5, 3))


def test_window_messages_in_vietnamese():
    not_yet = renewal_window_message(renewal_window_state(END, END - timedelta(days=181)))
    assert not_yet.startswith("Chưa đến thời hạn nộp hồ sơ đánh giá lại: thời hạn mở từ ngày 04/03/2029")
    open_ = renewal_window_message(renewal_window_state(END, END - timedelta(days=150)))
    assert open_.startswith("Đang trong thời hạn nộp hồ sơ đánh giá lại: hạn cuối là ngày 03/05/2029")
    closed = renewal_window_message(renewal_window_state(END, END - timedelta(days=119)))
    assert closed.startswith("Đã quá thời hạn nộp hồ sơ đánh giá lại (hạn cuối 03/05/2029)")


# ----------------------------------------------------------------------------------------------------
# Reminders


def on(days_before: int) -> date:
    return END - timedelta(days=days_before)


@pytest.mark.parametrize(
    ("days_before", "sent", "due"),
    [
        (181, set(), []),
        (180, set(), [180]),
        (180, {180}, []),
        (150, set(), [180]),  # the sweep missed day 180: still sent
        (121, {180}, []),
        (120, {180}, [120]),
        (100, set(), [120]),  # 180 and 120 both passed: only the more urgent one
        (31, {180, 120}, []),
        (30, {180, 120}, [30]),
        (0, set(), [30]),
        (0, {30}, []),
        (-1, set(), []),  # expired: no reminder
    ],
)
def test_reminders(days_before, sent, due):
    assert REMINDER_DAYS == (180, 120, 30)
    assert reminders_due(END, on(days_before), sent) == due


@pytest.mark.parametrize("every", [1, 7, 45])
def test_a_daily_or_sparse_sweep_sends_each_stage_at_most_once_most_urgent_last(every):
    sent: list[int] = []
    for days_before in range(200, -10, -every):
        sent += reminders_due(END, on(days_before), set(sent))
    assert sent == sorted(set(sent), reverse=True)
    assert sent[-1] == 30
    if every == 1:
        assert sent == [180, 120, 30]


@given(st.integers(-400, 400), st.sets(st.sampled_from(REMINDER_DAYS)))
def test_at_most_one_reminder_and_only_for_a_reached_threshold(days_before, sent):
    due = reminders_due(END, on(days_before), sent)
    assert len(due) <= 1
    for threshold in due:
        assert threshold not in sent
        assert 0 <= days_before <= threshold


# ----------------------------------------------------------------------------------------------------
# Revocation (Điều 8)


def test_six_grounds_with_the_decree_points_and_wording():
    assert [ground.point for ground in RevocationGround] == ["a", "b", "c", "d", "đ", "e"]
    assert RevocationGround.MARK_MISUSE.label.startswith(
        "Chủ thể OCOP sử dụng nhãn hiệu OCOP không đúng quy định"
    )
    assert RevocationGround.PRODUCTION_STOPPED.citation == "điểm đ khoản 1 Điều 8 Quyết định 26/2026/QĐ-TTg"
    assert [ground.value for ground in RevocationGround] == ["a", "b", "c", "d", "dd", "e"]
    assert RevocationGround("dd") is RevocationGround.PRODUCTION_STOPPED
    assert "an toàn thực phẩm" in RevocationGround.LEGAL_VIOLATION.label
    assert len({ground.value for ground in RevocationGround}) == 6


@pytest.mark.parametrize(
    ("concluded_on", "deadline"),
    [
        (date(2026, 7, 1), date(2026, 7, 16)),  # 15 calendar days
        (date(2026, 7, 3), date(2026, 7, 20)),  # day 15 is Saturday 18/07 → Monday
        (date(2026, 4, 15), date(2026, 5, 4)),  # day 15 is 30/04, then 1/5 and a weekend
    ],
)
def test_revocation_deadline(concluded_on, deadline):
    assert REVOCATION_DEADLINE_DAYS == 15
    assert revocation_deadline(concluded_on) == deadline


def test_revocation_overdue():
    concluded = date(2026, 7, 1)
    deadline = date(2026, 7, 16)
    assert not revocation_overdue(concluded, deadline)
    assert revocation_overdue(concluded, deadline + timedelta(days=1))
    assert not revocation_overdue(concluded, date(2026, 9, 1), decided_on=deadline)
    assert revocation_overdue(concluded, date(2026, 9, 1), decided_on=deadline + timedelta(days=1))
    # A decision dated in the future does not count yet.
    assert revocation_overdue(
        concluded, deadline + timedelta(days=1), decided_on=deadline + timedelta(days=5)
    )


# ----------------------------------------------------------------------------------------------------
# Authority (Điều 4, Điều 8.2)


@pytest.mark.parametrize(
    ("regime", "star", "authority"),
    [
        ("26/2026", 3, "province_chair"),
        ("26/2026", 4, "province_chair"),
        ("26/2026", 5, "minister"),
        ("148/2023", 3, "district_chair"),
        ("148/2023", 4, "province_chair"),
        ("148/2023", 5, "minister"),
        ("1048/2019", 4, "province_chair"),
    ],
)
def test_recognising_authority(regime, star, authority):
    assert recognising_authority(star, regime=regime) == authority


def test_no_authority_for_1_or_2_stars_or_unknown_regimes():
    with pytest.raises(ValueError, match="không được ban hành"):
        recognising_authority(2)
    with pytest.raises(KeyError):
        recognising_authority(3, regime="999/2030")


def test_revocation_is_decided_by_todays_authority():
    assert recognising_authority(3) == PROVINCE_CHAIR
    assert revoking_authority(3) == PROVINCE_CHAIR  # a 148-era district 3★ is revoked by the province now
    assert revoking_authority(5) == MINISTER
