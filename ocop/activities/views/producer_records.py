"""Pages of the records about a producer: e-commerce listings, revenue reports, supports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.activities import selectors, services
from ocop.activities.forms import CloseForm, ListingForm, RevenueForm, SupportForm
from ocop.activities.models import RevenueReport
from ocop.activities.permissions import (
    can_change_officer_record,
    can_change_own_record,
    is_activity_writer,
)
from ocop.activities.views._base import (
    close_action,
    detail_page,
    form_page,
    list_page,
    require,
    writes_for_producers,
)
from ocop.core.views_support import get_or_404

# -- e-commerce listings ------------------------------------------------------------------------


@login_required
def listing_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        kind="listing",
        title=_("Gian hàng thương mại điện tử"),
        selector=selectors.listing_list,
        extra=("platform", "listing_status"),
        can_create=writes_for_producers(request.user),
        create_label=_("Ghi nhận gian hàng"),
    )


@login_required
def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_or_404(selectors.listing_get_for_user, user=request.user, pk=pk)
    can_change = can_change_own_record(request.user, listing)
    return detail_page(
        request,
        "listing_detail.html",
        listing,
        can_change=can_change,
        end_form=CloseForm() if can_change and listing.listed_until is None else None,
    )


@login_required
def listing_create(request: HttpRequest) -> HttpResponse:
    require(writes_for_producers(request.user), _("Bạn không có quyền ghi nhận gian hàng."))
    form = ListingForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Ghi nhận gian hàng thương mại điện tử"),
        save=lambda: services.listing_create(
            actor=request.user, product=form.cleaned_data["product"], **form.service_data()
        ),
        detail="activities:listing-detail",
        cancel_url=reverse("activities:listing-list"),
    )


@login_required
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_or_404(selectors.listing_get_for_user, user=request.user, pk=pk)
    require(can_change_own_record(request.user, listing), _("Bạn không có quyền sửa gian hàng này."))
    form = ListingForm(request.POST or None, instance=listing, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Sửa gian hàng: %(name)s") % {"name": listing},
        save=lambda: services.listing_update(
            actor=request.user,
            listing=listing,
            reason=form.cleaned_data.get("reason") or "",
            **form.service_data(),
        ),
        detail="activities:listing-detail",
        cancel_url=reverse("activities:listing-detail", args=[listing.pk]),
    )


@login_required
@require_POST
def listing_end(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_or_404(selectors.listing_get_for_user, user=request.user, pk=pk)
    require(can_change_own_record(request.user, listing), _("Bạn không có quyền sửa gian hàng này."))
    return close_action(
        request,
        close=lambda day, reason: services.listing_end(
            actor=request.user, listing=listing, listed_until=day, reason=reason
        ),
        back=reverse("activities:listing-detail", args=[listing.pk]),
        done=_("Đã ghi nhận ngừng bán."),
    )


# -- revenue ------------------------------------------------------------------------------------


@login_required
def revenue_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        kind="revenue",
        title=_("Báo cáo doanh thu"),
        selector=selectors.revenue_list,
        can_create=writes_for_producers(request.user),
        create_label=_("Báo cáo doanh thu"),
    )


@login_required
def revenue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_or_404(selectors.revenue_report_get_for_user, user=request.user, pk=pk)
    channels = [(report._meta.get_field(c).verbose_name, getattr(report, c)) for c in RevenueReport.CHANNELS]
    return detail_page(
        request,
        "revenue_detail.html",
        report,
        channels=channels,
        can_change=can_change_own_record(request.user, report),
    )


def _channels(form) -> dict[str, int]:
    return {c: form.cleaned_data.get(c) or 0 for c in RevenueReport.CHANNELS if c in form.cleaned_data}


@login_required
def revenue_create(request: HttpRequest) -> HttpResponse:
    require(writes_for_producers(request.user), _("Bạn không có quyền báo cáo doanh thu."))
    form = RevenueForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Báo cáo doanh thu theo năm"),
        save=lambda: services.revenue_report_save(
            actor=request.user,
            producer=form.cleaned_data["producer"],
            product=form.cleaned_data.get("product"),
            year=form.cleaned_data["year"],
            **_channels(form),
        ),
        detail="activities:revenue-detail",
        cancel_url=reverse("activities:revenue-list"),
    )


@login_required
def revenue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_or_404(selectors.revenue_report_get_for_user, user=request.user, pk=pk)
    require(can_change_own_record(request.user, report), _("Bạn không có quyền sửa báo cáo doanh thu này."))
    form = RevenueForm(request.POST or None, instance=report, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Sửa báo cáo doanh thu năm %(year)s") % {"year": report.year},
        save=lambda: services.revenue_report_save(
            actor=request.user,
            producer=report.producer,
            product=report.product,
            year=report.year,
            reason=form.cleaned_data.get("reason") or "",
            **_channels(form),
        ),
        detail="activities:revenue-detail",
        cancel_url=reverse("activities:revenue-detail", args=[report.pk]),
    )


# -- supports -----------------------------------------------------------------------------------


@login_required
def support_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        kind="support",
        title=_("Hỗ trợ chủ thể"),
        selector=selectors.support_list,
        extra=("support_kind", "source"),
        can_create=is_activity_writer(request.user),
        create_label=_("Ghi nhận hỗ trợ"),
    )


@login_required
def support_detail(request: HttpRequest, pk: int) -> HttpResponse:
    support = get_or_404(selectors.support_get_for_user, user=request.user, pk=pk)
    return detail_page(
        request, "support_detail.html", support, can_change=can_change_officer_record(request.user, support)
    )


@login_required
def support_create(request: HttpRequest) -> HttpResponse:
    require(is_activity_writer(request.user), _("Bạn không có quyền ghi nhận hỗ trợ."))
    form = SupportForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Ghi nhận hỗ trợ chủ thể"),
        save=lambda: services.support_create(
            actor=request.user, producer=form.cleaned_data["producer"], **form.service_data()
        ),
        detail="activities:support-detail",
        cancel_url=reverse("activities:support-list"),
    )


@login_required
def support_edit(request: HttpRequest, pk: int) -> HttpResponse:
    support = get_or_404(selectors.support_get_for_user, user=request.user, pk=pk)
    require(can_change_officer_record(request.user, support), _("Bạn không có quyền sửa bản ghi hỗ trợ này."))
    form = SupportForm(request.POST or None, instance=support, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Sửa hỗ trợ: %(name)s") % {"name": support.producer.name},
        save=lambda: services.support_update(
            actor=request.user,
            support=support,
            reason=form.cleaned_data.get("reason") or "",
            **form.service_data(),
        ),
        detail="activities:support-detail",
        cancel_url=reverse("activities:support-detail", args=[support.pk]),
    )
