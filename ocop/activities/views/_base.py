"""What the activity pages share: a filtered, paged list page and a form page over one service call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ocop.accounts.scoping import is_producer_account
from ocop.activities.exports import COLUMNS, FILE_NAMES
from ocop.activities.forms import ActivityFilterForm, CloseForm
from ocop.activities.permissions import is_activity_writer
from ocop.activities.selectors import ActivityFilters
from ocop.core.exceptions import ApplicationError
from ocop.core.exports import export_format, export_response
from ocop.core.views_support import apply_error, paginate
from ocop.registry.selectors import record_history

__all__ = ["detail_page", "form_page", "list_page", "record_history", "require", "writes_for_producers"]


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def writes_for_producers(user) -> bool:
    """Listings and revenue are kept by officers and by a producer's own account."""
    return bool(is_activity_writer(user) or (is_producer_account(user) and user.producer_id))


def list_page(
    request: HttpRequest,
    *,
    kind: str,
    title: str,
    selector: Callable[..., Any],
    extra: tuple[str, ...] = (),
    search: bool = True,
    can_create: bool = False,
    create_label: str = "",
) -> HttpResponse:
    """A list of one kind, with filters (htmx refreshes only the rows) and paging.

    ``?export=csv`` / ``?export=xlsx`` download the same filtered rows in the kind's columns.
    """
    form = ActivityFilterForm(request.GET or None, user=request.user, extra=extra, search=search)
    records = selector(user=request.user, filters=ActivityFilters(**form.filters()))
    if fmt := export_format(request):
        return export_response(fmt, rows=records, columns=COLUMNS[kind], name=FILE_NAMES[kind])
    page = paginate(request, records)
    rows = f"activities/_{kind}_rows.html"
    context = {
        "form": form,
        "page": page,
        "title": title,
        "kind": kind,
        "rows_template": rows,
        "list_url": reverse(f"activities:{kind}-list"),
        "create_url": reverse(f"activities:{kind}-create") if can_create else "",
        "create_label": create_label,
    }
    return render(request, rows if request.htmx else "activities/list.html", context)


def form_page(
    request: HttpRequest,
    *,
    form,
    title: str,
    save: Callable[[], Any],
    detail: str,
    cancel_url: str,
    done: str | None = None,
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``save`` (one service) and go to the record's page."""
    if request.method == "POST" and form.is_valid():
        try:
            record = save()
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, done or _("Đã lưu."))
            return redirect(detail, pk=record.pk)
    return render(request, "activities/form.html", {"form": form, "title": title, "cancel_url": cancel_url})


def detail_page(request: HttpRequest, template: str, record, **context: Any) -> HttpResponse:
    context.setdefault("history", record_history(record))
    return render(request, f"activities/{template}", {"record": record, **context})


def post_action(request: HttpRequest, *, action: Callable[[], Any], back: str, done: str) -> HttpResponse:
    """A small POST (add an attendee, close a point): problems come back as messages on the page."""
    if request.method == "POST":
        try:
            action()
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done)
    return redirect(back)


def close_action(
    request: HttpRequest, *, close: Callable[[Any, str], Any], back: str, done: str
) -> HttpResponse:
    """Close or end a record on a day with a reason (``CloseForm``): ``close(day, reason)`` does it."""
    form = CloseForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(back)
    day, reason = form.cleaned_data["day"], form.cleaned_data["reason"]
    return post_action(request, action=lambda: close(day, reason), back=back, done=done)


def form_errors_to_messages(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
