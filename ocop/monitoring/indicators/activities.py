"""Indicators on the programme's activities: training, media, trade promotion, sales points, revenue,
support given and budgets.

Records placed at a unit (courses, media items, events, sales points, budgets) count where they are
placed, on each map through their two paths; records about a producer (event sales, revenue,
support) count where the producer is. Yearly records (revenue, budgets) count in full for every
calendar year the period touches.
"""

from __future__ import annotations

from functools import reduce
from operator import add

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _

from ocop.activities.models import (
    Audience,
    Budget,
    EventParticipation,
    EventScope,
    FundingSource,
    MediaItem,
    MediaKind,
    OrganiserLevel,
    PromotionEvent,
    RevenueReport,
    SalesPoint,
    SalesPointKind,
    Support,
    SupportKind,
    TrainingCourse,
)
from ocop.monitoring.indicators.base import (
    Breakdown,
    Grouping,
    Param,
    Period,
    Place,
    Value,
    grouped,
    indicator,
)
from ocop.monitoring.indicators.common import (
    NO_SHARE,
    choice,
    count_breakdown,
    describe,
    in_period,
    share_breakdown,
    years_of,
)

LOCATED = Place.located()
BY_PRODUCER = Place.of_producer("producer__")

LOCATED_RULE = _(
    "Bản ghi được tính tại địa bàn nơi nó được ghi nhận, trên cả bản đồ hiện hành và bản đồ trước 01/07/2025."
)
PRODUCER_RULE = _(
    "Bản ghi được tính tại nơi chủ thể hoạt động (xã/phường hiện hành, hoặc xã/phường trước sắp xếp trên bản "
    "đồ trước 01/07/2025)."
)
YEARS_RULE = _(
    "Số liệu theo năm được tính trọn năm cho mỗi năm dương lịch mà kỳ chạm tới (kỳ 01/01/2021–31/12/2025 gồm "
    "các năm 2021 đến 2025)."
)

AUDIENCE = Param("audience", _("Đối tượng"), None, tuple(Audience.choices))
LEVEL = Param("level", _("Cấp tổ chức"), None, tuple(OrganiserLevel.choices))


def _courses(period: Period, audience, level):
    courses = TrainingCourse.objects.filter(in_period("starts_on", period))
    if choice("audience", audience, Audience.choices):
        courses = courses.filter(audience=audience)
    if choice("level", level, OrganiserLevel.choices):
        courses = courses.filter(level=level)
    return courses


TRAINING_RULE = _(
    "Tính các lớp tập huấn có ngày bắt đầu từ ngày đầu kỳ đến ngày cuối kỳ (kể cả hai ngày đó), theo đối "
    "tượng và cấp tổ chức khi chọn."
)


@indicator(
    "training_classes",
    label=_("Số lớp tập huấn"),
    description=describe(
        _("Tổng số lớp của các khoá tập huấn, bồi dưỡng trong kỳ."), TRAINING_RULE, LOCATED_RULE
    ),
    unit_label=_("lớp"),
    kind="flow",
    params=(AUDIENCE, LEVEL),
)
def training_classes(*, unit, period: Period, grouping: Grouping, audience=None, level=None) -> Breakdown:
    return count_breakdown(_courses(period, audience, level), LOCATED, unit, grouping, Sum("classes"))


@indicator(
    "training_participants",
    label=_("Số lượt người được tập huấn"),
    description=describe(
        _("Tổng số lượt người tham gia (số ghi ở từng khoá) của các khoá tập huấn trong kỳ."),
        TRAINING_RULE,
        LOCATED_RULE,
    ),
    unit_label=_("người"),
    kind="flow",
    params=(AUDIENCE, LEVEL),
)
def training_participants(
    *, unit, period: Period, grouping: Grouping, audience=None, level=None
) -> Breakdown:
    return count_breakdown(_courses(period, audience, level), LOCATED, unit, grouping, Sum("participants"))


@indicator(
    "media_items",
    label=_("Tin, bài, phóng sự tuyên truyền"),
    description=describe(
        _(
            "Số tin, bài, clip, phóng sự về OCOP phát sóng hoặc đăng tải từ ngày đầu kỳ đến ngày cuối kỳ (kể "
            "cả hai ngày đó), theo loại khi chọn."
        ),
        LOCATED_RULE,
    ),
    unit_label=_("tin, bài"),
    kind="flow",
    params=(Param("kind", _("Loại"), None, tuple(MediaKind.choices)),),
)
def media_items(*, unit, period: Period, grouping: Grouping, kind=None) -> Breakdown:
    items = MediaItem.objects.filter(in_period("published_on", period))
    if choice("kind", kind, MediaKind.choices):
        items = items.filter(kind=kind)
    return count_breakdown(items, LOCATED, unit, grouping, Count("pk"))


def _events(period: Period):
    return PromotionEvent.objects.filter(in_period("starts_on", period))


@indicator(
    "promotion_events",
    label=_("Sự kiện xúc tiến thương mại"),
    description=describe(
        _(
            "Số hội chợ, triển lãm, sự kiện kết nối cung cầu có ngày bắt đầu từ ngày đầu kỳ đến ngày cuối kỳ "
            "(kể cả hai ngày đó), theo phạm vi (trong tỉnh, ngoài tỉnh, quốc tế) khi chọn."
        ),
        LOCATED_RULE,
    ),
    unit_label=_("sự kiện"),
    kind="flow",
    params=(Param("scope", _("Phạm vi"), None, tuple(EventScope.choices)),),
)
def promotion_events(*, unit, period: Period, grouping: Grouping, scope=None) -> Breakdown:
    events = _events(period)
    if choice("scope", scope, EventScope.choices):
        events = events.filter(scope=scope)
    return count_breakdown(events, LOCATED, unit, grouping, Count("pk"))


@indicator(
    "event_sales",
    label=_("Doanh số tại sự kiện xúc tiến"),
    description=describe(
        _(
            "Tổng doanh số (đồng) mà các chủ thể bán được tại các sự kiện xúc tiến thương mại có ngày bắt "
            "đầu trong kỳ (kể cả ngày đầu và ngày cuối kỳ). Doanh số của mỗi chủ thể được tính tại nơi chủ "
            "thể hoạt động, dù sự kiện diễn ra ở đâu."
        )
    ),
    unit_label=_("đồng"),
    kind="flow",
)
def event_sales(*, unit, period: Period, grouping: Grouping) -> Breakdown:
    participations = EventParticipation.objects.filter(in_period("event__starts_on", period))
    return count_breakdown(participations, BY_PRODUCER, unit, grouping, Sum("sales"))


@indicator(
    "sales_points",
    label=_("Điểm giới thiệu và bán sản phẩm OCOP"),
    description=describe(
        _(
            "Số điểm giới thiệu và bán sản phẩm đang hoạt động vào ngày cuối kỳ: khai trương từ ngày cuối kỳ "
            "trở về trước và chưa đóng cửa (ngày đóng cửa trống hoặc sau ngày cuối kỳ; điểm đóng cửa đúng "
            "ngày cuối kỳ không tính), theo loại khi chọn."
        ),
        LOCATED_RULE,
    ),
    unit_label=_("điểm"),
    kind="stock",
    params=(Param("kind", _("Loại"), None, tuple(SalesPointKind.choices)),),
)
def sales_points(*, unit, period: Period, grouping: Grouping, kind=None) -> Breakdown:
    end = period.end
    points = SalesPoint.objects.filter(opened_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=end)
    )
    if choice("kind", kind, SalesPointKind.choices):
        points = points.filter(kind=kind)
    return count_breakdown(points, LOCATED, unit, grouping, Count("pk"))


CHANNEL = Param(
    "channel",
    _("Kênh bán"),
    None,
    tuple((name, RevenueReport._meta.get_field(name).verbose_name) for name in RevenueReport.CHANNELS),
)


def revenue_expression(channel):
    """One channel's column, or the sum of every channel (what ``total`` holds)."""
    if choice("channel", channel, CHANNEL.choices):
        return F(channel)
    return reduce(add, (F(name) for name in RevenueReport.CHANNELS))


def counted_reports():
    """Reports that count, without double counting: a producer's own report (no product) for a year when
    it has one, otherwise the sum of its product reports for that year."""
    producer_level = RevenueReport.objects.filter(
        producer_id=OuterRef("producer_id"), year=OuterRef("year"), product__isnull=True
    )
    return RevenueReport.objects.filter(Q(product__isnull=True) | ~Exists(producer_level))


REVENUE_RULE = _(
    "Mỗi chủ thể, mỗi năm: nếu có báo cáo doanh thu chung của chủ thể thì lấy báo cáo đó, nếu không thì cộng "
    "các báo cáo theo từng sản phẩm của năm đó (không cộng trùng). Doanh thu là tổng các kênh, hoặc một kênh "
    "khi chọn."
)


@indicator(
    "revenue",
    label=_("Doanh thu của chủ thể OCOP"),
    description=describe(
        _("Tổng doanh thu (đồng) của các chủ thể trong các năm của kỳ."),
        REVENUE_RULE,
        YEARS_RULE,
        PRODUCER_RULE,
    ),
    unit_label=_("đồng"),
    kind="flow",
    params=(CHANNEL,),
)
def revenue(*, unit, period: Period, grouping: Grouping, channel=None) -> Breakdown:
    reports = counted_reports().filter(year__in=years_of(period))
    return count_breakdown(reports, BY_PRODUCER, unit, grouping, Sum(revenue_expression(channel)))


@indicator(
    "revenue_growth",
    label=_("Tăng trưởng doanh thu so với năm trước"),
    description=describe(
        _(
            "Tốc độ tăng doanh thu (%) của năm chứa ngày cuối kỳ so với năm liền trước: (doanh thu năm nay − "
            "doanh thu năm trước) / doanh thu năm trước × 100; để trống khi năm trước không có doanh thu. Số "
            "âm là giảm."
        ),
        REVENUE_RULE,
        PRODUCER_RULE,
    ),
    unit_label="%",
    kind="flow",
    params=(CHANNEL,),
    is_share=True,
)
def revenue_growth(*, unit, period: Period, grouping: Grouping, channel=None) -> Breakdown:
    year = period.end.year
    expression = revenue_expression(channel)
    reports = counted_reports().filter(year__in=[year - 1, year])
    total, rows = grouped(
        reports,
        BY_PRODUCER,
        unit,
        grouping,
        this=Sum(expression, filter=Q(year=year)),
        last=Sum(expression, filter=Q(year=year - 1)),
    )

    def growth(row) -> Value:
        this, last = row["this"] or 0, row["last"] or 0
        return Value.share(this - last, last)

    return Breakdown(growth(total), {path: growth(row) for path, row in rows.items()}, empty=NO_SHARE)


def _supports(period: Period, kind=None, source=None):
    supports = Support.objects.filter(in_period("given_on", period))
    if choice("kind", kind, SupportKind.choices):
        supports = supports.filter(kind=kind)
    if choice("source", source, FundingSource.choices):
        supports = supports.filter(source=source)
    return supports


SUPPORT_KIND = Param("kind", _("Nội dung hỗ trợ"), None, tuple(SupportKind.choices))
SOURCE = Param("source", _("Nguồn vốn"), None, tuple(FundingSource.choices))


@indicator(
    "supports",
    label=_("Lượt hỗ trợ chủ thể"),
    description=describe(
        _(
            "Số lượt hỗ trợ (nhãn hiệu, tem nhãn, bao bì, kiểm nghiệm, thiết bị, tín dụng…) trao cho chủ thể "
            "từ ngày đầu kỳ đến ngày cuối kỳ (kể cả hai ngày đó), theo nội dung khi chọn."
        ),
        PRODUCER_RULE,
    ),
    unit_label=_("lượt"),
    kind="flow",
    params=(SUPPORT_KIND,),
)
def supports(*, unit, period: Period, grouping: Grouping, kind=None) -> Breakdown:
    return count_breakdown(_supports(period, kind), BY_PRODUCER, unit, grouping, Count("pk"))


@indicator(
    "support_amount",
    label=_("Kinh phí hỗ trợ chủ thể"),
    description=describe(
        _(
            "Tổng kinh phí (đồng) của các lượt hỗ trợ trao cho chủ thể từ ngày đầu kỳ đến ngày cuối kỳ (kể "
            "cả hai ngày đó), theo nội dung và nguồn vốn khi chọn."
        ),
        PRODUCER_RULE,
    ),
    unit_label=_("đồng"),
    kind="flow",
    params=(SUPPORT_KIND, SOURCE),
)
def support_amount(*, unit, period: Period, grouping: Grouping, kind=None, source=None) -> Breakdown:
    return count_breakdown(_supports(period, kind, source), BY_PRODUCER, unit, grouping, Sum("amount"))


def _budgets(period: Period, source):
    budgets = Budget.objects.filter(year__in=years_of(period))
    if choice("source", source, FundingSource.choices):
        budgets = budgets.filter(source=source)
    return budgets


BUDGET_RULE = _("Kinh phí ghi theo địa bàn, năm và nguồn vốn (trung ương, địa phương, tín dụng, cộng đồng…).")


@indicator(
    "budget_planned",
    label=_("Kinh phí kế hoạch"),
    description=describe(
        _("Tổng kinh phí kế hoạch (đồng) các năm của kỳ, theo nguồn vốn khi chọn."),
        BUDGET_RULE,
        YEARS_RULE,
        LOCATED_RULE,
    ),
    unit_label=_("đồng"),
    kind="flow",
    params=(SOURCE,),
)
def budget_planned(*, unit, period: Period, grouping: Grouping, source=None) -> Breakdown:
    return count_breakdown(_budgets(period, source), LOCATED, unit, grouping, Sum("planned"))


@indicator(
    "budget_mobilised",
    label=_("Kinh phí đã huy động"),
    description=describe(
        _("Tổng kinh phí đã huy động (đồng) các năm của kỳ, theo nguồn vốn khi chọn."),
        BUDGET_RULE,
        YEARS_RULE,
        LOCATED_RULE,
    ),
    unit_label=_("đồng"),
    kind="flow",
    params=(SOURCE,),
)
def budget_mobilised(*, unit, period: Period, grouping: Grouping, source=None) -> Breakdown:
    return count_breakdown(_budgets(period, source), LOCATED, unit, grouping, Sum("mobilised"))


@indicator(
    "budget_mobilised_share",
    label=_("Tỷ lệ kinh phí huy động so với kế hoạch"),
    description=describe(
        _(
            "Kinh phí đã huy động chia cho kinh phí kế hoạch (%) các năm của kỳ, theo nguồn vốn khi chọn; để "
            "trống khi không có kinh phí kế hoạch. Có thể vượt 100%."
        ),
        BUDGET_RULE,
        YEARS_RULE,
        LOCATED_RULE,
    ),
    unit_label="%",
    kind="flow",
    params=(SOURCE,),
    is_share=True,
)
def budget_mobilised_share(*, unit, period: Period, grouping: Grouping, source=None) -> Breakdown:
    return share_breakdown(
        _budgets(period, source),
        LOCATED,
        unit,
        grouping,
        numerator=Sum("mobilised"),
        denominator=Sum("planned"),
    )
