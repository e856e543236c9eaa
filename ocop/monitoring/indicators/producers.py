"""Indicators on producers (chủ thể OCOP): how many, of which kind, the shares with a trait, new ones,
and the share of trained workers.

A producer counts where it is: its current commune on the 2025 map, its pre-2025 commune
(``legacy_commune``) on the old one. It is in the programme from the day it joined (``joined_on``), or,
when that is not recorded, from the day it was entered in the system (local date).
"""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _

from ocop.activities.models import AttendeeRole, Listing, RevenueReport, TrainingAttendance
from ocop.monitoring.indicators.base import Breakdown, Grouping, Param, Period, Place, indicator
from ocop.monitoring.indicators.common import (
    choice,
    count_breakdown,
    describe,
    flag,
    in_period,
    producer_has_certificate_in_force,
    share_breakdown,
    years_of,
)
from ocop.registry.models import KINH_ETHNICITY, Gender, Producer, ProducerKind

HERE = Place.of_producer("")

PRODUCER_RULE = _(
    "Chủ thể được tính từ ngày tham gia chương trình; khi chưa ghi ngày tham gia, từ ngày được nhập vào hệ "
    "thống (giờ Việt Nam). Chủ thể được tính tại xã/phường hiện hành trên bản đồ từ 01/07/2025, tại "
    "xã/phường trước sắp xếp trên bản đồ trước 01/07/2025."
)
CERTIFIED_ONLY_RULE = _(
    "Khi chọn “chỉ chủ thể có sản phẩm OCOP”, chỉ tính chủ thể có ít nhất một sản phẩm có giấy chứng nhận "
    "còn hiệu lực vào ngày cuối kỳ (chưa hết hạn, chưa bị thu hồi, chưa được thay thế vào ngày đó)."
)


def joined_by(day) -> Q:
    """In the programme on ``day``: joined by then, or (no joining date) entered by then."""
    return Q(joined_on__lte=day) | Q(joined_on__isnull=True, created_at__date__lte=day)


def joined_within(period: Period) -> Q:
    return in_period("joined_on", period) | (
        Q(joined_on__isnull=True) & in_period("created_at__date", period)
    )


def producers_on(day, *, certified_only=False):
    producers = Producer.objects.filter(joined_by(day))
    if flag(certified_only):
        producers = producers.filter(producer_has_certificate_in_force(day))
    return producers


CERTIFIED_ONLY = Param("certified_only", _("Chỉ chủ thể có sản phẩm OCOP còn hiệu lực"), False)


@indicator(
    "producers",
    label=_("Chủ thể OCOP"),
    description=describe(
        _("Số chủ thể trong chương trình vào ngày cuối kỳ, của một loại hình khi chọn."),
        PRODUCER_RULE,
        CERTIFIED_ONLY_RULE,
    ),
    unit_label=_("chủ thể"),
    kind="stock",
    params=(Param("kind", _("Loại hình"), None, tuple(ProducerKind.choices)), CERTIFIED_ONLY),
)
def producers(*, unit, period: Period, grouping: Grouping, kind=None, certified_only=False) -> Breakdown:
    qs = producers_on(period.end, certified_only=certified_only)
    kind = choice("kind", kind, ProducerKind.choices)
    if kind:
        qs = qs.filter(kind=kind)
    return count_breakdown(qs, HERE, unit, grouping, Count("pk"))


TRAITS = (
    ("women_led", _("do phụ nữ làm chủ (người đại diện theo pháp luật là nữ)")),
    ("ethnic_minority_led", _("do người dân tộc thiểu số làm chủ (người đại diện không phải dân tộc Kinh)")),
    ("cooperative", _("là hợp tác xã")),
    ("enterprise", _("là doanh nghiệp")),
    ("green_chain", _("tham gia chuỗi giá trị xanh, tuần hoàn")),
    (
        "modern_channel",
        _(
            "bán qua kênh hiện đại (có gian hàng thương mại điện tử đang bán vào ngày cuối kỳ, hoặc báo cáo "
            "doanh thu của một năm trong kỳ có doanh thu qua siêu thị, cửa hàng tiện lợi hoặc thương mại "
            "điện tử lớn hơn 0)"
        ),
    ),
    (
        "leader_trained",
        _(
            "có lãnh đạo được tập huấn (có học viên vai trò “lãnh đạo, chủ thể” ở một lớp tập huấn bắt đầu "
            "trong kỳ)"
        ),
    ),
)


def trait_condition(trait: str, period: Period) -> Q:
    """The producers having ``trait`` (one of ``TRAITS``), as a condition on ``Producer``."""
    if trait == "women_led":
        return Q(legal_rep_gender=Gender.FEMALE)
    if trait == "ethnic_minority_led":
        return ~Q(legal_rep_ethnicity__iexact=KINH_ETHNICITY) & ~Q(legal_rep_ethnicity="")
    if trait == "cooperative":
        return Q(kind=ProducerKind.COOPERATIVE)
    if trait == "enterprise":
        return Q(kind=ProducerKind.ENTERPRISE)
    if trait == "green_chain":
        return Q(green_value_chain=True)
    if trait == "modern_channel":
        end = period.end
        listing = Listing.objects.filter(product__producer_id=OuterRef("pk"), listed_from__lte=end).filter(
            Q(listed_until__isnull=True) | Q(listed_until__gt=end)
        )
        modern = RevenueReport.objects.annotate(
            modern=F(RevenueReport.MODERN_CHANNELS[0]) + F(RevenueReport.MODERN_CHANNELS[1])
        ).filter(producer_id=OuterRef("pk"), year__in=years_of(period), modern__gt=0)
        return Q(Exists(listing)) | Q(Exists(modern))
    if trait == "leader_trained":
        attended = TrainingAttendance.objects.filter(
            producer_id=OuterRef("pk"), role=AttendeeRole.LEADER
        ).filter(in_period("course__starts_on", period))
        return Q(Exists(attended))
    raise ValueError(f"parameter trait: {trait!r} is not one of {[code for code, _l in TRAITS]}")


@indicator(
    "producer_share",
    label=_("Tỷ lệ chủ thể theo đặc điểm"),
    description=describe(
        _(
            "Trong các chủ thể trong chương trình vào ngày cuối kỳ, tỷ lệ phần trăm chủ thể có đặc điểm đã "
            "chọn: do phụ nữ làm chủ (người đại diện theo pháp luật là nữ); do người dân tộc thiểu số làm "
            "chủ (dân tộc của người đại diện không phải Kinh); là hợp tác xã; là doanh nghiệp; tham gia "
            "chuỗi giá trị xanh, tuần hoàn; bán qua kênh hiện đại (có gian hàng thương mại điện tử đang bán "
            "vào ngày cuối kỳ, hoặc doanh thu qua siêu thị, cửa hàng tiện lợi hoặc thương mại điện tử lớn "
            "hơn 0 trong báo cáo của một năm trong kỳ); có lãnh đạo được tập huấn (học viên vai trò “lãnh "
            "đạo, chủ thể” của một lớp bắt đầu trong kỳ)."
        ),
        PRODUCER_RULE,
        CERTIFIED_ONLY_RULE,
    ),
    unit_label="%",
    kind="stock",
    params=(Param("trait", _("Đặc điểm"), "women_led", TRAITS), CERTIFIED_ONLY),
    is_share=True,
)
def producer_share(
    *, unit, period: Period, grouping: Grouping, trait="women_led", certified_only=False
) -> Breakdown:
    condition = trait_condition(trait or "women_led", period)
    return share_breakdown(
        producers_on(period.end, certified_only=certified_only),
        HERE,
        unit,
        grouping,
        numerator=Count("pk", filter=condition),
        denominator=Count("pk"),
    )


@indicator(
    "new_producers",
    label=_("Chủ thể mới tham gia"),
    description=describe(
        _(
            "Số chủ thể tham gia chương trình trong kỳ: ngày tham gia từ ngày đầu kỳ đến ngày cuối kỳ (kể cả "
            "hai ngày đó); chủ thể chưa ghi ngày tham gia được tính theo ngày nhập vào hệ thống (giờ Việt "
            "Nam). Có thể chọn một hoặc nhiều loại hình."
        ),
        PRODUCER_RULE,
    ),
    unit_label=_("chủ thể"),
    kind="flow",
    params=(Param("kinds", _("Loại hình"), None, tuple(ProducerKind.choices)),),
)
def new_producers(*, unit, period: Period, grouping: Grouping, kinds=None) -> Breakdown:
    qs = Producer.objects.filter(joined_within(period))
    if kinds:
        codes = [kinds] if isinstance(kinds, str) else list(kinds)
        for code in codes:
            choice("kinds", code, ProducerKind.choices)
        qs = qs.filter(kind__in=codes)
    return count_breakdown(qs, HERE, unit, grouping, Count("pk"))


@indicator(
    "trained_workers_share",
    label=_("Tỷ lệ lao động được đào tạo"),
    description=describe(
        _(
            "Tổng số lao động đã qua đào tạo chia cho tổng số lao động của các chủ thể trong chương trình "
            "vào ngày cuối kỳ, theo số liệu lao động hiện ghi trong hồ sơ chủ thể (hệ thống không lưu số "
            "liệu lao động theo từng thời điểm)."
        ),
        PRODUCER_RULE,
    ),
    unit_label="%",
    kind="stock",
    is_share=True,
)
def trained_workers_share(*, unit, period: Period, grouping: Grouping) -> Breakdown:
    return share_breakdown(
        producers_on(period.end),
        HERE,
        unit,
        grouping,
        numerator=Sum("workforce_trained"),
        denominator=Sum("workforce_total"),
    )
