"""The activities' overview page: how many records of each kind the user may see, with links."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ocop.activities import selectors

KINDS = (
    ("training", "activities:training-list", _("lớp tập huấn")),
    ("events", "activities:event-list", _("sự kiện xúc tiến thương mại")),
    ("media", "activities:media-list", _("tin, bài, phóng sự")),
    ("sales_points", "activities:sales-point-list", _("điểm giới thiệu và bán sản phẩm")),
    ("listings", "activities:listing-list", _("gian hàng thương mại điện tử")),
    ("revenue", "activities:revenue-list", _("báo cáo doanh thu")),
    ("supports", "activities:support-list", _("lượt hỗ trợ chủ thể")),
    ("budgets", "activities:budget-list", _("dòng kinh phí")),
)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    counts = selectors.activities_summary_for_user(user=request.user)
    cards = [{"count": counts[key], "url_name": url_name, "label": label} for key, url_name, label in KINDS]
    return render(request, "activities/overview.html", {"cards": cards})
