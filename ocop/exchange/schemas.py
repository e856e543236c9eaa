"""API shapes of import jobs and their row results."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class CellErrorOut(Schema):
    column: str
    message: str
    suggestion: str = ""


class RowOut(Schema):
    row: int
    action: str
    label: str
    errors: list[CellErrorOut]
    notes: list[str]


class ImportJobOut(Schema):
    id: int
    kind: str
    original_name: str
    status: str
    status_label: str
    background: bool
    progress: int
    row_count: int
    counts: dict[str, int]
    can_commit: bool
    error: str
    created_at: dt.datetime
    checked_at: dt.datetime | None
    committed_at: dt.datetime | None
    finished_at: dt.datetime | None
    rows: list[RowOut] | None = None
