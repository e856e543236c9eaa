"""Indicators on dossiers: proposed for evaluation, proposed for 5★, past their deadlines, fully digital.

Dates of a dossier's steps are its ``DossierTransition`` rows (``at``, a time: its date is taken in the
Vietnamese time zone). A dossier counts where its product's producer is.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from ocop.evaluation import lifecycle
from ocop.evaluation.models import Dossier, DossierTransition, Evidence, Result, SelfScore
from ocop.monitoring.indicators.base import Breakdown, Grouping, Period, Place, indicator
from ocop.monitoring.indicators.common import count_breakdown, describe, distinct, in_period, share_breakdown

BY_PRODUCT = Place.of_producer("product__producer__")

DOSSIER_PLACE_RULE = _(
    "Hồ sơ được tính tại nơi chủ thể của sản phẩm hoạt động (xã/phường hiện hành, hoặc xã/phường trước sắp "
    "xếp trên bản đồ trước 01/07/2025)."
)


@indicator(
    "proposed_five_star",
    label=_("Sản phẩm đề nghị đánh giá 5 sao"),
    description=describe(
        _(
            "Số sản phẩm (mỗi sản phẩm một lần) có hồ sơ được tỉnh chuyển đề nghị Bộ đánh giá, phân hạng 5 "
            "sao (bước chuyển sang trạng thái “Đề nghị trung ương (5 sao)”) vào một ngày từ ngày đầu kỳ đến "
            "ngày cuối kỳ, kể cả hai ngày đó (giờ Việt Nam)."
        ),
        DOSSIER_PLACE_RULE,
    ),
    unit_label=_("sản phẩm"),
    kind="flow",
)
def proposed_five_star(*, unit, period: Period, grouping: Grouping) -> Breakdown:
    dossiers = Dossier.objects.filter(
        Exists(
            DossierTransition.objects.filter(dossier_id=OuterRef("pk"), to_status=lifecycle.CENTRAL).filter(
                in_period("at__date", period)
            )
        )
    )
    return count_breakdown(dossiers, BY_PRODUCT, unit, grouping, distinct("product"))


@indicator(
    "products_proposed",
    label=_("Sản phẩm có hồ sơ đăng ký đánh giá"),
    description=describe(
        _(
            "Số sản phẩm (mỗi sản phẩm một lần) có hồ sơ được nộp trong kỳ: thời điểm nộp của hồ sơ (lần nộp "
            "gần nhất, nếu hồ sơ bị trả lại rồi nộp lại) rơi vào một ngày từ ngày đầu kỳ đến ngày cuối kỳ, "
            "kể cả hai ngày đó, theo giờ Việt Nam."
        ),
        DOSSIER_PLACE_RULE,
    ),
    unit_label=_("sản phẩm"),
    kind="flow",
)
def products_proposed(*, unit, period: Period, grouping: Grouping) -> Breakdown:
    dossiers = Dossier.objects.filter(in_period("submitted_at__date", period))
    return count_breakdown(dossiers, BY_PRODUCT, unit, grouping, distinct("product"))


def _status_on(day) -> Subquery:
    """A dossier's state at the end of ``day``: where its last step on or before that day took it."""
    return Subquery(
        DossierTransition.objects.filter(dossier_id=OuterRef("pk"), at__date__lte=day)
        .order_by("-at", "-pk")
        .values("to_status")[:1]
    )


WAITING_AT_COMMUNE = (lifecycle.SUBMITTED, lifecycle.COMMUNE_REVIEW)
# Not late on its round: finished, not yet in the procedure, or handed on to the central 5★ round.
NOT_PENDING = (*lifecycle.FINAL_STATES, lifecycle.DRAFT, lifecycle.CENTRAL)


@indicator(
    "dossiers_overdue",
    label=_("Hồ sơ quá hạn xử lý"),
    description=describe(
        _(
            "Số hồ sơ quá hạn vào ngày cuối kỳ. Trạng thái của hồ sơ vào ngày cuối kỳ là trạng thái sau bước "
            "xử lý cuối cùng đến hết ngày đó. Hồ sơ quá hạn khi (1) đang chờ xã (đã nộp, hoặc xã đang xem "
            "xét) và hạn xã xem xét (15 ngày làm việc từ ngày xã tiếp nhận) trước ngày cuối kỳ — hạn đúng "
            "ngày cuối kỳ chưa quá hạn; hoặc (2) thuộc một đợt đánh giá có hạn hoàn thành trước ngày cuối kỳ "
            "mà hồ sơ chưa có kết quả cuối cùng (chưa có quyết định công nhận, chưa kết luận không đủ điều "
            "kiện, chưa rút, chưa bị loại; hồ sơ đang soạn và hồ sơ đã chuyển trung ương chờ đánh giá 5 "
            "sao không tính). Mỗi hồ sơ tính một lần."
        ),
        DOSSIER_PLACE_RULE,
    ),
    unit_label=_("hồ sơ"),
    kind="stock",
)
def dossiers_overdue(*, unit, period: Period, grouping: Grouping) -> Breakdown:
    end = period.end
    at_commune = Q(status_on_end__in=WAITING_AT_COMMUNE, commune_due_on__lt=end)
    round_late = (
        Q(round__conclusion_deadline__lt=end)
        & Q(status_on_end__isnull=False)
        & ~Q(status_on_end__in=NOT_PENDING)
    )
    dossiers = Dossier.objects.alias(status_on_end=_status_on(end)).filter(at_commune | round_late)
    return count_breakdown(dossiers, BY_PRODUCT, unit, grouping, Count("pk"))


def fully_digital() -> Q:
    """Mẫu 01 filled in the system, Mẫu 02 complete (self-scores present, and submitted through the
    system, which refuses a submission missing any applicable criterion), at least one evidence file."""
    return (
        Q(application__has_keys=["representative", "product_name"])
        & ~Q(application__representative="")
        & ~Q(application__product_name="")
        & Q(submitted_at__isnull=False)
        & Q(Exists(SelfScore.objects.filter(dossier_id=OuterRef("pk"))))
        & Q(Exists(Evidence.objects.filter(dossier_id=OuterRef("pk")).exclude(file="")))
    )


@indicator(
    "digital_dossier_share",
    label=_("Tỷ lệ hồ sơ đánh giá hoàn toàn trên môi trường số"),
    description=describe(
        _(
            "Trong các hồ sơ có kết quả của hội đồng đánh giá (cấp tỉnh hoặc trung ương) kết luận vào một "
            "ngày từ ngày đầu kỳ đến ngày cuối kỳ (giờ Việt Nam; mỗi hồ sơ một lần), tỷ lệ phần trăm hồ sơ "
            "hoàn toàn số: phiếu đăng ký Mẫu 01 được lập trên hệ thống (có người đại diện và tên sản phẩm), "
            "phiếu tự đánh giá Mẫu 02 có điểm tự đánh giá và được nộp qua hệ thống (hệ thống không cho nộp "
            "khi còn thiếu tiêu chí áp dụng nào), và có ít nhất một tệp tài liệu minh chứng."
        ),
        DOSSIER_PLACE_RULE,
    ),
    unit_label="%",
    kind="flow",
    is_share=True,
)
def digital_dossier_share(*, unit, period: Period, grouping: Grouping) -> Breakdown:
    dossiers = Dossier.objects.filter(
        Exists(Result.objects.filter(dossier_id=OuterRef("pk")).filter(in_period("created_at__date", period)))
    )
    return share_breakdown(
        dossiers,
        BY_PRODUCT,
        unit,
        grouping,
        numerator=Count("pk", filter=fully_digital()),
        denominator=Count("pk"),
    )
