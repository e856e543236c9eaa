"""Helpers shared by the thin views: the application error mapped once to 404/403 and to form errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest

from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError

T = TypeVar("T")


def get_or_404(getter: Callable[..., T], **kwargs: Any) -> T:
    """Call a scoped selector; "not found or outside your scope" becomes 404, "not allowed" 403."""
    try:
        return getter(**kwargs)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc
    except PermissionDeniedError as exc:
        raise PermissionDenied(exc.message) from exc


def apply_error(form, exc: ApplicationError) -> None:
    """Show a service's refusal on the form: on the named fields when the form has them, else on top."""
    errors = exc.extra.get("errors") if exc.extra else None
    if isinstance(errors, dict):
        for field, field_errors in errors.items():
            for message in field_errors if isinstance(field_errors, list) else [field_errors]:
                form.add_error(field if field in form.fields else None, str(message))
    else:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def paginate(request: HttpRequest, rows, size: int = 25) -> Page:
    """The page of ``rows`` asked for by ``?page=`` (out-of-range or garbage gives the nearest page)."""
    return Paginator(rows, size).get_page(request.GET.get("page"))
