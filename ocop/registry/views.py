"""Pages of the registry for officers and producers: thin views over selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ocop.core.exceptions import ApplicationError, PermissionDeniedError
from ocop.core.exports import export_format, export_response
from ocop.core.views_support import apply_error, get_or_404, paginate
from ocop.registry import selectors, services
from ocop.registry.exports import PRODUCER_COLUMNS, PRODUCT_COLUMNS
from ocop.registry.forms import (
    ProducerFilterForm,
    ProducerForm,
    ProductFilterForm,
    ProductForm,
    ProductPhotoForm,
    communes_for,
)
from ocop.registry.permissions import (
    can_change_producer,
    can_change_product,
    can_create_product_for,
    is_registry_writer,
)


@login_required
def producer_list(request: HttpRequest) -> HttpResponse:
    form = ProducerFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    leader = data.get("leader")
    filters = selectors.ProducerFilters(
        q=data.get("q"),
        kind=data.get("kind") or None,
        unit_id=data["unit"].pk if data.get("unit") else None,
        women_led=True if leader == "women" else None,
        ethnic_minority_led=True if leader == "minority" else None,
        green_value_chain=True if data.get("green") else None,
    )
    producers = selectors.producer_list(user=request.user, filters=filters)
    if fmt := export_format(request):
        return export_response(fmt, rows=producers, columns=PRODUCER_COLUMNS, name="chu-the")
    page = paginate(request, producers)
    template = "registry/_producer_rows.html" if request.htmx else "registry/producer_list.html"
    return render(
        request, template, {"form": form, "page": page, "can_create": is_registry_writer(request.user)}
    )


@login_required
def producer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    producer = get_or_404(selectors.producer_get_for_user, user=request.user, pk=pk)
    products = selectors.product_list(
        user=request.user, filters=selectors.ProductFilters(producer_id=producer.pk)
    )
    return render(
        request,
        "registry/producer_detail.html",
        {
            "producer": producer,
            "products": products,
            "history": selectors.record_history(producer),
            "can_change": can_change_producer(request.user, producer),
            "can_add_product": can_create_product_for(request.user, producer),
        },
    )


@login_required
def producer_create(request: HttpRequest) -> HttpResponse:
    if not is_registry_writer(request.user):
        raise PermissionDenied(_("Bạn không có quyền đăng ký chủ thể."))
    form = ProducerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            producer = services.producer_create(actor=request.user, **form.service_data())
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã đăng ký chủ thể “%(name)s”.") % {"name": producer.name})
            return redirect(producer)
    return render(request, "registry/producer_form.html", {"form": form, "producer": None})


@login_required
def producer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    producer = get_or_404(selectors.producer_get_for_user, user=request.user, pk=pk)
    if not can_change_producer(request.user, producer):
        raise PermissionDenied(_("Bạn không có quyền sửa chủ thể này."))
    form = ProducerForm(request.POST or None, instance=producer, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.producer_update(
                actor=request.user,
                producer=producer,
                reason=form.cleaned_data.get("reason") or "",
                **form.service_data(),
            )
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("registry:producer-detail", pk=producer.pk)
    return render(request, "registry/producer_form.html", {"form": form, "producer": producer})


@login_required
@require_GET
def commune_options(request: HttpRequest) -> HttpResponse:
    """<option>s of the communes of one province the user may use (for the producer form)."""
    province = request.GET.get("province", "")
    communes = communes_for(request.user).order_by("name_sort")
    communes = communes.filter(parent_id=int(province)) if province.isdigit() else communes.none()
    return render(request, "registry/_commune_options.html", {"communes": communes})


@login_required
def product_list(request: HttpRequest) -> HttpResponse:
    form = ProductFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ProductFilters(
        q=data.get("q"),
        product_set=data["product_set"].number if data.get("product_set") else None,
        unit_id=data["unit"].pk if data.get("unit") else None,
    )
    products = selectors.product_list(user=request.user, filters=filters)
    if fmt := export_format(request):
        return export_response(fmt, rows=products, columns=PRODUCT_COLUMNS, name="san-pham")
    page = paginate(request, products)
    template = "registry/_product_rows.html" if request.htmx else "registry/product_list.html"
    return render(request, template, {"form": form, "page": page})


@login_required
def product_detail(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_or_404(selectors.product_get_for_user, user=request.user, pk=pk)
    return render(
        request,
        "registry/product_detail.html",
        {
            "product": product,
            "photos": product.photos.all(),
            "history": selectors.record_history(product),
            "can_change": can_change_product(request.user, product),
            "photo_form": ProductPhotoForm(),
        },
    )


@login_required
def product_photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload one photo of a product; problems come back as messages on the product page."""
    product = get_or_404(selectors.product_get_for_user, user=request.user, pk=pk)
    if not can_change_product(request.user, product):
        raise PermissionDenied(_("Bạn không có quyền sửa sản phẩm này."))
    if request.method != "POST":
        return redirect(product)
    form = ProductPhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(product)
    try:
        services.product_photo_add(
            actor=request.user,
            product=product,
            image=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thêm ảnh."))
    return redirect(product)


@login_required
def product_create(request: HttpRequest, producer_pk: int) -> HttpResponse:
    producer = get_or_404(selectors.producer_get_for_user, user=request.user, pk=producer_pk)
    if not can_create_product_for(request.user, producer):
        raise PermissionDenied(_("Bạn không có quyền đăng ký sản phẩm cho chủ thể này."))
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_create(actor=request.user, producer=producer, **form.service_data())
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã đăng ký sản phẩm “%(name)s”.") % {"name": product.name})
            return redirect(product)
    return render(
        request, "registry/product_form.html", {"form": form, "producer": producer, "product": None}
    )


@login_required
def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_or_404(selectors.product_get_for_user, user=request.user, pk=pk)
    if not can_change_product(request.user, product):
        raise PermissionDenied(_("Bạn không có quyền sửa sản phẩm này."))
    form = ProductForm(request.POST or None, instance=product)
    if request.method == "POST" and form.is_valid():
        try:
            services.product_update(
                actor=request.user,
                product=product,
                reason=form.cleaned_data.get("reason") or "",
                **form.service_data(),
            )
        except (ApplicationError, PermissionDeniedError) as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(product)
    return render(
        request,
        "registry/product_form.html",
        {"form": form, "producer": product.producer, "product": product},
    )
