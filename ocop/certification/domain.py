"""Legal rules of certification as pure functions: validity, status, renewal window, reminders, revocation.

Sources: QĐ 26/2026/QĐ-TTg Điều 4 (authority, 36-month validity), Điều 7.6.a (re-evaluation filing window),
Điều 8 (revocation), Điều 12.3 (transitional extension); Civil Code 2015 Art. 144–148 (computing periods).
No Django, no database, no clock: ``today`` is always an argument. Reading choices: docs/decisions/0003.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ocop.evaluation.domain import VN_PUBLIC_HOLIDAYS, calendar_deadline

# ----------------------------------------------------------------------------------------------------
# Validity (Điều 4.3: "có giá trị trong thời hạn 36 tháng kể từ ngày cơ quan có thẩm quyền ban hành")

VALIDITY_MONTHS = 36
TRANSITION_EXTENSION_DAYS = 180  # Điều 12.3: "không quá 180 ngày tính từ ngày hết thời hạn"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_until(decision_date: date) -> date:
    """Last day a certificate issued on ``decision_date`` is valid: 36 months (Civil Code 2015 Art. 147–148).

    Art. 147.2–3: a period counted from an event starts the next day. Art. 148.3: a period in months ends
    at the end of the corresponding day of its last month, or of that month's last day when it has no such
    day. So 31/08/2026 → 31/08/2029 and 29/02/2024 → 28/02/2027. The weekend roll-over of Art. 148.5 is not
    applied: it protects someone who must act by the last day, and nobody must act on the last valid day.
    """
    return add_months(decision_date, VALIDITY_MONTHS)


def transitional_extension_limit(valid_until: date) -> date:
    """Latest day a certificate stays in force under Điều 12.3 (filed late for re-evaluation, undecided)."""
    return valid_until + timedelta(days=TRANSITION_EXTENSION_DAYS)


def days_before_expiry(valid_until: date, today: date) -> int:
    """``(valid_until − today).days``: 0 on the last valid day, negative once expired."""
    return (valid_until - today).days


# ----------------------------------------------------------------------------------------------------
# Status


class CertificateStatus(StrEnum):
    """What a certificate is on a given day; VALID and EXPIRING allow the OCOP mark with stars."""

    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"

    @property
    def in_force(self) -> bool:
        """Whether the certificate still carries the right to use the OCOP mark with its stars."""
        return self in (CertificateStatus.VALID, CertificateStatus.EXPIRING)


EXPIRING_WINDOW_DAYS = 180


def certificate_status(
    *,
    valid_until: date,
    today: date,
    revoked_on: date | None = None,
    superseded_on: date | None = None,
    expiring_window_days: int = EXPIRING_WINDOW_DAYS,
) -> CertificateStatus:
    """Revoked (from ``revoked_on``) beats superseded beats expired (after ``valid_until``) beats expiring.

    EXPIRING from 180 days before expiry inclusive to the last valid day: the same day the re-evaluation
    window opens and the first reminder goes out (decision 0003).
    """
    if revoked_on is not None and revoked_on <= today:
        return CertificateStatus.REVOKED
    if superseded_on is not None and superseded_on <= today:
        return CertificateStatus.SUPERSEDED
    left = days_before_expiry(valid_until, today)
    if left < 0:
        return CertificateStatus.EXPIRED
    if left <= expiring_window_days:
        return CertificateStatus.EXPIRING
    return CertificateStatus.VALID


# ----------------------------------------------------------------------------------------------------
# Re-evaluation filing window (Điều 7.6.a: "không sớm hơn 180 ngày và không muộn hơn 120 ngày tính đến ngày
# hết thời hạn của giấy chứng nhận"): open while 120 ≤ (valid_until − today).days ≤ 180.

RENEWAL_OPENS_DAYS_BEFORE = 180
RENEWAL_CLOSES_DAYS_BEFORE = 120


class WindowPhase(StrEnum):
    """Where ``today`` lies relative to the filing window."""

    NOT_YET = "not_yet"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class WindowState:
    """The filing window of one certificate on one day."""

    phase: WindowPhase
    opens_on: date
    closes_on: date
    days_before_expiry: int

    @property
    def is_open(self) -> bool:
        """Whether a re-evaluation dossier may be filed today."""
        return self.phase is WindowPhase.OPEN


def renewal_window(valid_until: date) -> tuple[date, date]:
    """First and last day on which a re-evaluation dossier may be filed (both inclusive)."""
    return (
        valid_until - timedelta(days=RENEWAL_OPENS_DAYS_BEFORE),
        valid_until - timedelta(days=RENEWAL_CLOSES_DAYS_BEFORE),
    )


def renewal_window_state(valid_until: date, today: date) -> WindowState:
    """NOT_YET at 181 days or more before expiry, OPEN from 180 to 120, CLOSED from 119 (and after expiry)."""
    opens_on, closes_on = renewal_window(valid_until)
    left = days_before_expiry(valid_until, today)
    if left > RENEWAL_OPENS_DAYS_BEFORE:
        phase = WindowPhase.NOT_YET
    elif left >= RENEWAL_CLOSES_DAYS_BEFORE:
        phase = WindowPhase.OPEN
    else:
        phase = WindowPhase.CLOSED
    return WindowState(phase=phase, opens_on=opens_on, closes_on=closes_on, days_before_expiry=left)


def _vn(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def renewal_window_message(state: WindowState) -> str:
    """The Vietnamese sentence shown to the producer and officers about the filing window."""
    if state.phase is WindowPhase.NOT_YET:
        return (
            "Chưa đến thời hạn nộp hồ sơ đánh giá lại: thời hạn mở từ ngày "
            f"{_vn(state.opens_on)} đến hết ngày {_vn(state.closes_on)}."
        )
    if state.phase is WindowPhase.OPEN:
        return (
            "Đang trong thời hạn nộp hồ sơ đánh giá lại: hạn cuối là ngày "
            f"{_vn(state.closes_on)} (điểm a khoản 6 Điều 7 Quyết định 26/2026/QĐ-TTg)."
        )
    return (
        f"Đã quá thời hạn nộp hồ sơ đánh giá lại (hạn cuối {_vn(state.closes_on)}): hồ sơ phải nộp không sớm "
        "hơn 180 ngày và không muộn hơn 120 ngày trước ngày giấy chứng nhận hết hạn (điểm a khoản 6 Điều 7 "
        "Quyết định 26/2026/QĐ-TTg)."
    )


# ----------------------------------------------------------------------------------------------------
# Reminders

REMINDER_DAYS: tuple[int, ...] = (180, 120, 30)


def reminders_due(valid_until: date, today: date, already_sent: set[int] | frozenset[int]) -> list[int]:
    """The reminder to send today: the most urgent threshold reached (days before expiry ≤ threshold), unless
    already sent. A sweep that missed days still sends it; a less urgent one that was missed is not sent late,
    the more urgent one replaces it. Nothing once the certificate has expired (decision 0003).
    """
    left = days_before_expiry(valid_until, today)
    if left < 0:
        return []
    reached = [threshold for threshold in REMINDER_DAYS if left <= threshold]
    if not reached:
        return []
    current = min(reached)
    return [] if current in already_sent else [current]


# ----------------------------------------------------------------------------------------------------
# Revocation (Điều 8)


class RevocationGround(StrEnum):
    """The six grounds of Điều 8.1; the value is the decree's point, "đ" written "dd" (fits 2 characters)."""

    FALSE_DOSSIER = "a"
    CRITERIA_NOT_MET = "b"
    LEGAL_VIOLATION = "c"
    MARK_MISUSE = "d"
    PRODUCTION_STOPPED = "dd"
    OTHER = "e"

    @property
    def point(self) -> str:
        """The point of Điều 8.1 as printed: a, b, c, d, đ, e."""
        return _GROUNDS[self][0]

    @property
    def label(self) -> str:
        """The ground's wording in the decree."""
        return _GROUNDS[self][1]

    @property
    def citation(self) -> str:
        """``"điểm đ khoản 1 Điều 8 Quyết định 26/2026/QĐ-TTg"``."""
        return f"điểm {self.point} khoản 1 Điều 8 Quyết định 26/2026/QĐ-TTg"


_GROUNDS: dict[RevocationGround, tuple[str, str]] = {
    RevocationGround.FALSE_DOSSIER: (
        "a",
        "Chủ thể OCOP bị phát hiện cung cấp thông tin, tài liệu không trung thực hoặc giả mạo hồ sơ "
        "trong quá trình đăng ký đánh giá, phân hạng sản phẩm OCOP",
    ),
    RevocationGround.CRITERIA_NOT_MET: (
        "b",
        "Sản phẩm OCOP không còn đáp ứng các tiêu chí theo Bộ tiêu chí OCOP theo kết luận kiểm tra, giám sát "
        "của cơ quan có thẩm quyền",
    ),
    RevocationGround.LEGAL_VIOLATION: (
        "c",
        "Sản phẩm OCOP vi phạm quy định pháp luật về chất lượng sản phẩm, an toàn thực phẩm, bảo vệ môi "
        "trường, sở hữu trí tuệ, ghi nhãn hàng hóa hoặc các quy định pháp luật khác có liên quan theo "
        "kết luận của cơ quan có thẩm quyền",
    ),
    RevocationGround.MARK_MISUSE: (
        "d",
        "Chủ thể OCOP sử dụng nhãn hiệu OCOP không đúng quy định, gây nhầm lẫn về sản phẩm được công nhận",
    ),
    RevocationGround.PRODUCTION_STOPPED: ("đ", "Chủ thể OCOP không còn hoạt động sản xuất sản phẩm OCOP"),
    RevocationGround.OTHER: (
        "e",
        "Trường hợp khác theo kết luận và đề nghị của cơ quan nhà nước có thẩm quyền về việc sản phẩm OCOP "
        "không đủ điều kiện tiếp tục được công nhận",
    ),
}

REVOCATION_DEADLINE_DAYS = 15  # Điều 8.4: "15 ngày kể từ ngày có kết luận … hoặc xác nhận của UBND cấp xã"


def revocation_deadline(concluded_on: date, *, holidays: frozenset[date] = VN_PUBLIC_HOLIDAYS) -> date:
    """Last day for the revocation decision: 15 calendar days from the conclusion (or the commune's
    confirmation that production stopped), counted from the next day; a last day falling on a weekend or
    holiday moves to the next working day (Civil Code 2015 Art. 147–148.5; decision 0003)."""
    return calendar_deadline(concluded_on, REVOCATION_DEADLINE_DAYS, holidays=holidays)


def revocation_overdue(
    concluded_on: date,
    today: date,
    decided_on: date | None = None,
    *,
    holidays: frozenset[date] = VN_PUBLIC_HOLIDAYS,
) -> bool:
    """Whether the revocation is late: still undecided after the deadline, or decided after it."""
    deadline = revocation_deadline(concluded_on, holidays=holidays)
    if decided_on is not None and decided_on <= today:
        return decided_on > deadline
    return today > deadline


# ----------------------------------------------------------------------------------------------------
# Authority (Điều 4.1 and 8.2 of 26/2026; for history, QĐ 148/2023 and QĐ 1048/2019)

PROVINCE_CHAIR = "province_chair"
DISTRICT_CHAIR = "district_chair"
MINISTER = "minister"

_AUTHORITIES: dict[str, dict[int, str]] = {
    "26/2026": {3: PROVINCE_CHAIR, 4: PROVINCE_CHAIR, 5: MINISTER},
    "148/2023": {3: DISTRICT_CHAIR, 4: PROVINCE_CHAIR, 5: MINISTER},
    "1048/2019": {3: PROVINCE_CHAIR, 4: PROVINCE_CHAIR, 5: MINISTER},
}


def recognising_authority(star: int, *, regime: str = "26/2026") -> str:
    """Who decides recognition of a ``star`` product under ``regime``; 1–2★ get no decision (ValueError)."""
    try:
        by_star = _AUTHORITIES[regime]
    except KeyError:
        raise KeyError(f"unknown regime {regime!r}; known: {', '.join(_AUTHORITIES)}") from None
    try:
        return by_star[star]
    except KeyError:
        raise ValueError(f"Sản phẩm {star} sao không được ban hành quyết định công nhận.") from None


def revoking_authority(star: int) -> str:
    """Who revokes today (Điều 8.2), whatever regime recognised the product: no district level since 2025."""
    return recognising_authority(star, regime="26/2026")
