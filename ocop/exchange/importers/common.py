"""Helpers the registry importers share: chunked lookups, scope tests in memory, change notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from ocop.accounts.scoping import scope_of
from ocop.exchange.importers.base import RowResult

CHUNK = 900  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """Distinct values in lists of at most ``size``."""
    batch: list[Any] = []
    for value in dict.fromkeys(v for v in values if v not in (None, "")):
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class ScopeTest:
    """Whether a unit lies in a user's area, answered from the unit's path (no query per row)."""

    def __init__(self, user) -> None:
        scope = scope_of(user)
        self.nationwide = scope.nationwide
        self.prefix = scope.unit.path if scope.unit is not None else None
        self.area = str(scope.unit) if scope.unit is not None else ""

    def __call__(self, unit) -> bool:
        if self.nationwide:
            return True
        return unit is not None and self.prefix is not None and unit.path.startswith(self.prefix)

    def refuse(self, result: RowResult, column: str, what: str) -> None:
        result.add_error(
            column,
            _("%(what)s ở ngoài địa bàn của bạn (%(area)s).") % {"what": what, "area": self.area},
            _("Chỉ nhập bản ghi thuộc địa bàn mình phụ trách; bỏ dòng này hoặc gửi cho địa phương đó."),
        )


def jsonable(value: Any) -> Any:
    """A cleaned value as stored in ``RowResult.data`` (dates as ISO strings)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def shown(value: Any) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def change_note(label: str, old: Any, new: Any) -> str:
    return _("%(field)s: %(old)s → %(new)s") % {"field": label, "old": shown(old), "new": shown(new)}
