"""Helpers shared by the monitoring services: saving with history, input checks, permission checks."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ocop.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from ocop.core.text import normalize
from ocop.geo.models import AdminUnit
from ocop.monitoring.models import Plan
from ocop.monitoring.permissions import can_change_plan, can_view_plan

_SINGLE_LINE = {"number", "title", "issuing_body", "source", "code"}
_MULTILINE = {"legal_basis", "summary", "note"}


def _save(instance: Any, *, actor, reason: str) -> None:
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        field, messages = next(iter(errors.items()))
        raise ApplicationError(
            " ".join(str(m) for m in messages),
            field=None if field == "__all__" else field,
            extra={"errors": errors},
        ) from exc
    instance._history_user = actor
    instance._change_reason = reason[:100]  # the history column holds 100 characters
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ApplicationError(_("Bản ghi trùng với một bản ghi đã có; hãy kiểm tra lại.")) from exc


def _text(value: Any, *, multiline: bool = False) -> str:
    if value is None:
        return ""
    if multiline:
        return unicodedata.normalize("NFC", str(value)).strip()
    return normalize(str(value))


def _date(value: Any, *, field: str, label: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ApplicationError(_("Hãy nhập %(label)s (dd/mm/yyyy).") % {"label": label}, field=field)
    return value


def _decimal(value: Any, *, field: str, label: str) -> Decimal:
    if isinstance(value, bool):
        raise ApplicationError(_("%(label)s phải là một số.") % {"label": label}, field=field)
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ApplicationError(_("%(label)s phải là một số.") % {"label": label}, field=field) from exc
    if not number.is_finite():
        raise ApplicationError(_("%(label)s phải là một số.") % {"label": label}, field=field)
    return number


def _format(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _check_can_change(actor, plan: Plan) -> None:
    if not can_view_plan(actor, plan):
        raise NotFoundError(_("Không tìm thấy kế hoạch."))
    if not can_change_plan(actor, plan):
        raise PermissionDeniedError(_("Bạn không có quyền sửa kế hoạch này."))


def _assign(instance: Any, allowed: tuple[str, ...], data: dict[str, Any]) -> list[str]:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ApplicationError(
            _("Trường không được phép sửa: %(fields)s.") % {"fields": ", ".join(unknown)}, field=unknown[0]
        )
    changed = []
    for field, value in data.items():
        if field in _SINGLE_LINE:
            value = _text(value)
        elif field in _MULTILINE:
            value = _text(value, multiline=True)
        if getattr(instance, field if field != "unit" else "unit_id") != (
            value.pk if field == "unit" and isinstance(value, AdminUnit) else value
        ):
            setattr(instance, field, value)
            changed.append(field)
    return changed
