"""Pages of the records placed at a unit: training courses, promotion events, media, sales points, budgets."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.activities import selectors, services
from ocop.activities.forms import (
    AttendanceForm,
    BudgetForm,
    CloseForm,
    EventForm,
    MediaForm,
    ParticipationForm,
    SalesPointForm,
    TrainingForm,
)
from ocop.activities.permissions import can_change_located, is_activity_writer
from ocop.activities.views._base import (
    close_action,
    detail_page,
    form_errors_to_messages,
    form_page,
    list_page,
    post_action,
    require,
)
from ocop.core.views_support import get_or_404

# -- training -----------------------------------------------------------------------------------


@login_required
def training_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        kind="training",
        title=_("Lớp tập huấn, bồi dưỡng"),
        selector=selectors.training_list,
        extra=("audience", "level"),
        can_create=is_activity_writer(request.user),
        create_label=_("Ghi nhận lớp tập huấn"),
    )


@login_required
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_or_404(selectors.training_get_for_user, user=request.user, pk=pk)
    can_change = can_change_located(request.user, course)
    return detail_page(
        request,
        "training_detail.html",
        course,
        attendances=selectors.training_attendances(user=request.user, course=course),
        can_change=can_change,
        attendance_form=AttendanceForm(user=request.user) if can_change else None,
    )


@login_required
def training_create(request: HttpRequest) -> HttpResponse:
    require(is_activity_writer(request.user), _("Bạn không có quyền ghi nhận lớp tập huấn."))
    form = TrainingForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Ghi nhận lớp tập huấn"),
        save=lambda: services.training_create(actor=request.user, **form.service_data()),
        detail="activities:training-detail",
        cancel_url=reverse("activities:training-list"),
    )


@login_required
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_or_404(selectors.training_get_for_user, user=request.user, pk=pk)
    require(can_change_located(request.user, course), _("Bạn không có quyền sửa lớp tập huấn này."))
    form = TrainingForm(request.POST or None, instance=course, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Sửa lớp tập huấn: %(name)s") % {"name": course.title},
        save=lambda: services.training_update(
            actor=request.user,
            course=course,
            reason=form.cleaned_data.get("reason") or "",
            **form.service_data(),
        ),
        detail="activities:training-detail",
        cancel_url=reverse("activities:training-detail", args=[course.pk]),
    )


@login_required
@require_POST
def training_attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_or_404(selectors.training_get_for_user, user=request.user, pk=pk)
    require(can_change_located(request.user, course), _("Bạn không có quyền sửa lớp tập huấn này."))
    back = reverse("activities:training-detail", args=[course.pk])
    form = AttendanceForm(request.POST, user=request.user)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(back)
    return post_action(
        request,
        action=lambda: services.training_attendance_add(
            actor=request.user, course=course, **form.cleaned_data
        ),
        back=back,
        done=_("Đã ghi tên học viên."),
    )


@login_required
@require_POST
def training_attendance_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attendance = get_or_404(selectors.training_attendance_get_for_user, user=request.user, pk=pk)
    require(
        can_change_located(request.user, attendance.course), _("Bạn không có quyền sửa lớp tập huấn này.")
    )
    return post_action(
        request,
        action=lambda: services.training_attendance_remove(actor=request.user, attendance=attendance),
        back=reverse("activities:training-detail", args=[attendance.course_id]),
        done=_("Đã xoá tên học viên."),
    )


# -- promotion events ---------------------------------------------------------------------------


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        kind="event",
        title=_("Xúc tiến thương mại"),
        selector=selectors.event_list,
        extra=("event_kind", "scope"),
        can_create=is_activity_writer(request.user),
        create_label=_("Ghi nhận sự kiện"),
    )


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_or_404(selectors.event_get_for_user, user=request.user, pk=pk)
    can_change = can_change_located(request.user, event)
    return detail_page(
        request,
        "event_detail.html",
        event,
        participations=selectors.event_participations(user=request.user, event=event),
        can_change=can_change,
        participation_form=ParticipationForm(user=request.user) if can_change else None,
    )


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    require(is_activity_writer(request.user), _("Bạn không có quyền ghi nhận sự kiện."))
    form = EventForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Ghi nhận sự kiện xúc tiến thương mại"),
        save=lambda: services.event_create(actor=request.user, **form.service_data()),
        detail="activities:event-detail",
        cancel_url=reverse("activities:event-list"),
    )


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_or_404(selectors.event_get_for_user, user=request.user, pk=pk)
    require(can_change_located(request.user, event), _("Bạn không có quyền sửa sự kiện này."))
    form = EventForm(request.POST or None, instance=event, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Sửa sự kiện: %(name)s") % {"name": event.name},
        save=lambda: services.event_update(
            actor=request.user,
            event=event,
            reason=form.cleaned_data.get("reason") or "",
            **form.service_data(),
        ),
        detail="activities:event-detail",
        cancel_url=reverse("activities:event-detail", args=[event.pk]),
    )


@login_required
@require_POST
def event_participation_set(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_or_404(selectors.event_get_for_user, user=request.user, pk=pk)
    require(can_change_located(request.user, event), _("Bạn không có quyền sửa sự kiện này."))
    back = reverse("activities:event-detail", args=[event.pk])
    form = ParticipationForm(request.POST, user=request.user)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(back)
    return post_action(
        request,
        action=lambda: services.event_participation_set(actor=request.user, event=event, **form.cleaned_data),
        back=back,
        done=_("Đã ghi nhận chủ thể tham gia."),
    )


@login_required
@require_POST
def event_participation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    participation = get_or_404(selectors.event_participation_get_for_user, user=request.user, pk=pk)
    require(can_change_located(request.user, participation.event), _("Bạn không có quyền sửa sự kiện này."))
    return post_action(
        request,
        action=lambda: services.event_participation_remove(actor=request.user, participation=participation),
        back=reverse("activities:event-detail", args=[participation.event_id]),
        done=_("Đã xoá chủ thể khỏi sự kiện."),
    )


# -- media --------------------------------------------------------------------------------------


@login_required
def media_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        kind="media",
        title=_("Truyền thông: tin, bài, phóng sự"),
        selector=selectors.media_list,
        extra=("media_kind",),
        can_create=is_activity_writer(request.user),
        create_label=_("Ghi nhận tin, bài"),
    )


@login_required
def media_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_or_404(selectors.media_get_for_user, user=request.user, pk=pk)
    return detail_page(request, "media_detail.html", item, can_change=can_change_located(request.user, item))


@login_required
def media_create(request: HttpRequest) -> HttpResponse:
    require(is_activity_writer(request.user), _("Bạn không có quyền ghi nhận tin, bài."))
    form = MediaForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Ghi nhận tin, bài, phóng sự"),
        save=lambda: services.media_create(actor=request.user, **form.service_data()),
        detail="activities:media-detail",
        cancel_url=reverse("activities:media-list"),
    )


@login_required
def media_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_or_404(selectors.media_get_for_user, user=request.user, pk=pk)
    require(can_change_located(request.user, item), _("Bạn không có quyền sửa tin, bài này."))
    form = MediaForm(request.POST or None, instance=item, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Sửa tin, bài: %(name)s") % {"name": item.title},
        save=lambda: services.media_update(
            actor=request.user, item=item, reason=form.cleaned_data.get("reason") or "", **form.service_data()
        ),
        detail="activities:media-detail",
        cancel_url=reverse("activities:media-detail", args=[item.pk]),
    )


# -- sales points -------------------------------------------------------------------------------


@login_required
def sales_point_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        kind="sales-point",
        title=_("Điểm giới thiệu và bán sản phẩm OCOP"),
        selector=selectors.sales_point_list,
        extra=("point_kind", "point_status"),
        can_create=is_activity_writer(request.user),
        create_label=_("Ghi nhận điểm bán"),
    )


@login_required
def sales_point_detail(request: HttpRequest, pk: int) -> HttpResponse:
    point = get_or_404(selectors.sales_point_get_for_user, user=request.user, pk=pk)
    can_change = can_change_located(request.user, point)
    return detail_page(
        request,
        "sales_point_detail.html",
        point,
        products=selectors.sales_point_products(sales_point=point),
        can_change=can_change,
        close_form=CloseForm() if can_change and point.closed_on is None else None,
    )


def _point_save(request: HttpRequest, form, point=None):
    data = form.service_data()
    products = form.cleaned_data.get("products")
    if point is None:
        return services.sales_point_create(actor=request.user, products=products, **data)
    return services.sales_point_update(
        actor=request.user,
        sales_point=point,
        products=products,
        reason=form.cleaned_data.get("reason") or "",
        **data,
    )


@login_required
def sales_point_create(request: HttpRequest) -> HttpResponse:
    require(is_activity_writer(request.user), _("Bạn không có quyền ghi nhận điểm bán."))
    form = SalesPointForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Ghi nhận điểm giới thiệu và bán sản phẩm"),
        save=lambda: _point_save(request, form),
        detail="activities:sales-point-detail",
        cancel_url=reverse("activities:sales-point-list"),
    )


@login_required
def sales_point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    point = get_or_404(selectors.sales_point_get_for_user, user=request.user, pk=pk)
    require(can_change_located(request.user, point), _("Bạn không có quyền sửa điểm bán này."))
    form = SalesPointForm(request.POST or None, instance=point, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Sửa điểm bán: %(name)s") % {"name": point.name},
        save=lambda: _point_save(request, form, point),
        detail="activities:sales-point-detail",
        cancel_url=reverse("activities:sales-point-detail", args=[point.pk]),
    )


@login_required
@require_POST
def sales_point_close(request: HttpRequest, pk: int) -> HttpResponse:
    point = get_or_404(selectors.sales_point_get_for_user, user=request.user, pk=pk)
    require(can_change_located(request.user, point), _("Bạn không có quyền sửa điểm bán này."))
    return close_action(
        request,
        close=lambda day, reason: services.sales_point_close(
            actor=request.user, sales_point=point, closed_on=day, reason=reason
        ),
        back=reverse("activities:sales-point-detail", args=[point.pk]),
        done=_("Đã ghi nhận điểm bán đóng cửa."),
    )


# -- budgets ------------------------------------------------------------------------------------


@login_required
def budget_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        kind="budget",
        title=_("Kinh phí thực hiện Chương trình"),
        selector=selectors.budget_list,
        extra=("source",),
        search=False,
        can_create=is_activity_writer(request.user),
        create_label=_("Ghi nhận kinh phí"),
    )


@login_required
def budget_detail(request: HttpRequest, pk: int) -> HttpResponse:
    budget = get_or_404(selectors.budget_get_for_user, user=request.user, pk=pk)
    return detail_page(
        request, "budget_detail.html", budget, can_change=can_change_located(request.user, budget)
    )


def _budget_save(request: HttpRequest, form, budget=None):
    data = form.cleaned_data
    return services.budget_save(
        actor=request.user,
        unit=budget.unit if budget else form.unit(),
        year=budget.year if budget else data["year"],
        source=budget.source if budget else data["source"],
        planned=data.get("planned") or 0,
        mobilised=data.get("mobilised") or 0,
        note=data.get("note") or "",
        reason=data.get("reason") or "",
    )


@login_required
def budget_create(request: HttpRequest) -> HttpResponse:
    require(is_activity_writer(request.user), _("Bạn không có quyền ghi nhận kinh phí."))
    form = BudgetForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Ghi nhận kinh phí (kế hoạch, huy động)"),
        save=lambda: _budget_save(request, form),
        detail="activities:budget-detail",
        cancel_url=reverse("activities:budget-list"),
    )


@login_required
def budget_edit(request: HttpRequest, pk: int) -> HttpResponse:
    budget = get_or_404(selectors.budget_get_for_user, user=request.user, pk=pk)
    require(can_change_located(request.user, budget), _("Bạn không có quyền sửa kinh phí này."))
    form = BudgetForm(request.POST or None, instance=budget, user=request.user)
    return form_page(
        request,
        form=form,
        title=_("Sửa kinh phí %(year)s — %(unit)s") % {"year": budget.year, "unit": budget.unit.name},
        save=lambda: _budget_save(request, form, budget),
        detail="activities:budget-detail",
        cancel_url=reverse("activities:budget-detail", args=[budget.pk]),
    )
